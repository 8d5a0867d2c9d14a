// Migration 3 (the roles trash) and those after it upgrade a database of schema 2 in place: its rows stay, and
// roles.delete works after.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import pg from 'pg';
import type { Store } from '../../src/core/store.js';
import { migrate as migratePostgres } from '../../src/store/postgres/postgres-schema.js';
import { PostgresStore } from '../../src/store/postgres/postgres-store.js';
import { migrate as migrateSqlite } from '../../src/store/sqlite/sqlite-schema.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { freshPgSchema, testStores } from '../helpers/test-stores.js';
import { makeTempDir } from '../helpers/temp-dir.js';

/** Rows as Roster at schema 2 wrote them: a custom role and a user (documents plus the username index). */
const ROLE_DOC = JSON.stringify({ _id: 'r1', name: 'auditor', scope: 'Users' });
const USER_DOC = JSON.stringify({ _id: 'u1', username: 'alice', roles: ['user'] });
const SCHEMA_2_ROWS: Array<[string, string[]]> = [
  ['INSERT INTO roles (id, doc) VALUES', ['r1', ROLE_DOC]],
  ['INSERT INTO users (id, username, username_lower, doc) VALUES', ['u1', 'alice', 'alice', USER_DOC]],
];

async function assertUpgraded(store: Store): Promise<void> {
  assert.deepEqual(
    (await store.roles.list()).map((role) => role._id),
    ['r1'],
  );
  assert.equal((await store.users.findById('u1'))?.username, 'alice');
  assert.equal(await store.roles.delete('r1', '2026-01-02T00:00:00.000Z'), true);
  assert.equal((await store.roles.listDeletedAfter('2026-01-01T00:00:00.000Z')).length, 1);
}

const stores = new Set(testStores().map(([name]) => name));

describe('roles trash migration', () => {
  if (stores.has('sqlite')) {
    it('adds roles_trash to a SQLite database of schema 2 and keeps its rows', async () => {
      const dir = makeTempDir();
      try {
        const path = join(dir.path, 'roster.db');
        const raw = new Database(path);
        migrateSqlite(raw, () => undefined, 2);
        for (const [insert, values] of SCHEMA_2_ROWS) {
          raw.prepare(`${insert} (${values.map(() => '?').join(', ')})`).run(...values);
        }
        raw.close();
        const upgraded = SqliteStore.open(path);
        try {
          await assertUpgraded(upgraded);
        } finally {
          await upgraded.close();
        }
      } finally {
        dir.remove();
      }
    });
  }

  if (stores.has('postgres')) {
    it('adds roles_trash to a PostgreSQL schema of version 2 and keeps its rows', async () => {
      const schema = await freshPgSchema();
      try {
        const pool = new pg.Pool({ connectionString: schema.url, max: 1 });
        try {
          await migratePostgres(pool, () => undefined, 2);
          for (const [insert, values] of SCHEMA_2_ROWS) {
            await pool.query(`${insert} (${values.map((_, i) => `$${i + 1}`).join(', ')})`, values);
          }
        } finally {
          await pool.end();
        }
        const upgraded = await PostgresStore.open(schema.url, { poolSize: 2 });
        try {
          await assertUpgraded(upgraded);
        } finally {
          await upgraded.close();
        }
      } finally {
        await schema.drop();
      }
    });
  }
});
