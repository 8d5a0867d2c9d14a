// After a bulk load PostgreSQL gets fresh planner statistics, so lookups do not fall back to scans of millions
// of rows while autovacuum has not analysed the tables (or is off, as on this machine's server).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import pg from 'pg';
import { PostgresStore } from '../../src/store/postgres/postgres-store.js';
import { freshPgSchema, testStores } from '../helpers/test-stores.js';

/**
 * Migration bookkeeping, avatar images (written one at a time by users.setAvatar, never by seeding or
 * import), the roles trash and the lookup audit; every other table of the schema holds documents or their index rows.
 */
const BOOKKEEPING_TABLES = new Set([
  'meta',
  'roster_migrations',
  'user_avatars',
  'roles_trash',
  'lookup_audit',
  // chat.postMessage writes messages; seeding and import never do.
  'messages',
]);

if (testStores().some(([name]) => name === 'postgres')) {
  describe('planner statistics after a bulk load (postgres)', () => {
    it("analyses every table seeding and import write, in the store's own schema only", async () => {
      const schema = await freshPgSchema();
      const store = await PostgresStore.open(schema.url);
      const client = new pg.Client({ connectionString: schema.url });
      await client.connect();
      const analysed = async () =>
        (
          await client.query<{ relname: string }>(
            `SELECT relname FROM pg_stat_user_tables
             WHERE schemaname = current_schema() AND last_analyze IS NOT NULL ORDER BY relname`,
          )
        ).rows.map((row) => row.relname);
      try {
        await store.bulkWrite(
          {
            users: [{ _id: 'u1', username: 'one', emails: [{ address: 'one@example.com' }] }],
            subscriptions: [
              { _id: 's1', rid: 'r1', t: 'c', name: 'general', u: { _id: 'u1', username: 'one' } },
            ],
          },
          'ignore',
        );
        assert.deepEqual(await analysed(), []);
        await store.refreshPlannerStatistics();
        const tables = await client.query<{ tablename: string }>(
          'SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename',
        );
        const documentTables = tables.rows
          .map((row) => row.tablename)
          .filter((table) => !BOOKKEEPING_TABLES.has(table));
        assert.equal(documentTables.length, 10);
        assert.deepEqual(await analysed(), documentTables);
      } finally {
        await client.end();
        await store.close();
        await schema.drop();
      }
    });
  });
}
