// The user cache's bound: its estimated size never exceeds the budget, least recently used users go first.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Store } from '../../../../src/core/store.js';
import { UserCache } from '../../../../src/core/users/user-cache.js';
import { loadConfig } from '../../../../src/config.js';

/** The cache only subscribes to the change feed; a feed that never reports is all it needs here. */
const quietStore = { watch: () => () => undefined } as unknown as Store;

async function cacheUser(cache: UserCache, id: string, body: string) {
  const loaded = await cache.load('idOrUsername', id, async () => ({ _id: id }));
  assert.ok(loaded?.entry);
  cache.keepBody(loaded.entry, 'full', 'settings', body);
}

describe('UserCache bound', () => {
  it('keeps at most its budget in bytes, evicting the least recently used user', async () => {
    const cache = new UserCache(quietStore, 1); // 1 MB
    const body = 'x'.repeat(1000);
    for (let i = 0; i < 2000; i++) await cacheUser(cache, `user-${i}`, body);
    assert.ok(cache.heldBytes <= 1_000_000, `held ${cache.heldBytes}`);
    assert.ok(cache.size > 500 && cache.size < 1000, `size ${cache.size}`);
    assert.equal(cache.peek('idOrUsername', 'user-0'), undefined, 'the oldest was evicted');
    assert.equal(cache.peek('idOrUsername', 'user-1999')?.bodies.full, body);
  });

  it('caches nothing with a budget of 0', async () => {
    const cache = new UserCache(quietStore, 0);
    const loaded = await cache.load('idOrUsername', 'bob', async () => ({ _id: 'bob' }));
    assert.equal(loaded?.entry, undefined);
    assert.equal(cache.peek('idOrUsername', 'bob'), undefined);
  });

  it('is sized by --user-cache / ROSTER_USER_CACHE in MB, 100 by default', () => {
    assert.equal(loadConfig({}, {}).userCache, 100);
    assert.equal(loadConfig({}, { ROSTER_USER_CACHE: '250' }).userCache, 250);
    assert.equal(loadConfig({ userCache: '0' }, { ROSTER_USER_CACHE: '250' }).userCache, 0);
    assert.throws(() => loadConfig({}, { ROSTER_USER_CACHE: 'lots' }), /--user-cache \/ ROSTER_USER_CACHE/);
  });
});
