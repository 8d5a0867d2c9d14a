// SessionCache over a real store: what empties it, what it refuses to keep, and its size bound.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { SessionCache } from '../../../../src/core/auth/session-cache.js';
import type { UserSession } from '../../../../src/core/store.js';
import { testStores, type TestStore } from '../../../helpers/test-stores.js';

const session = (userId: string): UserSession => ({
  user: { _id: userId, username: userId },
  token: { hashedToken: `hash-${userId}`, userId, when: '2026-01-01T00:00:00.000Z', type: 'login' },
});

for (const [storeName, factory] of testStores()) {
  describe(`SessionCache (${storeName})`, () => {
    let testStore: TestStore;
    let cache: SessionCache;
    beforeEach(async () => {
      testStore = await factory();
      cache = new SessionCache(testStore.store, 3);
    });
    afterEach(async () => {
      cache.close();
      await testStore.dispose();
    });

    const remember = (userId: string) =>
      cache.set(`hash-${userId}`, session(userId), cache.currentGeneration());

    it('empties itself before a token write in this process returns', async () => {
      remember('u1');
      assert.equal(cache.get('hash-u1')?.user._id, 'u1');
      await testStore.store.tokens.delete('no-such-token');
      assert.equal(cache.get('hash-u1'), undefined);
    });

    it('empties itself before a user write in this process returns', async () => {
      remember('u1');
      await testStore.store.users.insert({ _id: 'u2', username: 'u2' });
      assert.equal(cache.get('hash-u1'), undefined);
    });

    it('keeps its sessions across writes that cannot change one (settings, permissions)', async () => {
      remember('u1');
      await testStore.store.settings.save({ _id: 'Accounts_LoginExpiration', value: 7, type: 'int' });
      await testStore.store.permissions.saveMany([{ _id: 'some-permission', roles: ['user'] }]);
      assert.equal(cache.get('hash-u1')?.user._id, 'u1');
    });

    it('does not keep a lookup that began before the cache was emptied', () => {
      const generation = cache.currentGeneration();
      cache.clear();
      cache.set('hash-u1', session('u1'), generation);
      assert.equal(cache.get('hash-u1'), undefined);
      assert.equal(cache.size, 0);
    });

    it('holds at most its capacity, dropping the oldest session first', () => {
      for (const userId of ['u1', 'u2', 'u3', 'u4']) remember(userId);
      assert.equal(cache.size, 3);
      assert.equal(cache.get('hash-u1'), undefined);
      assert.equal(cache.get('hash-u4')?.user._id, 'u4');
    });
  });
}
