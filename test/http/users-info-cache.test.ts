// The user cache behind users.info: every write that changes what users.info shows is seen by the next call.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { Credentials, TestApp } from '../helpers/test-app.js';
import { createRoomAs } from '../helpers/rooms.js';
import { testStores } from '../helpers/test-stores.js';
import { startUsersInfoApp, USER_NOT_FOUND, userOf, usersInfo } from './users-info/fixtures.js';

type Room = { rid: string; name: string; unread?: number; roles?: string[] };

for (const [storeName, factory] of testStores()) {
  describe(`users.info after writes through the API, with the user cache warm (${storeName})`, () => {
    let t: TestApp;
    beforeEach(async () => (t = await startUsersInfoApp(factory)));
    afterEach(async () => t.dispose());

    /** users.info twice, so the second answer comes from the cache; both must agree. */
    const warm = async (query: string, as?: Credentials) => {
      const first = await usersInfo(t, query, as);
      const second = await usersInfo(t, query, as);
      assert.equal(second.body, first.body);
      return first;
    };
    const roomsOf = async (username: string): Promise<Room[]> =>
      userOf(await usersInfo(t, `username=${username}&includeUserRooms=true`)).rooms as Room[];

    it('serves the cached answer byte for byte, and the cache holds the user by every key', async () => {
      await t.createUser({ username: 'bob', extra: { importIds: ['legacy-1'], freeSwitchExtension: '77' } });
      const byName = await warm('username=bob');
      const id = userOf(byName)._id as string;
      for (const query of [
        `userId=${id}`,
        'email=BOB@example.com',
        'importId=legacy-1',
        'freeSwitchExtension=77',
      ]) {
        assert.equal((await warm(query)).body, byName.body, query);
      }
      assert.ok(t.context.userCache.size >= 1);
    });

    it('users.update: the new name shows at once, the old username is not found, the new one is', async () => {
      const bob = await t.createUser({ username: 'bob' });
      await warm('username=bob');
      await warm('username=robert');
      const updated = await t.post('/api/v1/users.update', {
        userId: bob.userId,
        data: { name: 'Robert', username: 'robert' },
      });
      assert.equal(updated.statusCode, 200, updated.body);
      assert.equal((await usersInfo(t, 'username=bob')).body, USER_NOT_FOUND);
      assert.equal(userOf(await usersInfo(t, 'username=robert')).name, 'Robert');
      assert.equal(userOf(await usersInfo(t, `userId=${bob.userId}`)).username, 'robert');
    });

    it('users.create: a lookup that missed before finds the new user at once', async () => {
      assert.equal((await warm('username=newbie')).body, USER_NOT_FOUND);
      assert.equal((await warm('email=newbie@example.org')).body, USER_NOT_FOUND);
      const created = await t.post('/api/v1/users.create', {
        username: 'newbie',
        email: 'newbie@example.org',
        name: 'New Bie',
        password: 'pw-newbie',
      });
      assert.equal(created.statusCode, 200, created.body);
      assert.equal(userOf(await usersInfo(t, 'username=newbie')).name, 'New Bie');
      assert.equal(userOf(await usersInfo(t, 'email=newbie@example.org')).name, 'New Bie');
    });

    it('users.delete: a cached user is not found at once, by any key', async () => {
      const bob = await t.createUser({ username: 'bob' });
      await warm('username=bob');
      await warm(`userId=${bob.userId}`);
      await warm('email=bob@example.com');
      assert.equal((await t.post('/api/v1/users.delete', { userId: bob.userId })).statusCode, 200);
      for (const query of ['username=bob', `userId=${bob.userId}`, 'email=bob@example.com']) {
        assert.equal((await usersInfo(t, query)).body, USER_NOT_FOUND, query);
      }
    });

    it('users.setActiveStatus: others see active false at once, the user is refused with 401', async () => {
      const bob = await t.createUser({ username: 'bob' });
      await warm('username=bob');
      await warm('username=bob', bob);
      await t.post('/api/v1/users.setActiveStatus', { userId: bob.userId, activeStatus: false });
      assert.equal(userOf(await usersInfo(t, 'username=bob')).active, false);
      assert.equal((await usersInfo(t, 'username=bob', bob)).statusCode, 401);
    });

    it('roles.addUserToRole and removeUserFromRole: the roles show at once', async () => {
      await t.createUser({ username: 'bob' });
      assert.deepEqual(userOf(await warm('username=bob')).roles, ['user']);
      await t.post('/api/v1/roles.addUserToRole', { username: 'bob', roleId: 'bot' });
      assert.deepEqual(userOf(await usersInfo(t, 'username=bob')).roles, ['user', 'bot']);
      await t.post('/api/v1/roles.removeUserFromRole', { username: 'bob', roleId: 'bot' });
      assert.deepEqual(userOf(await usersInfo(t, 'username=bob')).roles, ['user']);
    });

    it('permissions.update: withdrawing view-full-other-user-info hides emails and email lookups at once', async () => {
      await t.createUser({ username: 'bob' });
      assert.ok(userOf(await warm('username=bob')).emails);
      await warm('email=bob@example.com');
      const withdrawn = await t.post('/api/v1/permissions.update', {
        permissions: [{ _id: 'view-full-other-user-info', roles: [] }],
      });
      assert.equal(withdrawn.statusCode, 200, withdrawn.body);
      const plain = userOf(await usersInfo(t, 'username=bob'));
      assert.equal(plain.emails, undefined);
      assert.equal(plain.canViewAllInfo, false);
      assert.equal((await usersInfo(t, 'email=bob@example.com')).body, USER_NOT_FOUND);
    });

    it('Accounts_CustomFields: a newly defined field shows at once, a removed one disappears', async () => {
      await t.createUser({ username: 'bob', extra: { customFields: { team: 'blue' } } });
      assert.equal(userOf(await warm('username=bob')).customFields, undefined);
      const setFields = (value: string) => t.post('/api/v1/settings/Accounts_CustomFields', { value });
      assert.equal((await setFields(JSON.stringify({ team: { public: true } }))).statusCode, 200);
      assert.deepEqual(userOf(await warm('username=bob')).customFields, { team: 'blue' });
      await setFields('');
      assert.equal(userOf(await usersInfo(t, 'username=bob')).customFields, undefined);
    });

    it('channels.invite, subscriptions.read, channels.kick and channels.delete change the rooms at once', async () => {
      const bob = await t.createUser({ username: 'bob' });
      const channel = await createRoomAs(t, 'c', { name: 'news', members: [] });
      assert.deepEqual(await roomsOf('bob'), []);
      assert.deepEqual(await roomsOf('bob'), []);
      const invited = await t.post('/api/v1/channels.invite', { roomId: channel._id, userId: bob.userId });
      assert.equal(invited.statusCode, 200, invited.body);
      assert.deepEqual(
        (await roomsOf('bob')).map((room) => room.rid),
        [channel._id],
      );
      await t.context.store.subscriptions.update(channel._id, bob.userId, (s) => ({ ...s, unread: 3 }));
      assert.equal((await roomsOf('bob'))[0]?.unread, 3);
      const read = await t.post('/api/v1/subscriptions.read', { rid: channel._id }, bob);
      assert.equal(read.statusCode, 200, read.body);
      assert.equal((await roomsOf('bob'))[0]?.unread, 0);
      const kicked = await t.post('/api/v1/channels.kick', { roomId: channel._id, userId: bob.userId });
      assert.equal(kicked.statusCode, 200, kicked.body);
      assert.deepEqual(await roomsOf('bob'), []);
      assert.equal((await roomsOf('admin')).length, 1);
      assert.equal((await t.post('/api/v1/channels.delete', { roomId: channel._id })).statusCode, 200);
      assert.deepEqual(await roomsOf('admin'), []);
    });

    it('a write straight to the store (not through the context) is seen at once too', async () => {
      const bob = await t.createUser({ username: 'bob' });
      await warm('username=bob');
      await t.store.users.update(bob.userId, (doc) => ({ ...doc, name: 'Straight' }));
      assert.equal(userOf(await usersInfo(t, 'username=bob')).name, 'Straight');
    });

    it('a flood of unknown usernames leaves a cached user cached', async () => {
      await t.createUser({ username: 'bob' });
      await warm('username=bob');
      const loads = t.context.userCache.stats.loads;
      for (let i = 0; i < 300; i++) await usersInfo(t, `username=nobody-${i}`);
      assert.equal(t.context.userCache.stats.loads, loads + 300);
      await usersInfo(t, 'username=bob');
      assert.equal(t.context.userCache.stats.loads, loads + 300, 'bob still served from memory');
    });
  });
}
