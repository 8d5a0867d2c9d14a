// The SQLite adapter of the Store port (better-sqlite3, WAL): one connection per process, sync calls behind async.
// This file composes the sub-ports (sqlite-<port>.ts) and holds the lifecycle: open, migrate, initialize, watch.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { PermissionDoc, SettingDoc } from '../../core/documents.js';
import type { BulkBatch, BulkCounts, BulkMode, ChangeTopic, InitialData, Store } from '../../core/store.js';
import { SqliteAccounts } from './sqlite-accounts.js';
import { SqliteAvatars } from './sqlite-avatars.js';
import { ChangeFeed } from './sqlite-change-feed.js';
import { SqliteBulkWriter } from './sqlite-bulk.js';
import { SqliteDirectory } from './sqlite-directory.js';
import { SqliteDocumentTable } from './sqlite-documents.js';
import { translateConflicts } from './sqlite-errors.js';
import { SqliteLookupAudits } from './sqlite-lookup-audit.js';
import { SqlitePresence } from './sqlite-presence.js';
import { SqliteRoles } from './sqlite-roles.js';
import { SqliteRooms } from './sqlite-rooms.js';
import { migrate, type MigrationNote } from './sqlite-schema.js';
import { SqliteSubscriptions } from './sqlite-subscriptions.js';
import { SqliteTokens } from './sqlite-tokens.js';
import { SqliteUsers } from './sqlite-users.js';
import type { SqliteWriter } from './sqlite-writer.js';

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
  readonly users: SqliteUsers;
  readonly tokens: SqliteTokens;
  readonly rooms: SqliteRooms;
  readonly subscriptions: SqliteSubscriptions;
  readonly roles: SqliteRoles;
  readonly permissions: SqliteDocumentTable<PermissionDoc>;
  readonly settings: SqliteDocumentTable<SettingDoc>;
  readonly accounts: SqliteAccounts;
  readonly avatars: SqliteAvatars;
  readonly directory: SqliteDirectory;
  readonly presence: SqlitePresence;
  readonly lookupAudits: SqliteLookupAudits;
  private readonly bulk: SqliteBulkWriter;
  private readonly feed: ChangeFeed;

  private constructor(
    private readonly db: Database.Database,
    options: SqliteStoreOptions,
  ) {
    this.feed = new ChangeFeed(db, options.changePollMs ?? 200);
    const writer: SqliteWriter = {
      write: (topic, body) => {
        const result = translateConflicts(() => db.transaction(body).immediate());
        this.feed.publish(topic);
        return result;
      },
      publish: (topic) => this.feed.publish(topic),
    };
    this.tokens = new SqliteTokens(db, writer);
    this.subscriptions = new SqliteSubscriptions(db, writer);
    this.avatars = new SqliteAvatars(db, writer, () => this.users);
    this.users = new SqliteUsers(db, writer, () => this);
    this.rooms = new SqliteRooms(db, writer, this.subscriptions);
    this.roles = new SqliteRoles(db, writer);
    this.permissions = new SqliteDocumentTable(db, writer, 'permissions');
    this.settings = new SqliteDocumentTable(db, writer, 'settings');
    this.accounts = new SqliteAccounts(db, writer, this);
    this.directory = new SqliteDirectory(db);
    this.presence = new SqlitePresence(db);
    this.lookupAudits = new SqliteLookupAudits(db);
    this.bulk = new SqliteBulkWriter(db, {
      users: this.users,
      roles: this.roles,
      permissions: this.permissions,
      settings: this.settings,
    });
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
        for (const role of data.roles) this.roles.saveSync(role);
        for (const permission of data.permissions) this.permissions.saveSync(permission);
        for (const setting of data.settings) this.settings.saveSync(setting);
        this.users.insertSync(data.admin);
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
}
