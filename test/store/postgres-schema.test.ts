// PostgreSQL migrations: instances starting together on a fresh schema migrate it exactly once.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import pg from 'pg';
import { PostgresStore } from '../../src/store/postgres/postgres-store.js';
import { migrate, SCHEMA_VERSION } from '../../src/store/postgres/postgres-schema.js';
import { freshPgSchema, testStores } from '../helpers/test-stores.js';

const TABLES = [
  'lookup_audit',
  'meta',
  'permissions',
  'roles',
  'roles_trash',
  'rooms',
  'roster_migrations',
  'settings',
  'subscriptions',
  'tokens',
  'user_avatars',
  'user_emails',
  'user_import_ids',
  'user_roles',
  'users',
];

if (testStores().some(([name]) => name === 'postgres')) {
  describe('PostgreSQL migrations (postgres)', () => {
    it(
      'migrates a fresh schema once when several instances start at the same moment',
      { timeout: 30_000 },
      async () => {
        const schema = await freshPgSchema();
        const pools = Array.from({ length: 4 }, () => new pg.Pool({ connectionString: schema.url, max: 1 }));
        try {
          await Promise.all(pools.map((pool) => migrate(pool)));
          const check = pools[0] as pg.Pool;
          const versions = await check.query<{ version: number }>(
            'SELECT version FROM roster_migrations ORDER BY version',
          );
          assert.deepEqual(
            versions.rows.map((row) => row.version),
            Array.from({ length: SCHEMA_VERSION }, (_, index) => index + 1),
          );
          const tables = await check.query<{ table_name: string }>(
            'SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()',
          );
          assert.deepEqual(tables.rows.map((row) => row.table_name).sort(), TABLES);
          await migrate(check);
          assert.equal((await check.query('SELECT * FROM roster_migrations')).rows.length, SCHEMA_VERSION);
        } finally {
          await Promise.all(pools.map((pool) => pool.end()));
          await schema.drop();
        }
      },
    );

    it('opens several stores on one fresh schema at once, each of them working', async () => {
      const schema = await freshPgSchema();
      const stores = await Promise.all(Array.from({ length: 3 }, () => PostgresStore.open(schema.url)));
      try {
        await stores[0]?.users.insert({ _id: 'u1', username: 'una' });
        for (const store of stores) assert.equal((await store.users.findById('u1'))?.username, 'una');
      } finally {
        for (const store of stores) await store.close();
        await schema.drop();
      }
    });

    it('refuses to open a schema migrated by a newer Roster', async () => {
      const schema = await freshPgSchema();
      const pool = new pg.Pool({ connectionString: schema.url, max: 1 });
      try {
        await migrate(pool);
        await pool.query('INSERT INTO roster_migrations (version, applied_at) VALUES ($1, now())', [
          SCHEMA_VERSION + 1,
        ]);
        await assert.rejects(PostgresStore.open(schema.url), /newer than this Roster/);
      } finally {
        await pool.end();
        await schema.drop();
      }
    });
  });
}
