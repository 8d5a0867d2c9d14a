// Migration 9 on a database an earlier Roster wrote: users holding import ids count as imported, every other user
// (the first-start admin among them) as Roster's own, which an import then does not replace (security F18).
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import pg from 'pg';
import type { Store } from '../../src/core/store.js';
import { newUserDocument } from '../../src/core/users/user-document.js';
import { importExport } from '../../src/import/import-run.js';
import { migrate as migrateSqlite } from '../../src/store/sqlite/sqlite-schema.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { migrate as migratePostgres } from '../../src/store/postgres/postgres-schema.js';
import { PostgresStore } from '../../src/store/postgres/postgres-store.js';
import { freshPgSchema } from '../helpers/test-stores.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { quietObserver } from '../import/export-fixtures.js';

/** The last schema version before migration 9. */
const PREVIOUS_VERSION = 8;

/** Rows as Roster 8 wrote them: `admin` (first start), `carol` (imported with import ids), `dave` (users.create). */
function previousRows(): Array<{ table: 'users' | 'user_import_ids'; values: string[] }> {
  const row = (id: string, username: string, extra: Record<string, unknown> = {}) => ({
    table: 'users' as const,
    values: [
      id,
      username,
      username,
      JSON.stringify({
        ...newUserDocument(
          { id, username, email: `${id}@x.org`, name: id, roles: ['user'] },
          new Date('2024-01-01T00:00:00.000Z'),
        ),
        ...extra,
      }),
    ],
  });
  return [
    row('admin-id', 'admin', { roles: ['admin', 'user'] }),
    row('carol-id', 'carol', { importIds: ['rc-carol'] }),
    { table: 'user_import_ids', values: ['rc-carol', 'carol-id'] },
    row('dave-id', 'dave'),
  ];
}

const INSERT = {
  users: 'INSERT INTO users (id, username, username_lower, doc) VALUES',
  user_import_ids: 'INSERT INTO user_import_ids (import_id, user_id) VALUES',
};

/** After the upgrade: only carol is imported; an export changing all three replaces carol alone. */
async function assertUpgraded(store: Store, exportPath: string): Promise<void> {
  assert.deepEqual(await store.findLocalUserIds(['admin-id', 'carol-id', 'dave-id']), [
    'admin-id',
    'dave-id',
  ]);
  writeFileSync(
    exportPath,
    ['admin-id', 'carol-id', 'dave-id']
      .map((id) => JSON.stringify({ _id: id, username: id.replace('-id', ''), name: 'From the export' }))
      .join('\n'),
  );
  const files = [{ path: exportPath, collection: 'users' as const }];
  const summary = await importExport(store, files, { batchSize: 10, skipInvalid: false }, quietObserver);
  assert.deepEqual(summary.protectedUsers, ['admin (admin-id)', 'dave (dave-id)']);
  assert.equal(summary.collections.users.protected, 2);
  assert.equal(summary.collections.users.updated, 1);
  assert.equal((await store.users.findById('carol-id'))?.name, 'From the export');
  assert.equal((await store.users.findById('admin-id'))?.name, 'admin-id');
  assert.equal((await store.users.findById('dave-id'))?.name, 'dave-id');
}

describe('user origin migration 9 (sqlite)', () => {
  it('marks users with import ids as imported and protects the others from an import', async () => {
    const dir = makeTempDir();
    try {
      const path = join(dir.path, 'previous.db');
      const db = new Database(path);
      migrateSqlite(db, () => undefined, PREVIOUS_VERSION);
      for (const row of previousRows()) {
        db.prepare(`${INSERT[row.table]} (${row.values.map(() => '?').join(', ')})`).run(...row.values);
      }
      db.close();
      const store = SqliteStore.open(path);
      try {
        await assertUpgraded(store, join(dir.path, 'users.json'));
      } finally {
        await store.close();
      }
    } finally {
      dir.remove();
    }
  });
});

describe('user origin migration 9 (postgres)', () => {
  it('marks users with import ids as imported and protects the others from an import', async () => {
    const schema = await freshPgSchema();
    const dir = makeTempDir();
    try {
      const pool = new pg.Pool({ connectionString: schema.url, max: 1 });
      try {
        await migratePostgres(pool, () => undefined, PREVIOUS_VERSION);
        for (const row of previousRows()) {
          const params = row.values.map((_, i) => `$${i + 1}`).join(', ');
          await pool.query(`${INSERT[row.table]} (${params})`, row.values);
        }
      } finally {
        await pool.end();
      }
      const store = await PostgresStore.open(schema.url, { poolSize: 2 });
      try {
        await assertUpgraded(store, join(dir.path, 'users.json'));
      } finally {
        await store.close();
      }
    } finally {
      dir.remove();
      await schema.drop();
    }
  });
});
