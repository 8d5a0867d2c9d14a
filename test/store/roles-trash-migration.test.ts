// Migration 3 (the roles trash) upgrades a database of schema 2 in place: its rows stay, roles.delete works after.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import pg from 'pg';
import type { Store } from '../../src/core/store.js';
import { PostgresStore } from '../../src/store/postgres/postgres-store.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { freshPgSchema, testStores } from '../helpers/test-stores.js';
import { makeTempDir } from '../helpers/temp-dir.js';

async function seed(store: Store): Promise<void> {
  await store.saveRole({ _id: 'r1', name: 'auditor', scope: 'Users' });
  await store.insertUser({ _id: 'u1', username: 'alice', roles: ['user'] });
}

async function assertUpgraded(store: Store): Promise<void> {
  assert.deepEqual(
    (await store.listRoles()).map((role) => role._id),
    ['r1'],
  );
  assert.equal((await store.findUserById('u1'))?.username, 'alice');
  assert.equal(await store.deleteRole('r1', '2026-01-02T00:00:00.000Z'), true);
  assert.equal((await store.listRolesDeletedAfter('2026-01-01T00:00:00.000Z')).length, 1);
}

const stores = new Set(testStores().map(([name]) => name));

describe('roles trash migration', () => {
  if (stores.has('sqlite')) {
    it('adds roles_trash to a SQLite database of schema 2 and keeps its rows', async () => {
      const dir = makeTempDir();
      try {
        const path = join(dir.path, 'roster.db');
        const first = SqliteStore.open(path);
        await seed(first);
        await first.close();
        const raw = new Database(path);
        raw.exec('DROP TABLE roles_trash');
        raw.pragma('user_version = 2');
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
        const first = await PostgresStore.open(schema.url, { poolSize: 2 });
        await seed(first);
        await first.close();
        const raw = new pg.Client({ connectionString: schema.url });
        await raw.connect();
        await raw.query('DROP TABLE roles_trash');
        await raw.query('DELETE FROM roster_migrations WHERE version = 3');
        await raw.end();
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
