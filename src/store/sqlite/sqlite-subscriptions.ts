// store.subscriptions in SQLite: a user's membership of a room, keyed by (rid, user_id).
import type { Database, Statement } from 'better-sqlite3';
import type { SubscriptionDoc } from '../../core/documents.js';
import type { SubscriptionsPort } from '../../core/store.js';
import type { SqliteWriter } from './sqlite-writer.js';

type DocRow = { doc: string } | undefined;

export class SqliteSubscriptions implements SubscriptionsPort {
  private readonly ofUser: Statement<[string]>;
  private readonly ofRoom: Statement<[string]>;
  private readonly one: Statement<[string, string]>;
  private readonly insertRow: Statement<[string, string, string, string, string | null, string]>;
  private readonly updateRow: Statement<[string | null, string, string]>;
  private readonly deleteRow: Statement<[string, string]>;
  private readonly deleteOfUserRows: Statement<[string]>;

  constructor(
    db: Database,
    private readonly writer: SqliteWriter,
  ) {
    this.ofUser = db.prepare('SELECT doc FROM subscriptions WHERE user_id = ? ORDER BY t, name');
    this.ofRoom = db.prepare('SELECT doc FROM subscriptions WHERE rid = ? ORDER BY id');
    this.one = db.prepare('SELECT doc FROM subscriptions WHERE rid = ? AND user_id = ?');
    this.insertRow = db.prepare(
      'INSERT INTO subscriptions (id, user_id, rid, t, name, doc) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.updateRow = db.prepare('UPDATE subscriptions SET name = ?, doc = ? WHERE id = ?');
    this.deleteRow = db.prepare('DELETE FROM subscriptions WHERE rid = ? AND user_id = ?');
    this.deleteOfUserRows = db.prepare('DELETE FROM subscriptions WHERE user_id = ?');
  }

  async listOfUser(userId: string): Promise<SubscriptionDoc[]> {
    return this.listOfUserSync(userId);
  }
  async listOfRoom(roomId: string): Promise<SubscriptionDoc[]> {
    return this.listOfRoomSync(roomId);
  }
  async find(roomId: string, userId: string): Promise<SubscriptionDoc | null> {
    return this.findSync(roomId, userId);
  }
  async insert(subscription: SubscriptionDoc): Promise<void> {
    this.writer.write('rooms', () => this.insertSync(subscription));
  }
  async update(
    roomId: string,
    userId: string,
    change: (subscription: SubscriptionDoc) => SubscriptionDoc,
  ): Promise<SubscriptionDoc | null> {
    return this.writer.write('rooms', () => {
      const current = this.findSync(roomId, userId);
      if (!current) return null;
      const next = { ...change(current), _id: current._id, rid: current.rid, u: current.u };
      this.replace(next);
      return next;
    });
  }
  async delete(roomId: string, userId: string): Promise<boolean> {
    return this.writer.write('rooms', () => this.deleteSync(roomId, userId));
  }

  // The same operations inside a write transaction the caller runs (rooms, accounts).
  listOfUserSync(userId: string): SubscriptionDoc[] {
    return parseAll(this.ofUser.all(userId) as { doc: string }[]);
  }
  listOfRoomSync(roomId: string): SubscriptionDoc[] {
    return parseAll(this.ofRoom.all(roomId) as { doc: string }[]);
  }
  findSync(roomId: string, userId: string): SubscriptionDoc | null {
    const row = this.one.get(roomId, userId) as DocRow;
    return row ? (JSON.parse(row.doc) as SubscriptionDoc) : null;
  }
  insertSync(subscription: SubscriptionDoc): void {
    this.insertRow.run(
      subscription._id,
      subscription.u._id,
      subscription.rid,
      subscription.t,
      subscription.name ?? null,
      JSON.stringify(subscription),
    );
  }
  /** Stores the subscription as given, matched by `_id`. */
  replace(subscription: SubscriptionDoc): void {
    this.updateRow.run(subscription.name ?? null, JSON.stringify(subscription), subscription._id);
  }
  deleteSync(roomId: string, userId: string): boolean {
    return this.deleteRow.run(roomId, userId).changes > 0;
  }
  deleteOfUser(userId: string): void {
    this.deleteOfUserRows.run(userId);
  }
}

function parseAll(rows: { doc: string }[]): SubscriptionDoc[] {
  return rows.map((row) => JSON.parse(row.doc) as SubscriptionDoc);
}
