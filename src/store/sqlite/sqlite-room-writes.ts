// Room writes and room lists in SQLite: a room with its subscriptions rewritten in one transaction, paged lists.
import type { Database, Statement } from 'better-sqlite3';
import type { RoomDoc } from '../../core/documents.js';
import type { RoomListQuery, RoomPage, RoomState, RoomWrites } from '../../core/store.js';
import type { SqliteMessages } from './sqlite-messages.js';
import type { SqliteRooms } from './sqlite-rooms.js';

type DocRows = { doc: string }[];

export class SqliteRoomWrites {
  private readonly insertMissingSubscription: Statement<
    [string, string, string, string, string | null, string]
  >;
  /** With the `t` column too: setType changes a subscription's type. */
  private readonly replaceSubscriptionRow: Statement<[string, string | null, string, string]>;

  constructor(
    private readonly db: Database,
    private readonly rooms: SqliteRooms,
    private readonly messages: SqliteMessages,
  ) {
    // The (rid, user_id) unique index skips a member who is already in the room.
    this.insertMissingSubscription = db.prepare(
      `INSERT INTO subscriptions (id, user_id, rid, t, name, doc) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (rid, user_id) DO NOTHING`,
    );
    this.replaceSubscriptionRow = db.prepare(
      'UPDATE subscriptions SET t = ?, name = ?, doc = ? WHERE id = ?',
    );
  }

  /** Call inside a write transaction. */
  writeRoom(roomId: string, plan: (state: RoomState) => RoomWrites): RoomWrites | null {
    const room = this.rooms.findRoomById(roomId);
    if (!room) return null;
    const writes = plan({ room, subscriptions: this.rooms.listOfRoom(roomId) });
    if (writes.room) this.rooms.replaceRoom({ ...writes.room, _id: roomId });
    for (const s of writes.subscriptions ?? []) {
      this.replaceSubscriptionRow.run(s.t, s.name ?? null, JSON.stringify(s), s._id);
    }
    for (const s of writes.insertSubscriptions ?? []) {
      this.insertMissingSubscription.run(s._id, s.u._id, s.rid, s.t, s.name ?? null, JSON.stringify(s));
    }
    for (const userId of writes.removeUserIds ?? []) this.rooms.deleteSubscription(roomId, userId);
    for (const message of writes.insertMessages ?? []) this.messages.insert(message);
    return writes;
  }

  listRooms(query: RoomListQuery): RoomPage {
    const where = ['t IN (SELECT value FROM json_each(?))'];
    const values: (string | number)[] = [JSON.stringify(query.types)];
    if (query.ids) {
      where.push('id IN (SELECT value FROM json_each(?))');
      values.push(JSON.stringify(query.ids));
    }
    if (query.defaultOnly) where.push("json_extract(doc, '$.default') = 1");
    if (query.name !== undefined && query.name !== '') {
      where.push('instr(lower(name), ?) > 0');
      values.push(query.name.toLowerCase());
    }
    if (query.updatedAfter !== undefined) {
      where.push("json_extract(doc, '$._updatedAt') > ?");
      values.push(query.updatedAfter);
    }
    const condition = where.join(' AND ');
    const total = (
      this.db.prepare(`SELECT count(*) AS n FROM rooms WHERE ${condition}`).get(...values) as {
        n: number;
      }
    ).n;
    const limit = query.count > 0 ? query.count : -1;
    const rows = this.db
      .prepare(`SELECT doc FROM rooms WHERE ${condition} ORDER BY name NULLS FIRST, id LIMIT ? OFFSET ?`)
      .all(...values, limit, query.offset) as DocRows;
    return { rooms: rows.map((row) => JSON.parse(row.doc) as RoomDoc), total };
  }
}
