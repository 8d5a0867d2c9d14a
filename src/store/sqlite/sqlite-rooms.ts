// Rooms and subscriptions in SQLite; a user's subscriptions come from the (user_id, t, name) index in order.
import type { Database, Statement } from 'better-sqlite3';
import type { RoomDoc, SubscriptionDoc } from '../../core/documents.js';

type DocRow = { doc: string } | undefined;

export class SqliteRooms {
  private readonly roomById: Statement<[string]>;
  private readonly roomByName: Statement<[string]>;
  private readonly insertRoomRow: Statement<[string, string, string | null, string]>;
  private readonly updateRoomRow: Statement<[string, string | null, string, string]>;
  private readonly deleteRoomRow: Statement<[string]>;
  private readonly subscriptionsOfUser: Statement<[string]>;
  private readonly subscriptionsOfRoom: Statement<[string]>;
  private readonly subscriptionOf: Statement<[string, string]>;
  private readonly insertSubscriptionRow: Statement<[string, string, string, string, string | null, string]>;
  private readonly updateSubscriptionRow: Statement<[string | null, string, string]>;
  private readonly deleteSubscriptionRow: Statement<[string, string]>;
  private readonly deleteSubscriptionsOfRoom: Statement<[string]>;
  private readonly deleteSubscriptionsOfUser: Statement<[string]>;
  private readonly deleteMessagesOfRoom: Statement<[string]>;

  constructor(db: Database) {
    this.roomById = db.prepare('SELECT doc FROM rooms WHERE id = ?');
    this.roomByName = db.prepare("SELECT doc FROM rooms WHERE name = ? AND t IN ('c', 'p')");
    this.insertRoomRow = db.prepare('INSERT INTO rooms (id, t, name, doc) VALUES (?, ?, ?, ?)');
    this.updateRoomRow = db.prepare('UPDATE rooms SET t = ?, name = ?, doc = ? WHERE id = ?');
    this.deleteRoomRow = db.prepare('DELETE FROM rooms WHERE id = ?');
    this.subscriptionsOfUser = db.prepare('SELECT doc FROM subscriptions WHERE user_id = ? ORDER BY t, name');
    this.subscriptionsOfRoom = db.prepare('SELECT doc FROM subscriptions WHERE rid = ? ORDER BY id');
    this.subscriptionOf = db.prepare('SELECT doc FROM subscriptions WHERE rid = ? AND user_id = ?');
    this.insertSubscriptionRow = db.prepare(
      'INSERT INTO subscriptions (id, user_id, rid, t, name, doc) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.updateSubscriptionRow = db.prepare('UPDATE subscriptions SET name = ?, doc = ? WHERE id = ?');
    this.deleteSubscriptionRow = db.prepare('DELETE FROM subscriptions WHERE rid = ? AND user_id = ?');
    this.deleteSubscriptionsOfRoom = db.prepare('DELETE FROM subscriptions WHERE rid = ?');
    this.deleteSubscriptionsOfUser = db.prepare('DELETE FROM subscriptions WHERE user_id = ?');
    this.deleteMessagesOfRoom = db.prepare('DELETE FROM messages WHERE rid = ?');
  }

  findRoomById(id: string): RoomDoc | null {
    return parse<RoomDoc>(this.roomById.get(id) as DocRow);
  }
  findRoomByName(name: string): RoomDoc | null {
    return parse<RoomDoc>(this.roomByName.get(name) as DocRow);
  }
  insertRoom(room: RoomDoc): void {
    this.insertRoomRow.run(room._id, room.t, room.name ?? null, JSON.stringify(room));
  }
  replaceRoom(room: RoomDoc): void {
    this.updateRoomRow.run(room.t, room.name ?? null, JSON.stringify(room), room._id);
  }
  deleteRoom(id: string): boolean {
    this.deleteSubscriptionsOfRoom.run(id);
    // Rocket.Chat's deleteRoom removes the room's messages with it.
    this.deleteMessagesOfRoom.run(id);
    return this.deleteRoomRow.run(id).changes > 0;
  }

  listOfUser(userId: string): SubscriptionDoc[] {
    return parseAll<SubscriptionDoc>(this.subscriptionsOfUser.all(userId) as { doc: string }[]);
  }
  listOfRoom(roomId: string): SubscriptionDoc[] {
    return parseAll<SubscriptionDoc>(this.subscriptionsOfRoom.all(roomId) as { doc: string }[]);
  }
  findSubscription(roomId: string, userId: string): SubscriptionDoc | null {
    return parse<SubscriptionDoc>(this.subscriptionOf.get(roomId, userId) as DocRow);
  }
  insertSubscription(subscription: SubscriptionDoc): void {
    this.insertSubscriptionRow.run(
      subscription._id,
      subscription.u._id,
      subscription.rid,
      subscription.t,
      subscription.name ?? null,
      JSON.stringify(subscription),
    );
  }
  replaceSubscription(subscription: SubscriptionDoc): void {
    this.updateSubscriptionRow.run(subscription.name ?? null, JSON.stringify(subscription), subscription._id);
  }
  deleteSubscription(roomId: string, userId: string): boolean {
    return this.deleteSubscriptionRow.run(roomId, userId).changes > 0;
  }
  deleteSubscriptionsOf(userId: string): void {
    this.deleteSubscriptionsOfUser.run(userId);
  }
}

function parse<T>(row: DocRow): T | null {
  return row ? (JSON.parse(row.doc) as T) : null;
}

function parseAll<T>(rows: { doc: string }[]): T[] {
  return rows.map((row) => JSON.parse(row.doc) as T);
}
