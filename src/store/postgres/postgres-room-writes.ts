// Room writes and room lists in PostgreSQL: a room with its subscriptions rewritten in one transaction, paged lists.
import type { RoomListQuery, RoomPage, RoomState, RoomWrites } from '../../core/store.js';
import { docsOf, type Queryable } from './postgres-queryable.js';
import { insertMessageRow } from './postgres-messages.js';
import * as rooms from './postgres-rooms.js';

/**
 * Inside a transaction. The room row is locked first (rooms → subscriptions, the order bulk writes take), so
 * two writes to one room run one after the other and each plan sees the other's result.
 */
export async function writeRoom(
  db: Queryable,
  roomId: string,
  plan: (state: RoomState) => RoomWrites,
): Promise<RoomWrites | null> {
  const room = await rooms.findRoomById(db, roomId, true);
  if (!room) return null;
  const writes = plan({ room, subscriptions: await rooms.listSubscriptionsOfRoom(db, roomId) });
  if (writes.room) await rooms.replaceRoomRow(db, { ...writes.room, _id: roomId });
  for (const s of writes.subscriptions ?? []) {
    // With the `t` column too: setType changes a subscription's type.
    await db.query('UPDATE subscriptions SET t = $1, name = $2, doc = $3 WHERE id = $4', [
      s.t,
      s.name ?? null,
      JSON.stringify(s),
      s._id,
    ]);
  }
  const inserted = writes.insertSubscriptions ?? [];
  if (inserted.length > 0) {
    await db.query(
      `INSERT INTO subscriptions (id, user_id, rid, t, name, doc)
       SELECT id, user_id, rid, t, name, doc::json
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
         AS s(id, user_id, rid, t, name, doc)
       ON CONFLICT (rid, user_id) DO NOTHING`,
      [
        inserted.map((s) => s._id),
        inserted.map((s) => s.u._id),
        inserted.map((s) => s.rid),
        inserted.map((s) => s.t),
        inserted.map((s) => s.name ?? null),
        inserted.map((s) => JSON.stringify(s)),
      ],
    );
  }
  const removed = writes.removeUserIds ?? [];
  if (removed.length > 0) {
    await db.query('DELETE FROM subscriptions WHERE rid = $1 AND user_id = ANY($2::text[])', [
      roomId,
      removed,
    ]);
  }
  for (const message of writes.insertMessages ?? []) await insertMessageRow(db, message);
  return writes;
}

export async function listRooms(db: Queryable, query: RoomListQuery): Promise<RoomPage> {
  const values: unknown[] = [[...query.types]];
  const where = ['t = ANY($1::text[])'];
  if (query.ids) {
    values.push([...query.ids]);
    where.push(`id = ANY($${values.length}::text[])`);
  }
  if (query.defaultOnly) where.push("doc->>'default' = 'true'");
  if (query.name !== undefined && query.name !== '') {
    values.push(query.name.toLowerCase());
    where.push(`strpos(lower(name), $${values.length}) > 0`);
  }
  if (query.updatedAfter !== undefined) {
    values.push(query.updatedAfter);
    where.push(`(doc->>'_updatedAt') COLLATE "C" > $${values.length}`);
  }
  const condition = where.join(' AND ');
  const counted = await db.query(`SELECT count(*)::int AS n FROM rooms WHERE ${condition}`, values);
  const total = (counted.rows[0] as { n: number } | undefined)?.n ?? 0;
  values.push(query.count > 0 ? query.count : null, query.offset);
  const page = await db.query(
    `SELECT doc FROM rooms WHERE ${condition} ORDER BY name NULLS FIRST, id
     LIMIT $${values.length - 1} OFFSET $${values.length}`,
    values,
  );
  return { rooms: docsOf(page), total };
}
