// The SQLite adapter of the Store port (better-sqlite3, WAL): one connection per process, sync calls behind async.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
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
import { SqliteAccountLifecycle } from './sqlite-account-lifecycle.js';
import { SqlitePresence } from './sqlite-presence.js';
import { SqliteRoomWrites } from './sqlite-room-writes.js';
import { ChangeFeed } from './sqlite-change-feed.js';
import { SqliteBulkWriter } from './sqlite-bulk.js';
import { SqliteDirectory } from './sqlite-directory.js';
import { SqliteDocumentTable } from './sqlite-documents.js';
import { translateConflicts } from './sqlite-errors.js';
import { SqliteRoles } from './sqlite-roles.js';
import { SqliteRooms } from './sqlite-rooms.js';
import { migrate, type MigrationNote } from './sqlite-schema.js';
import { SqliteTokens } from './sqlite-tokens.js';
import { SqliteLookupAudit } from './sqlite-lookup-audit.js';
import { SqliteMessages } from './sqlite-messages.js';
import { SqliteUsers } from './sqlite-users.js';

export interface SqliteStoreOptions {
  /** How often to look for other processes' commits (PRAGMA data_version), in ms. */
  changePollMs?: number;
  /** SQLite's page cache, MiB. Bulk writes into large random-keyed indexes need it most. */
  cacheMb?: number;
  /** Told each change a migration makes to existing rows (e.g. a duplicate renamed); default: nowhere. */
  onMigrationNote?: MigrationNote;
}

const DEFAULT_CACHE_MB = 64;

export class SqliteStore implements Store {
  readonly kind = 'sqlite';
  private readonly users: SqliteUsers;
  private readonly tokens: SqliteTokens;
  private readonly lookupAudit: SqliteLookupAudit;
  private readonly rooms: SqliteRooms;
  private readonly roles: SqliteDocumentTable<RoleDoc>;
  private readonly roleHolders: SqliteRoles;
  private readonly permissions: SqliteDocumentTable<PermissionDoc>;
  private readonly settings: SqliteDocumentTable<SettingDoc>;
  private readonly bulk: SqliteBulkWriter;
  private readonly feed: ChangeFeed;
  private readonly lifecycle: SqliteAccountLifecycle;
  private readonly directory: SqliteDirectory;
  private readonly presence: SqlitePresence;
  private readonly roomWrites: SqliteRoomWrites;
  private readonly messages: SqliteMessages;

  private constructor(
    private readonly db: Database.Database,
    options: SqliteStoreOptions,
  ) {
    this.users = new SqliteUsers(db);
    this.tokens = new SqliteTokens(db);
    this.lookupAudit = new SqliteLookupAudit(db);
    this.rooms = new SqliteRooms(db);
    this.roles = new SqliteDocumentTable(db, 'roles');
    this.roleHolders = new SqliteRoles(db);
    this.permissions = new SqliteDocumentTable(db, 'permissions');
    this.settings = new SqliteDocumentTable(db, 'settings');
    this.bulk = new SqliteBulkWriter(db, {
      users: this.users,
      roles: this.roles,
      permissions: this.permissions,
      settings: this.settings,
    });
    this.feed = new ChangeFeed(db, options.changePollMs ?? 200);
    this.lifecycle = new SqliteAccountLifecycle(db, this.users, this.tokens, this.rooms);
    this.directory = new SqliteDirectory(db);
    this.presence = new SqlitePresence(db);
    this.messages = new SqliteMessages(db, this.rooms);
    this.roomWrites = new SqliteRoomWrites(db, this.rooms, this.messages);
  }

  /** Opens (creating folder and file if needed) and migrates the database at `path`. */
  static open(path: string, options: SqliteStoreOptions = {}): SqliteStore {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const db = new Database(path, { timeout: 10_000 });
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = OFF');
    db.pragma(`cache_size = -${Math.round((options.cacheMb ?? DEFAULT_CACHE_MB) * 1024)}`);
    migrate(db, options.onMigrationNote);
    return new SqliteStore(db, options);
  }

  async isInitialized(): Promise<boolean> {
    return this.db.prepare("SELECT 1 FROM meta WHERE key = 'initialized_at'").get() !== undefined;
  }

