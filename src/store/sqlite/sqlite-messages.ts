// store.messages in SQLite: a post with its room and the other members' unread state, history pages, deletion.
import type { Database, Statement } from 'better-sqlite3';
import type { MessageDoc, RoomDoc } from '../../core/documents.js';
import type {
  MessageListQuery,
  MessagePost,
  MessagePosted,
  MessagesPort,
  UnreadIncrement,
} from '../../core/store.js';
import type { SqliteRooms } from './sqlite-rooms.js';
import type { SqliteWriter } from './sqlite-writer.js';

type DocRow = { doc: string } | undefined;

/** An increment of one counter: Mongo's $inc creates a missing field from 0. */
const raised = (field: string, increment: string) => `coalesce(doc ->> '$.${field}', 0) + ${increment}`;

/** The increment of `field` for a member: the mentioned ones' when `withMentions`, else everyone's. */
const pick = (field: keyof UnreadIncrement, withMentions: boolean) =>
  withMentions
    ? `CASE WHEN user_id IN (SELECT value FROM json_each(@mentioned)) THEN @m_${field} ELSE @o_${field} END`
    : `@o_${field}`;

const raiseSql = (withMentions: boolean) =>
  `UPDATE subscriptions SET doc = json_set(doc,
     '$.alert', json('true'),
     '$.open', json('true'),
     '$.unread', ${raised('unread', pick('unread', withMentions))},
     '$.userMentions', ${raised('userMentions', pick('userMentions', withMentions))},
     '$.groupMentions', ${raised('groupMentions', pick('groupMentions', withMentions))})
   WHERE rid = @rid AND user_id != @sender
   RETURNING user_id`;

export class SqliteMessages implements MessagesPort {
  private readonly insertRow: Statement<[string, string, string, string | null, string]>;
  private readonly byId: Statement<[string]>;
  private readonly deleteRow: Statement<[string]>;
  private readonly lastVisible: Statement<[string]>;
  /**
   * Rocket.Chat's incUserMentionsAndUnreadForRoomIdAndUserIds, incGroupMentionsAndUnreadForRoomIdExcludingUserId,
   * incUnreadForRoomIdExcludingUserIds and setAlert/setOpenForRoomIdExcludingUserId as ONE statement: every
   * member but the sender, the mentioned ones with their own increments. Served by the (rid, user_id) index.
   */
  private readonly raise: Statement<Record<string, string | number>>;
  private readonly raiseWithMentions: Statement<Record<string, string | number>>;

  constructor(
    private readonly db: Database,
    private readonly writer: SqliteWriter,
    private readonly rooms: SqliteRooms,
  ) {
    this.insertRow = db.prepare('INSERT INTO messages (id, rid, ts, t, doc) VALUES (?, ?, ?, ?, ?)');
    this.byId = db.prepare('SELECT doc FROM messages WHERE id = ?');
    this.deleteRow = db.prepare('DELETE FROM messages WHERE id = ?');
    this.lastVisible = db.prepare(
      'SELECT doc FROM messages WHERE rid = ? AND t IS NULL ORDER BY ts DESC, id DESC LIMIT 1',
    );
    this.raise = db.prepare(raiseSql(false));
    this.raiseWithMentions = db.prepare(raiseSql(true));
  }

  insertSync(message: MessageDoc): void {
    this.insertRow.run(message._id, message.rid, message.ts, message.t ?? null, JSON.stringify(message));
  }

  async post(post: MessagePost): Promise<MessagePosted | null> {
    return this.writer.write('rooms', () => this.postSync(post));
  }

  private postSync(post: MessagePost): MessagePosted | null {
    const { message } = post;
    const current = this.rooms.findByIdSync(message.rid);
    if (!current) return null;
    this.insertSync(message);
    const room = { ...post.room(current), _id: current._id };
    this.rooms.replace(room);
    const withMentions = post.mentionedIds.length > 0;
    const rows = (withMentions ? this.raiseWithMentions : this.raise).all({
      rid: message.rid,
      sender: post.senderId,
      ...(withMentions
        ? {
            mentioned: JSON.stringify(post.mentionedIds),
            m_unread: post.mentioned.unread,
            m_userMentions: post.mentioned.userMentions,
            m_groupMentions: post.mentioned.groupMentions,
          }
        : {}),
      o_unread: post.others.unread,
      o_userMentions: post.others.userMentions,
      o_groupMentions: post.others.groupMentions,
    }) as { user_id: string }[];
    return { room, raisedUserIds: rows.map((row) => row.user_id) };
  }

  async findById(id: string): Promise<MessageDoc | null> {
    return this.findByIdSync(id);
  }

  private findByIdSync(id: string): MessageDoc | null {
    const row = this.byId.get(id) as DocRow;
    return row ? (JSON.parse(row.doc) as MessageDoc) : null;
  }

  async list(query: MessageListQuery): Promise<{ messages: MessageDoc[]; total: number }> {
    const where = ['rid = ?'];
    const values: (string | number)[] = [query.rid];
    const [lower, upper] = query.inclusive ? ['>=', '<='] : ['>', '<'];
    if (query.oldest !== undefined) {
      where.push(`ts ${lower} ?`);
      values.push(query.oldest);
    }
    if (query.latest !== undefined) {
      where.push(`ts ${upper} ?`);
      values.push(query.latest);
    }
    const condition = where.join(' AND ');
    const total = (
      this.db.prepare(`SELECT count(*) AS n FROM messages WHERE ${condition}`).get(...values) as { n: number }
    ).n;
    const order = query.direction === 1 ? 'ASC' : 'DESC';
    const rows = this.db
      .prepare(
        `SELECT doc FROM messages WHERE ${condition} ORDER BY ts ${order}, id ${order} LIMIT ? OFFSET ?`,
      )
      .all(...values, query.count > 0 ? query.count : -1, query.offset) as { doc: string }[];
    return { messages: rows.map((row) => JSON.parse(row.doc) as MessageDoc), total };
  }

  async delete(
    id: string,
    change: (room: RoomDoc, lastVisible: MessageDoc | null) => RoomDoc,
  ): Promise<boolean> {
    return this.writer.write('rooms', () => {
      const message = this.findByIdSync(id);
      if (!message) return false;
      this.deleteRow.run(id);
      const current = this.rooms.findByIdSync(message.rid);
      if (current) {
        const last = this.lastVisible.get(message.rid) as DocRow;
        const next = change(current, last ? (JSON.parse(last.doc) as MessageDoc) : null);
        this.rooms.replace({ ...next, _id: current._id });
      }
      return true;
    });
  }
}
