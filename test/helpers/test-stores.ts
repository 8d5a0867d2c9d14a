// The stores a test suite runs against: each a real database, fresh per call.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import type { Store } from '../../src/core/store.js';
import { PostgresStore } from '../../src/store/postgres/postgres-store.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { makeTempDir } from './temp-dir.js';

export interface TestStore {
  store: Store;
  /** Opens another connection to the same database, as a second process would. */
  reopen(): Promise<Store>;
  dispose(): Promise<void>;
}

export type StoreFactory = () => Promise<TestStore>;

/** The PostgreSQL server tests use; unreachable means the postgres tests fail, never skip. */
export const TEST_PG_URL = process.env.ROSTER_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function freshSqlite(): Promise<TestStore> {
  const dir = makeTempDir();
  const path = join(dir.path, 'roster.db');
  const opened: Store[] = [SqliteStore.open(path, { changePollMs: 50 })];
  return {
    store: opened[0] as Store,
    async reopen() {
      const store = SqliteStore.open(path, { changePollMs: 50 });
      opened.push(store);
      return store;
    },
    async dispose() {
      for (const store of opened) await store.close();
      dir.remove();
    },
  };
}

/** A new, empty schema on the test server: its URL (search_path set per connection) and how to drop it. */
export async function freshPgSchema(
  baseUrl = TEST_PG_URL,
): Promise<{ url: string; drop: () => Promise<void> }> {
  const schema = `roster_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE SCHEMA ${schema}`);
  } finally {
    await admin.end();
  }
  const url = new URL(baseUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: baseUrl });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA ${schema} CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}

async function freshPostgres(): Promise<TestStore> {
  const schema = await freshPgSchema();
  const opened: Store[] = [await PostgresStore.open(schema.url, { poolSize: 4 })];
  return {
    store: opened[0] as Store,
    async reopen() {
      const store = await PostgresStore.open(schema.url, { poolSize: 4 });
      opened.push(store);
      return store;
    },
    async dispose() {
      for (const store of opened) await store.close();
      await schema.drop();
    },
  };
}

const FACTORIES: Record<string, StoreFactory> = { sqlite: freshSqlite, postgres: freshPostgres };

/** The stores selected by ROSTER_TEST_STORES (comma-separated; default: every adapter, "sqlite,postgres"). */
export function testStores(): Array<[name: string, factory: StoreFactory]> {
  const wanted = (process.env.ROSTER_TEST_STORES ?? Object.keys(FACTORIES).join(','))
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  return wanted.map((name) => {
    const factory = FACTORIES[name];
    if (!factory) throw new Error(`ROSTER_TEST_STORES names an unknown store: ${name}`);
    return [name, factory];
  });
}
