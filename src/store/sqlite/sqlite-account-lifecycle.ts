// Account lifecycle writes in SQLite: a user's footprint read and rewritten in one transaction, and batched
// member lookups and inserts (one IN (…) query, one transaction) for the rooms endpoints.
import type { Database, Statement } from 'better-sqlite3';
import type { RoomDoc, SubscriptionDoc, UserDoc } from '../../core/documents.js';
import type { FootprintWrites, UserFootprint } from '../../core/store.js';
import { partnerIds } from '../../core/users/footprint-edit.js';
import type { SqliteRooms } from './sqlite-rooms.js';
import type { SqliteTokens } from './sqlite-tokens.js';
import type { SqliteUsers } from './sqlite-users.js';

type DocRows = { doc: string }[];

/** A JSON array parameter, read back with json_each: any number of values in one statement. */
const list = (values: readonly string[]) => JSON.stringify(values);

export class SqliteAccountLifecycle {
  private readonly usersByIds: Statement<[string]>;
  private readonly usersByUsernames: Statement<[string]>;
  private readonly usersByUsernamesLower: Statement<[string]>;
  private readonly roomsByIds: Statement<[string]>;
  private readonly roomsByCreator: Statement<[string]>;
  private readonly directSubscriptionsNamed: Statement<[string]>;
  private readonly insertMissingSubscription: Statement<
    [string, string, string, string, string | null, string]
  >;

  constructor(
    private readonly db: Database,
    private readonly users: SqliteUsers,
    private readonly tokens: SqliteTokens,
    private readonly rooms: SqliteRooms,
  ) {
    this.usersByIds = db.prepare('SELECT doc FROM users WHERE id IN (SELECT value FROM json_each(?))');
    this.usersByUsernames = db.prepare(
      'SELECT doc FROM users WHERE username IN (SELECT value FROM json_each(?))',
    );
    this.usersByUsernamesLower = db.prepare(
      'SELECT doc FROM users WHERE username_lower IN (SELECT value FROM json_each(?)) ORDER BY id',
    );
    this.roomsByIds = db.prepare('SELECT doc FROM rooms WHERE id IN (SELECT value FROM json_each(?))');
    // Served by the rooms_creator expression index (migration 2).
    this.roomsByCreator = db.prepare("SELECT doc FROM rooms WHERE json_extract(doc, '$.u._id') = ?");
    // Served by the partial subscriptions_direct_name index (migration 2).
    this.directSubscriptionsNamed = db.prepare("SELECT doc FROM subscriptions WHERE t = 'd' AND name = ?");
    // The (rid, user_id) unique index skips a member who is already in the room.
    this.insertMissingSubscription = db.prepare(
      `INSERT INTO subscriptions (id, user_id, rid, t, name, doc) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (rid, user_id) DO NOTHING`,
    );
  }

  findUsersByIds(ids: readonly string[]): UserDoc[] {
    return ids.length === 0 ? [] : parseAll(this.usersByIds.all(list(ids)) as DocRows);
  }
  findUsersByUsernames(usernames: readonly string[]): UserDoc[] {
    return usernames.length === 0 ? [] : parseAll(this.usersByUsernames.all(list(usernames)) as DocRows);
  }
  findUsersByUsernamesInsensitive(usernames: readonly string[]): UserDoc[] {
    const lower = usernames.map((name) => name.toLowerCase());
    return lower.length === 0 ? [] : parseAll(this.usersByUsernamesLower.all(list(lower)) as DocRows);
  }

  /** Call inside a write transaction. */
  writeFootprint(
    userId: string,
    plan: (footprint: UserFootprint) => FootprintWrites,
  ): FootprintWrites | null {
    const user = this.users.findById(userId);
    if (!user) return null;
    const writes = plan(this.footprintOf(user));
    for (const room of writes.rooms ?? []) this.rooms.replaceRoom(room);
    for (const rid of writes.deleteRooms ?? []) this.rooms.deleteRoom(rid);
    // Planned subscriptions first, so that an owner grant on one of them is not overwritten.
    for (const subscription of writes.subscriptions ?? []) this.rooms.replaceSubscription(subscription);
    for (const { rid, userId: memberId } of writes.ownerGrants ?? []) {
      const subscription = this.rooms.findSubscription(rid, memberId);
      if (subscription && !subscription.roles?.includes('owner')) {
        this.rooms.replaceSubscription({ ...subscription, roles: [...(subscription.roles ?? []), 'owner'] });
      }
    }
    if (writes.user === null) {
      this.rooms.deleteSubscriptionsOf(userId);
      this.db.prepare('DELETE FROM user_avatars WHERE user_id = ?').run(userId);
      this.users.delete(userId);
    } else {
      this.users.replace({ ...writes.user, _id: userId });
    }
    if (writes.user === null) this.tokens.deleteOfUser(userId);
    else if (writes.revokeTokens) this.tokens.deleteOfUser(userId, writes.keepToken);
    return writes;
  }

  /** Call inside a write transaction. */
  addRoomMembers(
    roomId: string,
    subscriptions: readonly SubscriptionDoc[],
    now: string,
  ): { room: RoomDoc; added: string[] } | null {
    const current = this.rooms.findRoomById(roomId);
    if (!current) return null;
    const added: string[] = [];
    for (const s of subscriptions) {
      const row = [s._id, s.u._id, s.rid, s.t, s.name ?? null, JSON.stringify(s)] as const;
      if (this.insertMissingSubscription.run(...row).changes > 0) added.push(s.u._id);
    }
    if (added.length === 0) return { room: current, added };
    const count = typeof current.usersCount === 'number' ? current.usersCount : 0;
    const room: RoomDoc = { ...current, usersCount: count + added.length, _updatedAt: now };
    this.rooms.replaceRoom(room);
    return { room, added };
  }

  private footprintOf(user: UserDoc): UserFootprint {
    const subscriptions = this.rooms.listOfUser(user._id);
    const namedAfter =
      typeof user.username === 'string' && user.username !== ''
        ? parseAll<SubscriptionDoc>(this.directSubscriptionsNamed.all(user.username) as DocRows)
        : [];
    const rids = [...new Set([...subscriptions, ...namedAfter].map((s) => s.rid))];
    const rooms = new Map<string, RoomDoc>();
    for (const room of parseAll<RoomDoc>(this.roomsByIds.all(list(rids)) as DocRows))
      rooms.set(room._id, room);
    for (const room of parseAll<RoomDoc>(this.roomsByCreator.all(user._id) as DocRows)) {
      rooms.set(room._id, room);
    }
    const partners = this.findUsersByIds(partnerIds(user._id, rooms.values()));
    return { user, subscriptions, namedAfter, rooms: [...rooms.values()], partners };
  }
}

function parseAll<T>(rows: DocRows): T[] {
  return rows.map((row) => JSON.parse(row.doc) as T);
}
