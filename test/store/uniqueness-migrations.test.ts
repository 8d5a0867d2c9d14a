// Migrations 3 and 4 on a database an earlier Roster wrote: duplicate PAT names and case-duplicate usernames are
// renamed (and reported), then unique indexes keep them unique (security F6, F11).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import pg from 'pg';
import { ConflictError } from '../../src/errors.js';
import type { Store } from '../../src/core/store.js';
import { newUserDocument } from '../../src/core/users/user-document.js';
import { migrate as migrateSqlite } from '../../src/store/sqlite/sqlite-schema.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { migrate as migratePostgres } from '../../src/store/postgres/postgres-schema.js';
import { PostgresStore } from '../../src/store/postgres/postgres-store.js';
import { freshPgSchema } from '../helpers/test-stores.js';
import { makeTempDir } from '../helpers/temp-dir.js';

/** The last schema version before these migrations (main at 1178155). */
const PREVIOUS_VERSION = 2;

interface Row {
  table: 'users' | 'tokens';
  values: Array<string | null>;
}

/** Rows as the previous Roster wrote them: `Zed9` (oldest), `zed9`, `ZED9`, `zed9-2` and three PATs named `ci`. */
function previousRosterRows(): Row[] {
  const user = (id: string, username: string, createdAt: string): Row => {
    const doc = {
      ...newUserDocument(
        { id, username, email: `${id}@x.org`, name: id, roles: ['user'] },
        new Date(createdAt),
      ),
    };
    return { table: 'users', values: [id, username, username.toLowerCase(), null, JSON.stringify(doc)] };
  };
  const pat = (hash: string, userId: string, name: string, at: string): Row => {
    const doc = {
      hashedToken: hash,
      userId,
      when: at,
      type: 'personalAccessToken',
      name,
      lastTokenPart: 'abcdef',
      createdAt: at,
    };
    return { table: 'tokens', values: [hash, userId, 'personalAccessToken', name, at, JSON.stringify(doc)] };
  };
  return [
    user('u-b', 'zed9', '2024-01-02T00:00:00.000Z'),
    user('u-a', 'Zed9', '2024-01-01T00:00:00.000Z'),
    user('u-c', 'ZED9', '2024-01-03T00:00:00.000Z'),
    user('u-d', 'zed9-2', '2024-01-04T00:00:00.000Z'),
    pat('h1', 'u-a', 'ci', '2024-02-01T00:00:00.000Z'),
    pat('h2', 'u-a', 'ci', '2024-02-02T00:00:00.000Z'),
    pat('h3', 'u-a', 'ci', '2024-02-03T00:00:00.000Z'),
    pat('h4', 'u-b', 'ci', '2024-02-01T00:00:00.000Z'),
  ];
}

const INSERT = {
  users: 'INSERT INTO users (id, username, username_lower, free_switch_extension, doc) VALUES',
  tokens: 'INSERT INTO tokens (hashed_token, user_id, type, name, issued_at, doc) VALUES',
};

const EXPECTED_NOTES = [
  "migration 7: renamed personal access token 'ci' of user u-a to 'ci-2' (duplicate name)",
  "migration 7: renamed personal access token 'ci' of user u-a to 'ci-3' (duplicate name)",
  "migration 8: renamed user u-b from 'zed9' to 'zed9-3' (same name ignoring case as 'Zed9')",
  "migration 8: renamed user u-c from 'ZED9' to 'ZED9-4' (same name ignoring case as 'Zed9')",
];

async function assertUpgraded(store: Store, notes: string[]): Promise<void> {
  assert.deepEqual(notes, EXPECTED_NOTES);
  assert.equal((await store.users.findById('u-a'))?.username, 'Zed9');
  assert.equal((await store.users.findById('u-b'))?.username, 'zed9-3');
  assert.equal((await store.users.findById('u-c'))?.username, 'ZED9-4');
  assert.equal((await store.users.findById('u-d'))?.username, 'zed9-2');
  assert.equal((await store.users.findByUsernameInsensitive('ZED9-4'))?._id, 'u-c');
  const names = (await store.tokens.listOfUser('u-a', 'personalAccessToken'))
    .map((token) => token.name)
    .sort();
  assert.deepEqual(names, ['ci', 'ci-2', 'ci-3']);
  assert.deepEqual(
    (await store.tokens.listOfUser('u-b', 'personalAccessToken')).map((token) => token.name),
    ['ci'],
  );
  // From now on the indexes refuse what the race let through.
  const twin = newUserDocument(
    { username: 'zEd9', email: 'twin@x.org', name: 't', roles: ['user'] },
    new Date(),
  );
  await assert.rejects(
    store.users.insert(twin),
    (error) => error instanceof ConflictError && error.field === 'username',
  );
  await assert.rejects(
    store.users.update('u-d', (user) => ({ ...user, username: 'ZeD9-3' }), { revokeTokens: false }),
    (error) => error instanceof ConflictError && error.field === 'username',
  );
  const token = {
    hashedToken: 'h9',
    userId: 'u-a',
    when: '2024-03-01T00:00:00.000Z',
    type: 'personalAccessToken' as const,
    name: 'ci-2',
  };
  await assert.rejects(
    store.tokens.insert(token),
    (error) => error instanceof ConflictError && error.field === 'tokenName',
  );
  await store.tokens.insert({ ...token, userId: 'u-d' });
}

describe('uniqueness migrations 7 and 8 (sqlite)', () => {
  it('renames duplicates of a previous Roster database, reports them, and then enforces the indexes', async () => {
    const dir = makeTempDir();
    try {
      const path = join(dir.path, 'previous.db');
      const db = new Database(path);
      migrateSqlite(db, () => undefined, PREVIOUS_VERSION);
      for (const row of previousRosterRows()) {
        db.prepare(`${INSERT[row.table]} (${row.values.map(() => '?').join(', ')})`).run(...row.values);
      }
      db.close();
      const notes: string[] = [];
      const store = SqliteStore.open(path, { onMigrationNote: (line) => notes.push(line) });
      try {
        await assertUpgraded(store, notes);
      } finally {
        await store.close();
      }
      const again: string[] = [];
      await SqliteStore.open(path, { onMigrationNote: (line) => again.push(line) }).close();
      assert.deepEqual(again, []);
    } finally {
      dir.remove();
    }
  });
});

describe('uniqueness migrations 7 and 8 (postgres)', () => {
  it('renames duplicates of a previous Roster schema, reports them, and then enforces the indexes', async () => {
    const schema = await freshPgSchema();
    try {
      const pool = new pg.Pool({ connectionString: schema.url, max: 1 });
      try {
        await migratePostgres(pool, () => undefined, PREVIOUS_VERSION);
        for (const row of previousRosterRows()) {
          const params = row.values.map((_, i) => `$${i + 1}`).join(', ');
          await pool.query(`${INSERT[row.table]} (${params})`, row.values);
        }
      } finally {
        await pool.end();
      }
      const notes: string[] = [];
      const store = await PostgresStore.open(schema.url, {
        poolSize: 2,
        onMigrationNote: (line) => notes.push(line),
      });
      try {
        await assertUpgraded(store, notes);
      } finally {
        await store.close();
      }
    } finally {
      await schema.drop();
    }
  });
});
