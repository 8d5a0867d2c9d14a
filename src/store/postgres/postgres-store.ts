// The PostgreSQL adapter of the Store port (pg): pooled connections, one transaction per write, LISTEN/NOTIFY.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type {
  MessageDoc,
  PermissionDoc,
  RoleDoc,
  RoomDoc,
  SettingDoc,
  StoredToken,
  SubscriptionDoc,
  UserDoc,
} from '../../core/documents.js';
import type {
  BulkBatch,
  BulkCounts,
  BulkMode,
  ChangeTopic,
  FootprintWrites,
  InitialData,
  RoleHoldersQuery,
  Store,
  StoredAvatar,
  UserFootprint,
  RoomListQuery,
  RoomPage,
  RoomState,
  RoomWrites,
  UserListQuery,
  UserPage,
  UserSearchQuery,
  UserSession,
  LookupAuditEntry,
  LookupAuditQuery,
  MessageListQuery,
  MessagePost,
  MessagePosted,
  TokenRevocation,
} from '../../core/store.js';
import * as lifecycle from './postgres-account-lifecycle.js';
import * as presence from './postgres-presence.js';
import { writeBulk } from './postgres-bulk.js';
import * as directory from './postgres-directory.js';
import { PostgresChangeFeed } from './postgres-change-feed.js';
import { findDocument, listDocuments, saveDocuments } from './postgres-documents.js';
import { StoreUnavailableError } from '../../errors.js';
import { translated } from './postgres-errors.js';
import type { Queryable } from './postgres-queryable.js';
import * as roles from './postgres-roles.js';
import * as roomWrites from './postgres-room-writes.js';
import * as rooms from './postgres-rooms.js';
import { StatementNames } from './postgres-statement-names.js';
import { migrate, type MigrationNote } from './postgres-schema.js';
import * as tokens from './postgres-tokens.js';
import * as lookupAudit from './postgres-lookup-audit.js';
import * as messages from './postgres-messages.js';
import { inTransaction } from './postgres-transaction.js';
import * as users from './postgres-users.js';

/** The tables seeding and import write. */
const BULK_TABLES = [
  'users',
  'user_emails',
  'user_import_ids',
  'user_roles',
  'tokens',
  'rooms',
  'subscriptions',
  'roles',
  'permissions',
  'settings',
];

export interface PostgresStoreOptions {
  /** Told each change a migration makes to existing rows (e.g. a duplicate renamed); default: nowhere. */
  onMigrationNote?: MigrationNote;
  /** Most connections this instance holds (default 10). */
  poolSize?: number;
  /** How long a request waits for a connection before the store counts as unavailable (ms, default 5000). */
  connectTimeoutMs?: number;
}

export class PostgresStore implements Store {
  readonly kind = 'postgres';

  private constructor(
    private readonly pool: pg.Pool,
    private readonly feed: PostgresChangeFeed,
    private readonly schema: string,
  ) {}

  /**
   * Connects, migrates (under an advisory lock) and starts listening for other instances' commits. The
   * schema is the connection's current schema (`options=-c search_path=…` in the URL picks another).
   */
  static async open(url: string, options: PostgresStoreOptions = {}): Promise<PostgresStore> {
    const config: pg.ClientConfig = { connectionString: url, keepAlive: true };
    const pool = new pg.Pool({
      ...config,
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: options.connectTimeoutMs ?? 5000,
    });
    // A connection that dies while idle or checked out must never become an unhandled 'error' event.
    pool.on('error', () => undefined);
    pool.on('connect', (client) => client.on('error', () => undefined));
    try {
      return await translated(async () => {
        await migrate(pool, options.onMigrationNote);
        const result = await pool.query<{ schema: string }>('SELECT current_schema() AS schema');
        const schema = result.rows[0]?.schema ?? 'public';
        const feed = new PostgresChangeFeed(config, schema, randomUUID());
        await feed.start();
        return new PostgresStore(pool, feed, schema);
      });
    } catch (error) {
      await pool.end().catch(() => undefined);
      // At start-up an operator reads this: say what could not be reached and why (the URL may hold a password).
      if (error instanceof StoreUnavailableError && error.cause instanceof Error) {
        const cause = error.cause as Error & { code?: string };
        throw new Error(`PostgreSQL cannot be reached: ${cause.message || cause.code || cause.name}`, {
          cause: error,
        });
      }
      throw error;
    }
  }