  async initialize(data: InitialData): Promise<boolean> {
    const created = this.db
      .transaction(() => {
        if (this.db.prepare("SELECT 1 FROM meta WHERE key = 'initialized_at'").get()) return false;
        for (const role of data.roles) this.roles.save(role);
        for (const permission of data.permissions) this.permissions.save(permission);
        for (const setting of data.settings) this.settings.save(setting);
        this.users.insert(data.admin);
        this.db
          .prepare("INSERT INTO meta (key, value) VALUES ('initialized_at', ?)")
          .run(new Date().toISOString());
        return true;
      })
      .immediate();
    if (created) this.feed.publish('all');
    return created;
  }

  async ping(): Promise<void> {
    this.db.prepare('SELECT 1').get();
  }

  async close(): Promise<void> {
    this.feed.stop();
    if (this.db.open) this.db.close();
  }

  watch(listener: (topic: ChangeTopic) => void): () => void {
    return this.feed.subscribe(listener);
  }

  async findUserById(id: string): Promise<UserDoc | null> {
    return this.users.findById(id);
  }
  async findUserByIdOrUsername(value: string): Promise<UserDoc | null> {
    return this.users.findByIdOrUsername(value);
  }
  async findUserByUsername(username: string): Promise<UserDoc | null> {
    return this.users.findByUsername(username);
  }
  async findUserByUsernameInsensitive(username: string): Promise<UserDoc | null> {
    return this.users.findByUsernameInsensitive(username);
  }
  async findUserByEmail(address: string): Promise<UserDoc | null> {
    return this.users.findByEmail(address);
  }
  async findUserByImportId(importId: string): Promise<UserDoc | null> {
    return this.users.findByImportId(importId);
  }
  async findUserByFreeSwitchExtension(extension: string): Promise<UserDoc | null> {
    return this.users.findByExtension(extension);
  }

  async insertUser(user: UserDoc): Promise<void> {
    this.write('users', () => this.users.insert(user));
  }

  async updateUser(
    id: string,
    change: (user: UserDoc) => UserDoc,
    options: TokenRevocation = {},
  ): Promise<UserDoc | null> {
    const updated = this.write('users', () => {
      const current = this.users.findById(id);
      if (!current) return null;
      const next = { ...change(current), _id: id };
      this.users.replace(next);
      if (options.revokeTokens) this.tokens.deleteOfUser(id, options.keepToken);
      return next;
    });
    if (updated && options.revokeTokens) this.feed.publish('tokens');
    return updated;
  }

  async deleteUser(id: string): Promise<boolean> {
    const deleted = this.write('users', () => {
      this.tokens.deleteOfUser(id);
      this.rooms.deleteSubscriptionsOf(id);
      this.directory.deleteAvatarOf(id);
      return this.users.delete(id);
    });
    this.feed.publish('tokens');
    return deleted;
  }

  async listUsers(query: UserListQuery): Promise<UserPage> {
    return this.users.list(query);
  }
  async countUsersWithRole(role: string): Promise<number> {
    return this.users.countWithRole(role);
  }

  async findSession(hashedToken: string): Promise<UserSession | null> {
    return this.tokens.findSession(hashedToken);
  }
  async insertToken(token: StoredToken): Promise<void> {
    this.write('tokens', () => this.tokens.insert(token));
  }
  async deleteToken(hashedToken: string): Promise<boolean> {
    return this.write('tokens', () => this.tokens.delete(hashedToken));
  }
  async listTokensOfUser(userId: string, type: StoredToken['type']): Promise<StoredToken[]> {
    return this.tokens.listOf(userId, type);
  }
  async deletePersonalAccessToken(userId: string, name: string): Promise<boolean> {
    return this.write('tokens', () => this.tokens.deletePersonalAccessToken(userId, name));
  }
  // The audit of gated lookups: written without publishing a topic (sqlite-lookup-audit.ts).
  async appendLookupAudits(entries: readonly LookupAuditEntry[]): Promise<void> {
    translateConflicts(() => this.lookupAudit.append(entries));
  }
  async listLookupAudits(query: LookupAuditQuery): Promise<{ entries: LookupAuditEntry[]; total: number }> {
    return this.lookupAudit.list(query);
  }
  async deleteLookupAuditsBefore(before: string): Promise<number> {
    return this.lookupAudit.deleteOlderThan(before);
  }
  async deleteLoginTokensIssuedBefore(issuedBefore: string): Promise<number> {
    return this.write('tokens', () => this.tokens.deleteLoginTokensIssuedBefore(issuedBefore));
  }
  async deleteLoginTokensOfUser(userId: string, keepToken?: string): Promise<number> {
    return this.write('tokens', () => this.tokens.deleteLoginOfUser(userId, keepToken));
  }

