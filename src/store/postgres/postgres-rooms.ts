// store.rooms and store.subscriptions in PostgreSQL; a user's subscriptions come from the (user_id, t, name) index in order.
import type { RoomDoc, SubscriptionDoc } from '../../core/documents.js';
import type {
  RoomListQuery,
  RoomPage,
  RoomState,
  RoomWrites,
  RoomsPort,
  SubscriptionsPort,
} from '../../core/store.js';
import type { PostgresAccess } from './postgres-access.js';
import { addRoomMembers } from './postgres-account-lifecycle.js';
import { docOf, docsOf, type Queryable } from './postgres-queryable.js';
import { listRooms, writeRoom } from './postgres-room-writes.js';

export async function findRoomById(db: Queryable, id: string, lock = false): Promise<RoomDoc | null> {
  return docOf(await db.query(`SELECT doc FROM rooms WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]));
}

export async function findRoomByName(db: Queryable, name: string): Promise<RoomDoc | null> {
  return docOf(await db.query("SELECT doc FROM rooms WHERE name = $1 AND t IN ('c', 'p')", [name]));
}

export async function insertRoomRow(db: Queryable, room: RoomDoc): Promise<void> {
  await db.query('INSERT INTO rooms (id, t, name, doc) VALUES ($1, $2, $3, $4)', [
    room._id,
    room.t,
    room.name ?? null,
    JSON.stringify(room),
  ]);
}

/** The `t` column follows the document too, so a room's name is unique exactly while it is a `c` or `p` room. */
export async function replaceRoomRow(db: Queryable, room: RoomDoc): Promise<void> {
  await db.query('UPDATE rooms SET t = $1, name = $2, doc = $3 WHERE id = $4', [
    room.t,
    room.name ?? null,
    JSON.stringify(room),
    room._id,
  ]);
}

export async function deleteRoomRows(db: Queryable, id: string): Promise<boolean> {
  // Rooms before subscriptions: the order bulk writes lock tables in, so the two never deadlock.
  const deleted = ((await db.query('DELETE FROM rooms WHERE id = $1', [id])).rowCount ?? 0) > 0;
  await db.query('DELETE FROM subscriptions WHERE rid = $1', [id]);
  return deleted;
}

/** Ordered by type, then name, bytewise: the columns are COLLATE "C" (Rocket.Chat sorts with Mongo's binary order). */
export async function listSubscriptionsOfUser(db: Queryable, userId: string): Promise<SubscriptionDoc[]> {
  return docsOf(
    await db.query('SELECT doc FROM subscriptions WHERE user_id = $1 ORDER BY t, name NULLS FIRST', [userId]),
  );
}

export async function listSubscriptionsOfRoom(db: Queryable, roomId: string): Promise<SubscriptionDoc[]> {
  return docsOf(await db.query('SELECT doc FROM subscriptions WHERE rid = $1 ORDER BY id', [roomId]));
}

export async function findSubscription(
  db: Queryable,
  roomId: string,
  userId: string,
  forUpdate = false,
): Promise<SubscriptionDoc | null> {
  return docOf(
    await db.query(
      `SELECT doc FROM subscriptions WHERE rid = $1 AND user_id = $2${forUpdate ? ' FOR UPDATE' : ''}`,
      [roomId, userId],
    ),
  );
}

export async function insertSubscriptionRows(
  db: Queryable,
  subscriptions: readonly SubscriptionDoc[],
): Promise<void> {
  if (subscriptions.length === 0) return;
  await db.query(
    `INSERT INTO subscriptions (id, user_id, rid, t, name, doc)
     SELECT id, user_id, rid, t, name, doc::json
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
       AS s(id, user_id, rid, t, name, doc)`,
    [
      subscriptions.map((s) => s._id),
      subscriptions.map((s) => s.u._id),
      subscriptions.map((s) => s.rid),
      subscriptions.map((s) => s.t),
      subscriptions.map((s) => s.name ?? null),
      subscriptions.map((s) => JSON.stringify(s)),
    ],
  );
}

export async function replaceSubscriptionRow(db: Queryable, subscription: SubscriptionDoc): Promise<void> {
  await db.query('UPDATE subscriptions SET name = $1, doc = $2 WHERE id = $3', [
    subscription.name ?? null,
    JSON.stringify(subscription),
    subscription._id,
  ]);
}

export async function deleteSubscriptionRow(db: Queryable, roomId: string, userId: string): Promise<boolean> {
  const result = await db.query('DELETE FROM subscriptions WHERE rid = $1 AND user_id = $2', [
    roomId,
    userId,
  ]);
  return (result.rowCount ?? 0) > 0;
}

export async function deleteSubscriptionsOfUser(db: Queryable, userId: string): Promise<void> {
  await db.query('DELETE FROM subscriptions WHERE user_id = $1', [userId]);
}

export class PostgresRooms implements RoomsPort {
  constructor(private readonly pg: PostgresAccess) {}

  findById(id: string): Promise<RoomDoc | null> {
    return this.pg.read((db) => findRoomById(db, id));
  }
  findByName(name: string): Promise<RoomDoc | null> {
    return this.pg.read((db) => findRoomByName(db, name));
  }
  async insert(room: RoomDoc, subscriptions: SubscriptionDoc[]): Promise<void> {
    await this.pg.write('rooms', async (db) => {
      await insertRoomRow(db, room);
      await insertSubscriptionRows(db, subscriptions);
    });
  }
  update(id: string, change: (room: RoomDoc) => RoomDoc): Promise<RoomDoc | null> {
    return this.pg.write('rooms', async (db) => {
      const current = await findRoomById(db, id, true);
      if (!current) return null;
      const next = { ...change(current), _id: id };
      await replaceRoomRow(db, next);
      return next;
    });
  }
  delete(id: string): Promise<boolean> {
    return this.pg.write('rooms', (db) => deleteRoomRows(db, id));
  }
  write(roomId: string, plan: (state: RoomState) => RoomWrites): Promise<RoomWrites | null> {
    return this.pg.write('rooms', (db) => writeRoom(db, roomId, plan));
  }
  list(query: RoomListQuery): Promise<RoomPage> {
    return this.pg.read((db) => listRooms(db, query));
  }
  addMembers(
    roomId: string,
    subscriptions: readonly SubscriptionDoc[],
    now: string,
  ): Promise<{ room: RoomDoc; added: string[] } | null> {
    return this.pg.write('rooms', (db) => addRoomMembers(db, roomId, subscriptions, now));
  }
}

export class PostgresSubscriptions implements SubscriptionsPort {
  constructor(private readonly pg: PostgresAccess) {}

  listOfUser(userId: string): Promise<SubscriptionDoc[]> {
    return this.pg.read((db) => listSubscriptionsOfUser(db, userId));
  }
  listOfRoom(roomId: string): Promise<SubscriptionDoc[]> {
    return this.pg.read((db) => listSubscriptionsOfRoom(db, roomId));
  }
  find(roomId: string, userId: string): Promise<SubscriptionDoc | null> {
    return this.pg.read((db) => findSubscription(db, roomId, userId));
  }
  async insert(subscription: SubscriptionDoc): Promise<void> {
    await this.pg.write('rooms', (db) => insertSubscriptionRows(db, [subscription]));
  }
  update(
    roomId: string,
    userId: string,
    change: (subscription: SubscriptionDoc) => SubscriptionDoc,
  ): Promise<SubscriptionDoc | null> {
    return this.pg.write('rooms', async (db) => {
      const current = await findSubscription(db, roomId, userId, true);
      if (!current) return null;
      const next = { ...change(current), _id: current._id, rid: current.rid, u: current.u };
      await replaceSubscriptionRow(db, next);
      return next;
    });
  }
  delete(roomId: string, userId: string): Promise<boolean> {
    return this.pg.write('rooms', (db) => deleteSubscriptionRow(db, roomId, userId));
  }
}