  async isInitialized(): Promise<boolean> {
    return this.read(async (db) => {
      const result = await db.query("SELECT 1 FROM meta WHERE key = 'initialized_at'");
      return result.rows.length > 0;
    });
  }

  /** The meta row is claimed first: a racing instance waits on its key, then finds it taken and writes nothing. */
  async initialize(data: InitialData): Promise<boolean> {
    const created = await this.transaction('all', async (db) => {
      const claimed = await db.query(
        "INSERT INTO meta (key, value) VALUES ('initialized_at', $1) ON CONFLICT (key) DO NOTHING",
        [new Date().toISOString()],
      );
      if ((claimed.rowCount ?? 0) === 0) return false;
      await saveDocuments(db, 'roles', data.roles);
      await saveDocuments(db, 'permissions', data.permissions);
      await saveDocuments(db, 'settings', data.settings);
      await users.insertUserRows(db, data.admin);
      return true;
    });
    if (created) this.feed.publish('all');
    return created;
  }

  async ping(): Promise<void> {
    await this.read((db) => db.query('SELECT 1'));
  }

  async close(): Promise<void> {
    await this.feed.stop();
    await this.pool.end().catch(() => undefined);
  }

  watch(listener: (topic: ChangeTopic) => void): () => void {
    return this.feed.subscribe(listener);
  }

  findUserById(id: string): Promise<UserDoc | null> {
    return this.read((db) => users.findUserById(db, id));
  }
  findUserByIdOrUsername(value: string): Promise<UserDoc | null> {
    return this.read((db) => users.findUserByIdOrUsername(db, value));
  }
  findUserByUsername(username: string): Promise<UserDoc | null> {
    return this.read((db) => users.findUserByUsername(db, username));
  }
  findUserByUsernameInsensitive(username: string): Promise<UserDoc | null> {
    return this.read((db) => users.findUserByUsernameInsensitive(db, username));
  }
  findUserByEmail(address: string): Promise<UserDoc | null> {
    return this.read((db) => users.findUserByEmail(db, address));
  }
  findUserByImportId(importId: string): Promise<UserDoc | null> {
    return this.read((db) => users.findUserByImportId(db, importId));
  }
  findUserByFreeSwitchExtension(extension: string): Promise<UserDoc | null> {
    return this.read((db) => users.findUserByExtension(db, extension));
  }

  async insertUser(user: UserDoc): Promise<void> {
    await this.write('users', (db) => users.insertUserRows(db, user));
  }

  async updateUser(
    id: string,
    change: (user: UserDoc) => UserDoc,
    options: TokenRevocation = {},
  ): Promise<UserDoc | null> {
    const updated = await this.write('users', async (db) => {
      const current = await users.findUserById(db, id, true);
      if (!current) return null;
      const next = { ...change(current), _id: id };
      await users.replaceUserRows(db, next);
      if (options.revokeTokens) await tokens.deleteTokensOfUser(db, id, options.keepToken);
      return next;
    });
    if (updated && options.revokeTokens) this.feed.publish('tokens');
    return updated;
  }

  /** Tables are touched users → subscriptions → tokens, the order bulk writes lock them in. */
  async deleteUser(id: string): Promise<boolean> {
    const deleted = await this.write('users', async (db) => {
      const found = await users.deleteUserRows(db, id);
      await rooms.deleteSubscriptionsOfUser(db, id);
      await tokens.deleteTokensOfUser(db, id);
      await directory.saveAvatar(db, id, null);
      return found;
    });
    this.feed.publish('tokens');
    return deleted;
  }

  listUsers(query: UserListQuery): Promise<UserPage> {
    return this.read((db) => users.listUsers(db, query));
  }
  countUsersWithRole(role: string): Promise<number> {
    return this.read((db) => users.countUsersWithRole(db, role));
  }

