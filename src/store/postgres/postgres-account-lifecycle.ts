// store.accounts in PostgreSQL (a user's footprint read and rewritten in one transaction), and the batched member
// lookups and inserts (one = ANY($1) query, one statement) store.users and store.rooms use.
import type { RoomDoc, SubscriptionDoc, UserDoc } from '../../core/documents.js';
import type { AccountsPort, FootprintWrites, UserFootprint } from '../../core/store.js';
import type { PostgresAccess } from './postgres-access.js';
import { partnerIds } from '../../core/users/footprint-edit.js';
import { docsOf, type Queryable } from './postgres-queryable.js';
import * as rooms from './postgres-rooms.js';
import * as tokens from './postgres-tokens.js';
import * as users from './postgres-users.js';

/** PostgreSQL text cannot hold NUL, so no stored key equals such a value; the server would refuse the array. */
const storable = (values: readonly string[]) => values.filter((value) => !value.includes('\u0000'));

export async function findUsersByIds(db: Queryable, ids: readonly string[]): Promise<UserDoc[]> {
  const wanted = storable(ids);
  if (wanted.length === 0) return [];
  return docsOf(await db.query('SELECT doc FROM users WHERE id = ANY($1::text[])', [wanted]));
}

export async function findUsersByUsernames(db: Queryable, usernames: readonly string[]): Promise<UserDoc[]> {
  const wanted = storable(usernames);
  if (wanted.length === 0) return [];
  return docsOf(await db.query('SELECT doc FROM users WHERE username = ANY($1::text[])', [wanted]));
}

export async function findUsersByUsernamesInsensitive(
  db: Queryable,
  usernames: readonly string[],
): Promise<UserDoc[]> {
  const lower = storable(usernames).map((name) => name.toLowerCase());
  if (lower.length === 0) return [];
  return docsOf(
    await db.query('SELECT doc FROM users WHERE username_lower = ANY($1::text[]) ORDER BY id', [lower]),
  );
}

/**
 * Inside a transaction. Tables are locked users → rooms → subscriptions → tokens, the order bulk writes take
 * them in, so a footprint write and an import never deadlock.
 */
export async function writeFootprint(
  db: Queryable,
  userId: string,
  plan: (footprint: UserFootprint) => FootprintWrites,
): Promise<FootprintWrites | null> {
  const user = await users.findUserById(db, userId, true);
  if (!user) return null;
  const writes = plan(await footprintOf(db, user));
  for (const room of writes.rooms ?? []) await rooms.replaceRoomRow(db, room);
  for (const rid of writes.deleteRooms ?? []) await rooms.deleteRoomRows(db, rid);
  // Planned subscriptions first, so that an owner grant on one of them is not overwritten.
  for (const subscription of writes.subscriptions ?? []) await rooms.replaceSubscriptionRow(db, subscription);
  for (const { rid, userId: memberId } of writes.ownerGrants ?? []) {
    const subscription = await rooms.findSubscription(db, rid, memberId, true);
    if (subscription && !subscription.roles?.includes('owner')) {
      const roles = [...(subscription.roles ?? []), 'owner'];
      await rooms.replaceSubscriptionRow(db, { ...subscription, roles });
    }
  }
  if (writes.user === null) {
    await users.deleteUserRows(db, userId);
    await rooms.deleteSubscriptionsOfUser(db, userId);
    await db.query('DELETE FROM user_avatars WHERE user_id = $1', [userId]);
  } else {
    await users.replaceUserRows(db, { ...writes.user, _id: userId });
  }
  if (writes.user === null) await tokens.deleteTokensOfUser(db, userId);
  else if (writes.revokeTokens) await tokens.deleteTokensOfUser(db, userId, writes.keepToken);
  return writes;
}

/** Inside a transaction: the room row is locked first, then the missing subscriptions go in one statement. */
export async function addRoomMembers(
  db: Queryable,
  roomId: string,
  subscriptions: readonly SubscriptionDoc[],
  now: string,
): Promise<{ room: RoomDoc; added: string[] } | null> {
  const current = await rooms.findRoomById(db, roomId, true);
  if (!current) return null;
  if (subscriptions.length === 0) return { room: current, added: [] };
  const result = await db.query<{ user_id: string }>(
    `INSERT INTO subscriptions (id, user_id, rid, t, name, doc)
     SELECT id, user_id, rid, t, name, doc::json
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
       AS s(id, user_id, rid, t, name, doc)
     ON CONFLICT (rid, user_id) DO NOTHING
     RETURNING user_id`,
    [
      subscriptions.map((s) => s._id),
      subscriptions.map((s) => s.u._id),
      subscriptions.map((s) => s.rid),
      subscriptions.map((s) => s.t),
      subscriptions.map((s) => s.name ?? null),
      subscriptions.map((s) => JSON.stringify(s)),
    ],
  );
  const addedSet = new Set(result.rows.map((row) => row.user_id));
  const added = subscriptions.map((s) => s.u._id).filter((id) => addedSet.has(id));
  if (added.length === 0) return { room: current, added };
  const count = typeof current.usersCount === 'number' ? current.usersCount : 0;
  const room: RoomDoc = { ...current, usersCount: count + added.length, _updatedAt: now };
  await rooms.replaceRoomRow(db, room);
  return { room, added };
}

async function footprintOf(db: Queryable, user: UserDoc): Promise<UserFootprint> {
  const subscriptions = await rooms.listSubscriptionsOfUser(db, user._id);
  const namedAfter: SubscriptionDoc[] =
    typeof user.username === 'string' && user.username !== ''
      ? docsOf(await db.query("SELECT doc FROM subscriptions WHERE t = 'd' AND name = $1", [user.username]))
      : [];
  const rids = [...new Set([...subscriptions, ...namedAfter].map((s) => s.rid))];
  // The rooms a user is in and the rooms they created (the rooms_creator expression index, migration 2).
  const found: RoomDoc[] = docsOf(
    await db.query(
      `SELECT doc FROM rooms WHERE id = ANY($1::text[])
       UNION ALL SELECT doc FROM rooms WHERE doc->'u'->>'_id' = $2`,
      [rids, user._id],
    ),
  );
  const byId = new Map(found.map((room) => [room._id, room]));
  const partners = await findUsersByIds(db, partnerIds(user._id, byId.values()));
  return { user, subscriptions, namedAfter, rooms: [...byId.values()], partners };
}

export class PostgresAccounts implements AccountsPort {
  constructor(private readonly pg: PostgresAccess) {}

  writeFootprint(
    userId: string,
    plan: (footprint: UserFootprint) => FootprintWrites,
  ): Promise<FootprintWrites | null> {
    // `all`: the notice carries one topic, and a footprint touches users, rooms and tokens.
    return this.pg.write('all', (db) => writeFootprint(db, userId, plan));
  }
}
