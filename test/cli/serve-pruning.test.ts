// `roster serve` prunes login tokens past Accounts_LoginExpiration at start; PATs and live tokens stay.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { bootstrap } from '../../src/core/setup/bootstrap.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { startServer } from '../helpers/cli-process.js';
import { makeTempDir } from '../helpers/temp-dir.js';

describe('roster serve token pruning', () => {
  let dir: ReturnType<typeof makeTempDir>;
  before(() => (dir = makeTempDir()));
  after(() => dir.remove());

  it('deletes expired login tokens at start and keeps live ones and personal access tokens', async () => {
    const db = join(dir.path, 'prune.db');
    const seeded = SqliteStore.open(db);
    const initial = await bootstrap(seeded, {
      username: 'admin',
      email: 'admin@example.com',
      password: 'pw',
    });
    assert.ok(initial.created);
    const userId = initial.userId;
    const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
    await seeded.tokens.insert({ hashedToken: 'expired', userId, when: daysAgo(91), type: 'login' });
    await seeded.tokens.insert({ hashedToken: 'live', userId, when: daysAgo(1), type: 'login' });
    await seeded.tokens.insert({
      hashedToken: 'pat',
      userId,
      when: daysAgo(400),
      type: 'personalAccessToken',
      name: 'ci',
    });
    await seeded.close();

    const server = await startServer(['--db', db]);
    const store = SqliteStore.open(db);
    try {
      // Pruning starts with the server; poll the database a bounded number of times rather than time it.
      for (let attempt = 0; attempt < 100 && (await store.tokens.findSession('expired')); attempt++)
        await sleep(50);
      assert.equal(await store.tokens.findSession('expired'), null);
      assert.ok(await store.tokens.findSession('live'));
      assert.ok(await store.tokens.findSession('pat'));
    } finally {
      await store.close();
      server.child.kill('SIGTERM');
      assert.equal(await server.exited, 0);
    }
  });
});