  findSession(hashedToken: string): Promise<UserSession | null> {
    return this.read((db) => tokens.findSession(db, hashedToken));
  }
  async insertToken(token: StoredToken): Promise<void> {
    await this.write('tokens', (db) => tokens.insertTokenRow(db, token));
  }
  deleteToken(hashedToken: string): Promise<boolean> {
    return this.write('tokens', (db) => tokens.deleteTokenRow(db, hashedToken));
  }
  listTokensOfUser(userId: string, type: StoredToken['type']): Promise<StoredToken[]> {
    return this.read((db) => tokens.listTokensOfUser(db, userId, type));
  }
  deletePersonalAccessToken(userId: string, name: string): Promise<boolean> {
    return this.write('tokens', (db) => tokens.deletePersonalAccessTokenRow(db, userId, name));
  }
  deleteLoginTokensIssuedBefore(issuedBefore: string): Promise<number> {
    return this.write('tokens', (db) => tokens.deleteLoginTokensIssuedBefore(db, issuedBefore));
  }
  deleteLoginTokensOfUser(userId: string, keepToken?: string): Promise<number> {
    return this.write('tokens', (db) => tokens.deleteLoginTokensOfUser(db, userId, keepToken));
  }

  findRoomById(id: string): Promise<RoomDoc | null> {
    return this.read((db) => rooms.findRoomById(db, id));
  }
  findRoomByName(name: string): Promise<RoomDoc | null> {
    return this.read((db) => rooms.findRoomByName(db, name));
  }
  async insertRoom(room: RoomDoc, subscriptions: SubscriptionDoc[]): Promise<void> {
    await this.write('rooms', async (db) => {
      await rooms.insertRoomRow(db, room);
      await rooms.insertSubscriptionRows(db, subscriptions);
    });
  }
  updateRoom(id: string, change: (room: RoomDoc) => RoomDoc): Promise<RoomDoc | null> {
    return this.write('rooms', async (db) => {
      const current = await rooms.findRoomById(db, id, true);
      if (!current) return null;
      const next = { ...change(current), _id: id };
      await rooms.replaceRoomRow(db, next);
      return next;
    });
  }
  deleteRoom(id: string): Promise<boolean> {
    return this.write('rooms', (db) => rooms.deleteRoomRows(db, id));
  }
  listSubscriptionsOfUser(userId: string): Promise<SubscriptionDoc[]> {
    return this.read((db) => rooms.listSubscriptionsOfUser(db, userId));
  }
  listSubscriptionsOfRoom(roomId: string): Promise<SubscriptionDoc[]> {
    return this.read((db) => rooms.listSubscriptionsOfRoom(db, roomId));
  }
  findSubscription(roomId: string, userId: string): Promise<SubscriptionDoc | null> {
    return this.read((db) => rooms.findSubscription(db, roomId, userId));
  }
  async insertSubscription(subscription: SubscriptionDoc): Promise<void> {
    await this.write('rooms', (db) => rooms.insertSubscriptionRows(db, [subscription]));
  }
  updateSubscription(
    roomId: string,
    userId: string,
    change: (subscription: SubscriptionDoc) => SubscriptionDoc,
  ): Promise<SubscriptionDoc | null> {
    return this.write('rooms', async (db) => {
      const current = await rooms.findSubscription(db, roomId, userId, true);
      if (!current) return null;
      const next = { ...change(current), _id: current._id, rid: current.rid, u: current.u };
      await rooms.replaceSubscriptionRow(db, next);
      return next;
    });
  }
  deleteSubscription(roomId: string, userId: string): Promise<boolean> {
    return this.write('rooms', (db) => rooms.deleteSubscriptionRow(db, roomId, userId));
  }

