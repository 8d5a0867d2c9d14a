// store.messages in PostgreSQL: a post with its room and the other members' unread state, history pages, deletion.
import type { MessageDoc, RoomDoc } from '../../core/documents.js';
import type { MessageListQuery, MessagePost, MessagePosted, MessagesPort } from '../../core/store.js';
import type { PostgresAccess } from './postgres-access.js';
import { docOf, docsOf, type Queryable } from './postgres-queryable.js';
import * as rooms from './postgres-rooms.js';

export async function insertMessageRow(db: Queryable, message: MessageDoc): Promise<void> {
  await db.query('INSERT INTO messages (id, rid, ts, t, doc) VALUES ($1, $2, $3, $4, $5)', [
    message._id,
    message.rid,
    message.ts,
    message.t ?? null,
    JSON.stringify(message),
  ]);
}

/** `doc`'s counter `field` plus `increment` (a SQL expression); a missing or non-numeric one counts from 0. */
const raised = (field: string, increment: string) =>
  `CASE WHEN json_typeof(doc->'${field}') = 'number' THEN (doc->>'${field}')::numeric ELSE 0 END + ${increment}`;

/**
 * Inside a transaction. The room row is locked first (the order writeRoom takes), then Rocket.Chat's
 * incUserMentionsAndUnreadForRoomIdAndUserIds, incGroupMentionsAndUnreadForRoomIdExcludingUserId,
 * incUnreadForRoomIdExcludingUserIds and setAlert/setOpenForRoomIdExcludingUserId run as ONE statement over
 * every member but the sender, served by the (rid, user_id) index. The document is merged as jsonb (a tenth of
 * the cost of rebuilding the json key by key), so a raised subscription's keys come back in jsonb's order.
 */
export async function postMessage(db: Queryable, post: MessagePost): Promise<MessagePosted | null> {
  const { message } = post;
  const current = await rooms.findRoomById(db, message.rid, true);
  if (!current) return null;
  await insertMessageRow(db, message);
  const room = { ...post.room(current), _id: current._id };
  await rooms.replaceRoomRow(db, room);
  const { mentioned: m, others: o } = post;
  const mentions = post.mentionedIds.length > 0;
  const pick = (mentioned: number, other: number) =>
    mentions
      ? `CASE WHEN user_id = ANY($3::text[]) THEN ${Math.trunc(mentioned)} ELSE ${Math.trunc(other)} END`
      : String(Math.trunc(other));
  const raisedRows = await db.query<{ user_id: string }>(
    `UPDATE subscriptions SET doc = (doc::jsonb || jsonb_build_object(
       'alert', true,
       'open', true,
       'unread', ${raised('unread', pick(m.unread, o.unread))},
       'userMentions', ${raised('userMentions', pick(m.userMentions, o.userMentions))},
       'groupMentions', ${raised('groupMentions', pick(m.groupMentions, o.groupMentions))}))::json
     WHERE rid = $1 AND user_id <> $2
     RETURNING user_id`,
    mentions ? [message.rid, post.senderId, [...post.mentionedIds]] : [message.rid, post.senderId],
  );
  return { room, raisedUserIds: raisedRows.rows.map((row) => row.user_id) };
}

export async function findMessageById(db: Queryable, id: string): Promise<MessageDoc | null> {
  return docOf(await db.query('SELECT doc FROM messages WHERE id = $1', [id]));
}

export async function listMessages(
  db: Queryable,
  query: MessageListQuery,
): Promise<{ messages: MessageDoc[]; total: number }> {
  const values: unknown[] = [query.rid];
  const where = ['rid = $1'];
  const [lower, upper] = query.inclusive ? ['>=', '<='] : ['>', '<'];
  if (query.oldest !== undefined) {
    values.push(query.oldest);
    where.push(`ts ${lower} $${values.length}`);
  }
  if (query.latest !== undefined) {
    values.push(query.latest);
    where.push(`ts ${upper} $${values.length}`);
  }
  const condition = where.join(' AND ');
  const counted = await db.query(`SELECT count(*)::int AS n FROM messages WHERE ${condition}`, values);
  const total = (counted.rows[0] as { n: number } | undefined)?.n ?? 0;
  const order = query.direction === 1 ? 'ASC' : 'DESC';
  values.push(query.count > 0 ? query.count : null, query.offset);
  const page = await db.query(
    `SELECT doc FROM messages WHERE ${condition} ORDER BY ts ${order}, id ${order}
     LIMIT $${values.length - 1} OFFSET $${values.length}`,
    values,
  );
  return { messages: docsOf(page), total };
}

/** Inside a transaction: the message goes, its room is rewritten from the newest remaining user message. */
export async function deleteMessage(
  db: Queryable,
  id: string,
  change: (room: RoomDoc, lastVisible: MessageDoc | null) => RoomDoc,
): Promise<boolean> {
  const message = await findMessageById(db, id);
  if (!message) return false;
  const current = await rooms.findRoomById(db, message.rid, true);
  await db.query('DELETE FROM messages WHERE id = $1', [id]);
  if (current) {
    const last = docOf<MessageDoc>(
      await db.query(
        'SELECT doc FROM messages WHERE rid = $1 AND t IS NULL ORDER BY ts DESC, id DESC LIMIT 1',
        [message.rid],
      ),
    );
    await rooms.replaceRoomRow(db, { ...change(current, last), _id: current._id });
  }
  return true;
}

export class PostgresMessages implements MessagesPort {
  constructor(private readonly pg: PostgresAccess) {}

  post(post: MessagePost): Promise<MessagePosted | null> {
    return this.pg.write('rooms', (db) => postMessage(db, post));
  }
  findById(id: string): Promise<MessageDoc | null> {
    return this.pg.read((db) => findMessageById(db, id));
  }
  list(query: MessageListQuery): Promise<{ messages: MessageDoc[]; total: number }> {
    return this.pg.read((db) => listMessages(db, query));
  }
  delete(id: string, room: (current: RoomDoc, lastVisible: MessageDoc | null) => RoomDoc): Promise<boolean> {
    return this.pg.write('rooms', (db) => deleteMessage(db, id, room));
  }
}