  async findRoomById(id: string): Promise<RoomDoc | null> {
    return this.rooms.findRoomById(id);
  }
  async findRoomByName(name: string): Promise<RoomDoc | null> {
    return this.rooms.findRoomByName(name);
  }
  async insertRoom(room: RoomDoc, subscriptions: SubscriptionDoc[]): Promise<void> {
    this.write('rooms', () => {
      this.rooms.insertRoom(room);
      for (const subscription of subscriptions) this.rooms.insertSubscription(subscription);
    });
  }
  async updateRoom(id: string, change: (room: RoomDoc) => RoomDoc): Promise<RoomDoc | null> {
    return this.write('rooms', () => {
      const current = this.rooms.findRoomById(id);
      if (!current) return null;
      const next = { ...change(current), _id: id };
      this.rooms.replaceRoom(next);
      return next;
    });
  }
  async deleteRoom(id: string): Promise<boolean> {
    return this.write('rooms', () => this.rooms.deleteRoom(id));
  }
  async listSubscriptionsOfUser(userId: string): Promise<SubscriptionDoc[]> {
    return this.rooms.listOfUser(userId);
  }
  async listSubscriptionsOfRoom(roomId: string): Promise<SubscriptionDoc[]> {
    return this.rooms.listOfRoom(roomId);
  }
  async findSubscription(roomId: string, userId: string): Promise<SubscriptionDoc | null> {
    return this.rooms.findSubscription(roomId, userId);
  }
  async insertSubscription(subscription: SubscriptionDoc): Promise<void> {
    this.write('rooms', () => this.rooms.insertSubscription(subscription));
  }
  async updateSubscription(
    roomId: string,
    userId: string,
    change: (subscription: SubscriptionDoc) => SubscriptionDoc,
  ): Promise<SubscriptionDoc | null> {
    return this.write('rooms', () => {
      const current = this.rooms.findSubscription(roomId, userId);
      if (!current) return null;
      const next = { ...change(current), _id: current._id, rid: current.rid, u: current.u };
      this.rooms.replaceSubscription(next);
      return next;
    });
  }
  async deleteSubscription(roomId: string, userId: string): Promise<boolean> {
    return this.write('rooms', () => this.rooms.deleteSubscription(roomId, userId));
  }

  async listRoles(): Promise<RoleDoc[]> {
    return this.roles.list();
  }
  async saveRole(role: RoleDoc): Promise<void> {
    this.write('roles', () => this.roles.save(role));
  }
  async listUsersInRole(query: RoleHoldersQuery): Promise<{ users: UserDoc[]; total: number }> {
    return this.roleHolders.listHolders(query);
  }
  async deleteRole(id: string, deletedAt: string): Promise<boolean> {
    return this.write('roles', () => this.roleHolders.delete(id, deletedAt));
  }
  async listRolesDeletedAfter(since: string): Promise<RoleDoc[]> {
    return this.roleHolders.deletedAfter(since);
  }
  async listPermissions(): Promise<PermissionDoc[]> {
    return this.permissions.list();
  }
  async savePermissions(permissions: PermissionDoc[]): Promise<void> {
    this.write('permissions', () => {
      for (const permission of permissions) this.permissions.save(permission);
    });
  }
  async listSettings(): Promise<SettingDoc[]> {
    return this.settings.list();
  }
  async findSetting(id: string): Promise<SettingDoc | null> {
    return this.settings.find(id);
  }
  async saveSetting(setting: SettingDoc): Promise<void> {
    this.write('settings', () => this.settings.save(setting));
  }

  async bulkWrite(batch: BulkBatch, mode: BulkMode): Promise<BulkCounts> {
    const counts = this.bulk.write(batch, mode);
    this.feed.publish('all');
    return counts;
  }