  listRoles(): Promise<RoleDoc[]> {
    return this.read((db) => listDocuments<RoleDoc>(db, 'roles'));
  }
  async saveRole(role: RoleDoc): Promise<void> {
    await this.write('roles', (db) => saveDocuments(db, 'roles', [role]));
  }
  listUsersInRole(query: RoleHoldersQuery): Promise<{ users: UserDoc[]; total: number }> {
    return this.read((db) => roles.listUsersInRole(db, query));
  }
  deleteRole(id: string, deletedAt: string): Promise<boolean> {
    return this.write('roles', (db) => roles.deleteRole(db, id, deletedAt));
  }
  listRolesDeletedAfter(since: string): Promise<RoleDoc[]> {
    return this.read((db) => roles.listRolesDeletedAfter(db, since));
  }
  listPermissions(): Promise<PermissionDoc[]> {
    return this.read((db) => listDocuments<PermissionDoc>(db, 'permissions'));
  }
  async savePermissions(permissions: PermissionDoc[]): Promise<void> {
    await this.write('permissions', (db) => saveDocuments(db, 'permissions', permissions));
  }
  listSettings(): Promise<SettingDoc[]> {
    return this.read((db) => listDocuments<SettingDoc>(db, 'settings'));
  }
  findSetting(id: string): Promise<SettingDoc | null> {
    return this.read((db) => findDocument<SettingDoc>(db, 'settings', id));
  }
  async saveSetting(setting: SettingDoc): Promise<void> {
    await this.write('settings', (db) => saveDocuments(db, 'settings', [setting]));
  }

  bulkWrite(batch: BulkBatch, mode: BulkMode): Promise<BulkCounts> {
    return this.write('all', (db) => writeBulk(db, batch, mode));
  }

  /**
   * Without statistics (a fresh bulk load before autovacuum's analyze, or autovacuum off) PostgreSQL guesses
   * that a user has ~90,000 subscriptions and plans a parallel bitmap scan with a sort: 500 ms per
   * users.info with rooms on 10,000,000 subscriptions instead of a fraction of a millisecond.
   */
  async refreshPlannerStatistics(): Promise<void> {
    // Roster's tables only (search_path), not every table of a database it may share.
    await translated(() => this.pool.query(`ANALYZE ${BULK_TABLES.join(', ')}`));
  }

  // Account lifecycle and batched membership (see the port's block of the same name).
  async writeUserFootprint(
    userId: string,
    plan: (footprint: UserFootprint) => FootprintWrites,
  ): Promise<FootprintWrites | null> {
    // `all`: the notice carries one topic, and a footprint touches users, rooms and tokens.
    return this.write('all', (db) => lifecycle.writeFootprint(db, userId, plan));
  }
  findUsersByIds(ids: readonly string[]): Promise<UserDoc[]> {
    return this.read((db) => lifecycle.findUsersByIds(db, ids));
  }
  findUsersByUsernames(usernames: readonly string[]): Promise<UserDoc[]> {
    return this.read((db) => lifecycle.findUsersByUsernames(db, usernames));
  }
  findUsersByUsernamesInsensitive(usernames: readonly string[]): Promise<UserDoc[]> {
    return this.read((db) => lifecycle.findUsersByUsernamesInsensitive(db, usernames));
  }
  addRoomMembers(
    roomId: string,
    subscriptions: readonly SubscriptionDoc[],
    now: string,
  ): Promise<{ room: RoomDoc; added: string[] } | null> {
    return this.write('rooms', (db) => lifecycle.addRoomMembers(db, roomId, subscriptions, now));
  }

  writeUserAvatar(
    userId: string,
    avatar: Omit<StoredAvatar, 'userId'> | null,
    change: (user: UserDoc) => UserDoc,
  ): Promise<UserDoc | null> {
    return this.write('users', async (db) => {
      const current = await users.findUserById(db, userId, true);
      if (!current) return null;
      const next = { ...change(current), _id: userId };
      await users.replaceUserRows(db, next);
      await directory.saveAvatar(db, userId, avatar);
      return next;
    });
  }
  findUserAvatar(userId: string): Promise<StoredAvatar | null> {
    return this.read((db) => directory.findAvatar(db, userId));
  }
  searchUsers(query: UserSearchQuery): Promise<UserPage> {
    return this.read((db) => directory.searchUsers(db, query));
  }
  searchPublicRooms(prefix: string, limit: number): Promise<RoomDoc[]> {
    return this.read((db) => directory.searchPublicRooms(db, prefix, limit));
  }
  // Room writes and room lists (see the port's block of the same name).
  writeRoom(roomId: string, plan: (state: RoomState) => RoomWrites): Promise<RoomWrites | null> {
    return this.write('rooms', (db) => roomWrites.writeRoom(db, roomId, plan));
  }
  listRooms(query: RoomListQuery): Promise<RoomPage> {
    return this.read((db) => roomWrites.listRooms(db, query));
  }

