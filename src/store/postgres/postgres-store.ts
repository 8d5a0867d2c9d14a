// The PostgreSQL adapter of the Store port (pg): pooled connections, one transaction per write, LISTEN/NOTIFY.
// This file composes the sub-ports (postgres-<port>.ts) and holds the lifecycle: open, migrate, initialize, watch.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { BulkBatch, BulkCounts, BulkMode, ChangeTopic, InitialData, Store } from '../../core/store.js';
import { PostgresAccounts } from './postgres-account-lifecycle.js';
import type { PostgresAccess } from './postgres-access.js';
import { writeBulk } from './postgres-bulk.js';
import { PostgresChangeFeed } from './postgres-change-feed.js';
import { PostgresAvatars, PostgresDirectory } from './postgres-directory.js';
import { PostgresPermissions, PostgresSettings, saveDocuments } from './postgres-documents.js';
import { StoreUnavailableError } from '../../errors.js';
import { translated } from './postgres-errors.js';
import { PostgresLookupAudits } from './postgres-lookup-audit.js';
import { PostgresPresence } from './postgres-presence.js';
import type { Queryable } from './postgres-queryable.js';
import { PostgresRoles } from './postgres-roles.js';
import { PostgresRooms, PostgresSubscriptions } from './postgres-rooms.js';
import { StatementNames } from './postgres-statement-names.js';
import { migrate, type MigrationNote } from './postgres-schema.js';
import { PostgresTokens } from './postgres-tokens.js';
import { inTransaction } from './postgres-transaction.js';
import { insertUserRows, PostgresUsers } from './postgres-users.js';

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
  private readonly access: PostgresAccess = {
    read: (body) => this.read(body),
    write: (topic, body) => this.write(topic, body),
    unannounced: (body) => translated(() => body(this.pool)),
    publish: (topic) => this.feed.publish(topic),
  };
  readonly users = new PostgresUsers(this.access);
  readonly tokens = new PostgresTokens(this.access);
  readonly rooms = new PostgresRooms(this.access);
  readonly subscriptions = new PostgresSubscriptions(this.access);
  readonly roles = new PostgresRoles(this.access);
  readonly permissions = new PostgresPermissions(this.access);
  readonly settings = new PostgresSettings(this.access);
  readonly accounts = new PostgresAccounts(this.access);
  readonly avatars = new PostgresAvatars(this.access);
  readonly directory = new PostgresDirectory(this.access);
  readonly presence = new PostgresPresence(this.access);
  readonly lookupAudits = new PostgresLookupAudits(this.access);

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
      await insertUserRows(db, data.admin);
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

  /** A read on any pooled connection, with driver errors translated. */
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
