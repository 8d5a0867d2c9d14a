// store.rooms in SQLite: rooms, a room rewritten with its subscriptions in one transaction, and paged lists.
import type { Database, Statement } from 'better-sqlite3';
import type { RoomDoc, SubscriptionDoc } from '../../core/documents.js';
import type { RoomListQuery, RoomPage, RoomState, RoomWrites, RoomsPort } from '../../core/store.js';
import type { SqliteSubscriptions } from './sqlite-subscriptions.js';
import type { SqliteWriter } from './sqlite-writer.js';

type DocRow = { doc: string } | undefined;
type SubscriptionRow = [string, string, string, string, string | null, string];

export class SqliteRooms implements RoomsPort {
  private readonly byId: Statement<[string]>;
  private readonly byName: Statement<[string]>;
  private readonly insertRow: Statement<[string, string, string | null, string]>;
  private readonly updateRow: Statement<[string, string | null, string, string]>;
  private readonly deleteRow: Statement<[string]>;
  private readonly deleteSubscriptionsOfRoom: Statement<[string]>;
  private readonly insertMissingSubscription: Statement<SubscriptionRow>;
  /** With the `t` column too: setType changes a subscription's type. */
  private readonly replaceSubscriptionRow: Statement<[string, string | null, string, string]>;

  constructor(
    private readonly db: Database,
    private readonly writer: SqliteWriter,
    private readonly subscriptions: SqliteSubscriptions,
  ) {
    this.byId = db.prepare('SELECT doc FROM rooms WHERE id = ?');
    this.byName = db.prepare("SELECT doc FROM rooms WHERE name = ? AND t IN ('c', 'p')");
    this.insertRow = db.prepare('INSERT INTO rooms (id, t, name, doc) VALUES (?, ?, ?, ?)');
    this.updateRow = db.prepare('UPDATE rooms SET t = ?, name = ?, doc = ? WHERE id = ?');
    this.deleteRow = db.prepare('DELETE FROM rooms WHERE id = ?');
    this.deleteSubscriptionsOfRoom = db.prepare('DELETE FROM subscriptions WHERE rid = ?');
    // The (rid, user_id) unique index skips a member who is already in the room.
    this.insertMissingSubscription = db.prepare(
      `INSERT INTO subscriptions (id, user_id, rid, t, name, doc) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (rid, user_id) DO NOTHING`,
    );
    this.replaceSubscriptionRow = db.prepare(
      'UPDATE subscriptions SET t = ?, name = ?, doc = ? WHERE id = ?',
    );
  }

  async findById(id: string): Promise<RoomDoc | null> {
    return this.findByIdSync(id);
  }
  async findByName(name: string): Promise<RoomDoc | null> {
    const row = this.byName.get(name) as DocRow;
    return row ? (JSON.parse(row.doc) as RoomDoc) : null;
  }
  async insert(room: RoomDoc, subscriptions: SubscriptionDoc[]): Promise<void> {
    this.writer.write('rooms', () => {
      this.insertRow.run(room._id, room.t, room.name ?? null, JSON.stringify(room));
      for (const subscription of subscriptions) this.subscriptions.insertSync(subscription);
    });
  }
  async update(id: string, change: (room: RoomDoc) => RoomDoc): Promise<RoomDoc | null> {
    return this.writer.write('rooms', () => {
      const current = this.findByIdSync(id);
      if (!current) return null;
      const next = { ...change(current), _id: id };
      this.replace(next);
      return next;
    });
  }
  async delete(id: string): Promise<boolean> {
    return this.writer.write('rooms', () => this.deleteSync(id));
  }

  async write(roomId: string, plan: (state: RoomState) => RoomWrites): Promise<RoomWrites | null> {
    return this.writer.write('rooms', () => {
      const room = this.findByIdSync(roomId);
      if (!room) return null;
      const writes = plan({ room, subscriptions: this.subscriptions.listOfRoomSync(roomId) });
      if (writes.room) this.replace({ ...writes.room, _id: roomId });
      for (const s of writes.subscriptions ?? []) {
        this.replaceSubscriptionRow.run(s.t, s.name ?? null, JSON.stringify(s), s._id);
      }
      for (const s of writes.insertSubscriptions ?? [])
        this.insertMissingSubscription.run(...subscriptionRow(s));
      for (const userId of writes.removeUserIds ?? []) this.subscriptions.deleteSync(roomId, userId);
      return writes;
    });
  }

  async list(query: RoomListQuery): Promise<RoomPage> {
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
      .all(...values, limit, query.offset) as { doc: string }[];
    return { rooms: rows.map((row) => JSON.parse(row.doc) as RoomDoc), total };
  }

  async addMembers(
    roomId: string,
    subscriptions: readonly SubscriptionDoc[],
    now: string,
  ): Promise<{ room: RoomDoc; added: string[] } | null> {
    return this.writer.write('rooms', () => {
      const current = this.findByIdSync(roomId);
      if (!current) return null;
      const added: string[] = [];
      for (const s of subscriptions) {
        if (this.insertMissingSubscription.run(...subscriptionRow(s)).changes > 0) added.push(s.u._id);
      }
      if (added.length === 0) return { room: current, added };
      const count = typeof current.usersCount === 'number' ? current.usersCount : 0;
      const room: RoomDoc = { ...current, usersCount: count + added.length, _updatedAt: now };
      this.replace(room);
      return { room, added };
    });
  }

  // The same operations inside a write transaction the caller runs (accounts).
  findByIdSync(id: string): RoomDoc | null {
    const row = this.byId.get(id) as DocRow;
    return row ? (JSON.parse(row.doc) as RoomDoc) : null;
  }
  /** Stores the room as given, matched by `_id`. */
  replace(room: RoomDoc): void {
    this.updateRow.run(room.t, room.name ?? null, JSON.stringify(room), room._id);
  }
  /** The room and every subscription to it. */
  deleteSync(id: string): boolean {
    this.deleteSubscriptionsOfRoom.run(id);
    return this.deleteRow.run(id).changes > 0;
  }
}

function subscriptionRow(s: SubscriptionDoc): SubscriptionRow {
  return [s._id, s.u._id, s.rid, s.t, s.name ?? null, JSON.stringify(s)];
}