  // Messages (see the port's block of the same name).
  postMessage(post: MessagePost): Promise<MessagePosted | null> {
    return this.write('rooms', (db) => messages.postMessage(db, post));
  }
  findMessageById(id: string): Promise<MessageDoc | null> {
    return this.read((db) => messages.findMessageById(db, id));
  }
  listMessages(query: MessageListQuery): Promise<{ messages: MessageDoc[]; total: number }> {
    return this.read((db) => messages.listMessages(db, query));
  }
  deleteMessage(
    id: string,
    room: (current: RoomDoc, lastVisible: MessageDoc | null) => RoomDoc,
  ): Promise<boolean> {
    return this.write('rooms', (db) => messages.deleteMessage(db, id, room));
  }

  /** A read on any pooled connection, with driver errors translated. */
  // Presence reads (see the port's block of the same name).
  listUsersNotOffline(ids?: readonly string[]): Promise<UserDoc[]> {
    return this.read((db) => presence.listUsersNotOffline(db, ids));
  }
  listUsersUpdatedSince(since: string, exceptId: string): Promise<UserDoc[]> {
    return this.read((db) => presence.listUsersUpdatedSince(db, since, exceptId));
  }
  // The audit of gated lookups: single statements on the pool, never announced (postgres-lookup-audit.ts).
  appendLookupAudits(entries: readonly LookupAuditEntry[]): Promise<void> {
    // PostgreSQL text cannot hold NUL: a lookup value containing one is kept with U+FFFD in its place.
    const storable = entries.map((e) => ({ ...e, value: e.value.replaceAll('\u0000', '\ufffd') }));
    return translated(() => lookupAudit.appendLookupAudits(this.pool, storable));
  }
  listLookupAudits(query: LookupAuditQuery): Promise<{ entries: LookupAuditEntry[]; total: number }> {
    return this.read((db) => lookupAudit.listLookupAudits(db, query));
  }
  deleteLookupAuditsBefore(before: string): Promise<number> {
    return translated(() => lookupAudit.deleteLookupAuditsBefore(this.pool, before));
  }

  private read<T>(body: (db: Queryable) => Promise<T>): Promise<T> {
    return translated(() => body(this.nulSafeReads));
  }

  /**
   * PostgreSQL text cannot hold NUL, so no stored key can equal a lookup value containing one; the server would
   * reject the parameter ("invalid byte sequence"). Reads with such a value find nothing, as on SQLite.
   */
  private readonly nulSafeReads: Queryable = {
    query: (text, values) =>
      values?.some((value) => typeof value === 'string' && value.includes('\u0000'))
        ? Promise.resolve({ rows: [], rowCount: 0, command: 'SELECT', oid: 0, fields: [] })
        : this.pool.query({ text, values, name: this.statementNames.nameOf(text) }),
  };
  private readonly statementNames = new StatementNames(200);

  /** One write transaction that also notifies other instances, then the change announced to this one's watchers. */
  private async write<T>(topic: ChangeTopic, body: (db: Queryable) => Promise<T>): Promise<T> {
    const result = await this.transaction(topic, body);
    this.feed.publish(topic);
    return result;
  }

  private transaction<T>(topic: ChangeTopic, body: (db: Queryable) => Promise<T>): Promise<T> {
    return inTransaction(this.pool, { schema: this.schema, origin: this.feed.origin, topic }, body);
  }
}