  /**
   * Nothing to do: without statistics SQLite's planner already takes the unique and equality indexes Roster's
   * lookups are written for (measured on 1,000,000 users, BENCHMARKS.md), and ANALYZE would add a scan of a
   * multi-gigabyte file to every seed and import.
   */
  async refreshPlannerStatistics(): Promise<void> {}

  // Account lifecycle and batched membership (see the port's block of the same name).
  async writeUserFootprint(
    userId: string,
    plan: (footprint: UserFootprint) => FootprintWrites,
  ): Promise<FootprintWrites | null> {
    const writes = this.write('users', () => this.lifecycle.writeFootprint(userId, plan));
    // Caches keyed by rooms and tokens drop what the footprint changed too.
    if (writes) this.feed.publish('rooms');
    if (writes && (writes.user === null || writes.revokeTokens)) this.feed.publish('tokens');
    return writes;
  }
  async findUsersByIds(ids: readonly string[]): Promise<UserDoc[]> {
    return this.lifecycle.findUsersByIds(ids);
  }
  async findUsersByUsernames(usernames: readonly string[]): Promise<UserDoc[]> {
    return this.lifecycle.findUsersByUsernames(usernames);
  }
  async findUsersByUsernamesInsensitive(usernames: readonly string[]): Promise<UserDoc[]> {
    return this.lifecycle.findUsersByUsernamesInsensitive(usernames);
  }
  async addRoomMembers(
    roomId: string,
    subscriptions: readonly SubscriptionDoc[],
    now: string,
  ): Promise<{ room: RoomDoc; added: string[] } | null> {
    return this.write('rooms', () => this.lifecycle.addRoomMembers(roomId, subscriptions, now));
  }

  // Presence reads (see the port's block of the same name).
  async listUsersNotOffline(ids?: readonly string[]): Promise<UserDoc[]> {
    return this.presence.listNotOffline(ids);
  }
  async listUsersUpdatedSince(since: string, exceptId: string): Promise<UserDoc[]> {
    return this.presence.listUpdatedSince(since, exceptId);
  }
  // Room writes and room lists (see the port's block of the same name).
  async writeRoom(roomId: string, plan: (state: RoomState) => RoomWrites): Promise<RoomWrites | null> {
    return this.write('rooms', () => this.roomWrites.writeRoom(roomId, plan));
  }
  async listRooms(query: RoomListQuery): Promise<RoomPage> {
    return this.roomWrites.listRooms(query);
  }

  // Messages (see the port's block of the same name).
  async postMessage(post: MessagePost): Promise<MessagePosted | null> {
    return this.write('rooms', () => this.messages.post(post));
  }
  async findMessageById(id: string): Promise<MessageDoc | null> {
    return this.messages.findById(id);
  }
  async listMessages(query: MessageListQuery): Promise<{ messages: MessageDoc[]; total: number }> {
    return this.messages.list(query);
  }
  async deleteMessage(
    id: string,
    room: (current: RoomDoc, lastVisible: MessageDoc | null) => RoomDoc,
  ): Promise<boolean> {
    return this.write('rooms', () => this.messages.delete(id, room));
  }

  /** One write transaction with conflicts translated, then the change announced to watchers. */
  private write<T>(topic: ChangeTopic, body: () => T): T {
    const result = translateConflicts(() => this.db.transaction(body).immediate());
    this.feed.publish(topic);
    return result;
  }

  async writeUserAvatar(
    userId: string,
    avatar: Omit<StoredAvatar, 'userId'> | null,
    change: (user: UserDoc) => UserDoc,
  ): Promise<UserDoc | null> {
    return this.write('users', () => {
      const current = this.users.findById(userId);
      if (!current) return null;
      const next = { ...change(current), _id: userId };
      this.users.replace(next);
      this.directory.saveAvatar(userId, avatar);
      return next;
    });
  }
  async findUserAvatar(userId: string): Promise<StoredAvatar | null> {
    return this.directory.findAvatar(userId);
  }
  async searchUsers(query: UserSearchQuery): Promise<UserPage> {
    return this.directory.searchUsers(query);
  }
  async searchPublicRooms(prefix: string, limit: number): Promise<RoomDoc[]> {
    return this.directory.searchPublicRooms(prefix, limit);
  }
}
