// store.accounts in SQLite: a user's footprint (their subscriptions, rooms, DM partners) read and rewritten in one
// transaction.
import type { Database, Statement } from 'better-sqlite3';
import type { RoomDoc, SubscriptionDoc, UserDoc } from '../../core/documents.js';
import type { AccountsPort, FootprintWrites, UserFootprint } from '../../core/store.js';
import { partnerIds } from '../../core/users/footprint-edit.js';
import type { SqliteAvatars } from './sqlite-avatars.js';
import type { SqliteRooms } from './sqlite-rooms.js';
import type { SqliteSubscriptions } from './sqlite-subscriptions.js';
import type { SqliteTokens } from './sqlite-tokens.js';
import type { SqliteUsers } from './sqlite-users.js';
import type { SqliteWriter } from './sqlite-writer.js';

type DocRows = { doc: string }[];

/** A JSON array parameter, read back with json_each: any number of values in one statement. */
const list = (values: readonly string[]) => JSON.stringify(values);

/** The tables a footprint spans. */
export interface SqliteAccountTables {
  users: SqliteUsers;
  tokens: SqliteTokens;
  rooms: SqliteRooms;
  subscriptions: SqliteSubscriptions;
  avatars: SqliteAvatars;
}

export class SqliteAccounts implements AccountsPort {
  private readonly usersByIds: Statement<[string]>;
  private readonly roomsByIds: Statement<[string]>;
  private readonly roomsByCreator: Statement<[string]>;
  private readonly directSubscriptionsNamed: Statement<[string]>;

  constructor(
    db: Database,
    private readonly writer: SqliteWriter,
    private readonly tables: SqliteAccountTables,
  ) {
    this.usersByIds = db.prepare('SELECT doc FROM users WHERE id IN (SELECT value FROM json_each(?))');
    this.roomsByIds = db.prepare('SELECT doc FROM rooms WHERE id IN (SELECT value FROM json_each(?))');
    // Served by the rooms_creator expression index (migration 2).
    this.roomsByCreator = db.prepare("SELECT doc FROM rooms WHERE json_extract(doc, '$.u._id') = ?");
    // Served by the partial subscriptions_direct_name index (migration 2).
    this.directSubscriptionsNamed = db.prepare("SELECT doc FROM subscriptions WHERE t = 'd' AND name = ?");
  }

  async writeFootprint(
    userId: string,
    plan: (footprint: UserFootprint) => FootprintWrites,
  ): Promise<FootprintWrites | null> {
    const writes = this.writer.write('users', () => this.writeFootprintSync(userId, plan));
    // Caches keyed by rooms and tokens drop what the footprint changed too.
    if (writes) this.writer.publish('rooms');
    if (writes && (writes.user === null || writes.revokeTokens)) this.writer.publish('tokens');
    return writes;
  }

  private writeFootprintSync(
    userId: string,
    plan: (footprint: UserFootprint) => FootprintWrites,
  ): FootprintWrites | null {
    const { users, tokens, rooms, subscriptions: subs, avatars } = this.tables;
    const user = users.findByIdSync(userId);
    if (!user) return null;
    const writes = plan(this.footprintOf(user));
    for (const room of writes.rooms ?? []) rooms.replace(room);
    for (const rid of writes.deleteRooms ?? []) rooms.deleteSync(rid);
    // Planned subscriptions first, so that an owner grant on one of them is not overwritten.
    for (const subscription of writes.subscriptions ?? []) subs.replace(subscription);
    for (const { rid, userId: memberId } of writes.ownerGrants ?? []) {
      const subscription = subs.findSync(rid, memberId);
      if (subscription && !subscription.roles?.includes('owner')) {
        subs.replace({ ...subscription, roles: [...(subscription.roles ?? []), 'owner'] });
      }
    }
    if (writes.user === null) {
      subs.deleteOfUser(userId);
      avatars.deleteOfUser(userId);
      users.deleteSync(userId);
    } else {
      users.replace({ ...writes.user, _id: userId });
    }
    if (writes.user === null) tokens.deleteOfUser(userId);
    else if (writes.revokeTokens) tokens.deleteOfUser(userId, writes.keepToken);
    return writes;
  }

  private footprintOf(user: UserDoc): UserFootprint {
    const subscriptions = this.tables.subscriptions.listOfUserSync(user._id);
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
    const ids = partnerIds(user._id, rooms.values());
    const partners = ids.length === 0 ? [] : parseAll<UserDoc>(this.usersByIds.all(list(ids)) as DocRows);
    return { user, subscriptions, namedAfter, rooms: [...rooms.values()], partners };
  }
}

function parseAll<T>(rows: DocRows): T[] {
  return rows.map((row) => JSON.parse(row.doc) as T);
}
