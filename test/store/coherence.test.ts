// Two instances on one database: what one writes, the other's caches and sessions reflect within a second.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { bootstrap } from '../../src/core/setup/bootstrap.js';
import { closeContext, createContext, type Context } from '../../src/core/context.js';
import { issueLoginToken } from '../../src/core/auth/login-tokens.js';
import { removeOtherTokens } from '../../src/core/auth/session-tokens.js';
import { updateUser } from '../../src/core/users/user-update.js';
import { usersInfo } from '../../src/core/users/users-info.js';
import { silentLog } from '../helpers/test-app.js';
import { testStores, type TestStore } from '../helpers/test-stores.js';

/** Polls `read` until it gives `expected`, for at most the stated staleness bound of one second. */
async function within1s<T>(read: () => Promise<T>, expected: T): Promise<T> {
  const deadline = Date.now() + 1000;
  let value = await read();
  while (value !== expected && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    value = await read();
  }
  return value;
}

for (const [storeName, factory] of testStores()) {
  describe(`cross-instance coherence (${storeName})`, () => {
    let testStore: TestStore;
    let a: Context;
    let b: Context;
    let adminId: string;

    beforeEach(async () => {
      testStore = await factory();
      const initial = await bootstrap(testStore.store, {
        username: 'admin',
        email: 'admin@example.com',
        password: 'coherence-password',
      });
      if (!initial.created) throw new Error('test store was not empty');
      adminId = initial.userId;
      a = createContext({ store: testStore.store, log: silentLog, version: 'a' });
      b = createContext({ store: await testStore.reopen(), log: silentLog, version: 'b' });
    });

    afterEach(async () => {
      closeContext(a);
      closeContext(b);
      await testStore.dispose();
    });

    it('grants and withdraws a permission on instance B within a second of A saving it', async () => {
      assert.equal(await b.permissions.has(['user'], 'view-statistics'), false);
      await a.store.permissions.saveMany([{ _id: 'view-statistics', roles: ['user'] }]);
      assert.equal(await within1s(() => b.permissions.has(['user'], 'view-statistics'), true), true);
      await a.store.permissions.saveMany([{ _id: 'view-statistics', roles: [] }]);
      assert.equal(await within1s(() => b.permissions.has(['user'], 'view-statistics'), false), false);
    });

    it('applies a setting changed through A on B within a second', async () => {
      assert.equal((await b.settings.current()).loginExpirationDays, 90);
      await a.store.settings.save({ _id: 'Accounts_LoginExpiration', value: 7, type: 'int' });
      assert.equal(await within1s(async () => (await b.settings.current()).loginExpirationDays, 7), 7);
    });

    it('refuses on B, within a second, a token B has cached and A revoked', async () => {
      const { rawToken, stored } = issueLoginToken(adminId, new Date());
      await a.store.tokens.insert(stored);
      assert.equal((await b.sessions.authenticate(adminId, rawToken))?.user._id, adminId);
      assert.equal((await b.sessions.authenticate(adminId, rawToken))?.user._id, adminId);
      await a.store.tokens.delete(stored.hashedToken);
      const refused = async () => (await b.sessions.authenticate(adminId, rawToken)) === null;
      assert.equal(await within1s(refused, true), true);
    });

    it('refuses on B, within a second, a token B has cached and A removed with users.removeOtherTokens', async () => {
      const kept = issueLoginToken(adminId, new Date());
      const other = issueLoginToken(adminId, new Date());
      await a.store.tokens.insert(kept.stored);
      await a.store.tokens.insert(other.stored);
      const caller = await a.sessions.authenticate(adminId, kept.rawToken);
      assert.ok(caller);
      assert.equal((await b.sessions.authenticate(adminId, other.rawToken))?.user._id, adminId);
      assert.equal(await removeOtherTokens(a, caller), 1);
      assert.equal(await a.sessions.authenticate(adminId, other.rawToken), null);
      const refused = async () => (await b.sessions.authenticate(adminId, other.rawToken)) === null;
      assert.equal(await within1s(refused, true), true);
      assert.equal((await b.sessions.authenticate(adminId, kept.rawToken))?.user._id, adminId);
    });

    it('refuses on B, within a second, a login token and a PAT B has cached after A changed the password', async () => {
      const login = issueLoginToken(adminId, new Date());
      const pat = issueLoginToken(adminId, new Date());
      await a.store.tokens.insert(login.stored);
      await a.store.tokens.insert({ ...pat.stored, type: 'personalAccessToken', name: 'bot' });
      for (const raw of [login.rawToken, pat.rawToken]) {
        assert.equal((await b.sessions.authenticate(adminId, raw))?.user._id, adminId);
      }
      const admin = await a.store.users.findById(adminId);
      assert.ok(admin);
      const caller = { user: admin, token: login.stored };
      await updateUser(a, caller, { userId: adminId, data: { password: 'changed-on-a' } });
      for (const raw of [login.rawToken, pat.rawToken]) {
        const refused = async () => (await b.sessions.authenticate(adminId, raw)) === null;
        assert.equal(await within1s(refused, true), true);
      }
    });

    it('refuses on A, at once, a token A has cached and revoked itself', async () => {
      const { rawToken, stored } = issueLoginToken(adminId, new Date());
      await a.store.tokens.insert(stored);
      assert.equal((await a.sessions.authenticate(adminId, rawToken))?.user._id, adminId);
      await a.store.tokens.delete(stored.hashedToken);
      assert.equal(await a.sessions.authenticate(adminId, rawToken), null);
    });

    it('applies on B, within a second, a role change of a caller B has cached', async () => {
      const { rawToken, stored } = issueLoginToken(adminId, new Date());
      await a.store.tokens.insert(stored);
      assert.deepEqual((await b.sessions.authenticate(adminId, rawToken))?.user.roles, ['admin', 'user']);
      await a.store.users.update(adminId, (doc) => ({ ...doc, roles: ['user'] }));
      const roles = async () => (await b.sessions.authenticate(adminId, rawToken))?.user.roles?.join();
      assert.equal(await within1s(roles, 'user'), 'user');
    });

    it('shows on B, within a second, a user A renamed and a room A subscribed them to, both cached on B', async () => {
      const caller = await a.store.users.findById(adminId);
      assert.ok(caller);
      const info = async () =>
        JSON.parse((await usersInfo(b, caller, { userId: adminId, includeUserRooms: 'true' })).body) as {
          user: { name?: string; rooms: Array<{ rid: string }> };
        };
      assert.equal((await info()).user.rooms.length, 0);
      assert.equal((await info()).user.rooms.length, 0);
      await a.store.users.update(adminId, (doc) => ({ ...doc, name: 'Renamed on A' }));
      assert.equal(await within1s(async () => (await info()).user.name, 'Renamed on A'), 'Renamed on A');
      await a.store.subscriptions.insert({
        _id: 'coherence-sub',
        rid: 'coherence-room',
        t: 'c',
        name: 'coherence',
        u: { _id: adminId, username: 'admin' },
      });
      const rooms = async () => (await info()).user.rooms.map((room) => room.rid).join();
      assert.equal(await within1s(rooms, 'coherence-room'), 'coherence-room');
    });

    it('finds on B, within a second, a user A created after B cached the miss', async () => {
      const caller = await a.store.users.findById(adminId);
      assert.ok(caller);
      const found = async () =>
        usersInfo(b, caller, { username: 'late' }).then(
          () => true,
          () => false,
        );
      assert.equal(await found(), false);
      assert.equal(await found(), false);
      await a.store.users.insert({ _id: 'late-user', username: 'late', roles: ['user'], active: true });
      assert.equal(await within1s(found, true), true);
    });
  });
}
