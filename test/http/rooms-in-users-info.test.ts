// Rooms made through the rooms API as users.info?includeUserRooms=true shows them: created, read, deleted.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { TestApp } from '../helpers/test-app.js';
import { createRoomAs } from '../helpers/rooms.js';
import { testStores } from '../helpers/test-stores.js';
import { startUsersInfoApp, userOf, usersInfo } from './users-info/fixtures.js';

type RoomEntry = { _id: string; rid: string; name: string; t: string; roles?: string[]; unread?: number };

for (const [storeName, factory] of testStores()) {
  describe(`rooms in users.info (${storeName})`, () => {
    let t: TestApp;
    beforeEach(async () => (t = await startUsersInfoApp(factory)));
    afterEach(async () => t.dispose());

    const roomsOf = async (username: string): Promise<RoomEntry[]> =>
      userOf(await usersInfo(t, `username=${username}&includeUserRooms=true`)).rooms as RoomEntry[];

    it('lists a new channel and group for every member, with owner on the creator, in (t, name) order', async () => {
      const bob = await t.createUser({ username: 'bob' });
      const channel = await createRoomAs(t, 'c', { name: 'zeta-channel', members: ['bob'] });
      const group = await createRoomAs(t, 'p', { name: 'alpha-group', members: ['bob'] });
      const adminRooms = await roomsOf('admin');
      assert.deepEqual(
        adminRooms.map((room) => [room.t, room.name, room.rid, room.roles]),
        [
          ['c', 'zeta-channel', channel._id, ['owner']],
          ['p', 'alpha-group', group._id, ['owner']],
        ],
      );
      const bobRooms = await roomsOf('bob');
      assert.deepEqual(
        bobRooms.map((room) => room.rid),
        [channel._id, group._id],
      );
      assert.ok(bobRooms.every((room) => room.roles === undefined || !room.roles.includes('owner')));
      assert.ok(bob.userId);
    });

    it('shows unread 0 after subscriptions.read and drops a deleted room from every member', async () => {
      const bob = await t.createUser({ username: 'bob' });
      const channel = await createRoomAs(t, 'c', { name: 'news', members: ['bob'] });
      await t.store.subscriptions.update(channel._id, bob.userId, (s) => ({ ...s, unread: 4 }));
      assert.equal((await roomsOf('bob'))[0]?.unread, 4);
      const read = await t.post('/api/v1/subscriptions.read', { rid: channel._id }, bob);
      assert.equal(read.statusCode, 200, read.body);
      assert.equal((await roomsOf('bob'))[0]?.unread, 0);

      const deleted = await t.post('/api/v1/channels.delete', { roomId: channel._id });
      assert.equal(deleted.statusCode, 200, deleted.body);
      assert.deepEqual(await roomsOf('bob'), []);
      assert.deepEqual(await roomsOf('admin'), []);
    });

    it("lists a direct message under the other user's username", async () => {
      await t.createUser({ username: 'carol' });
      const created = await t.post('/api/v1/im.create', { username: 'carol' });
      assert.equal(created.statusCode, 200, created.body);
      assert.deepEqual(
        (await roomsOf('admin')).map((room) => [room.t, room.name]),
        [['d', 'carol']],
      );
      assert.deepEqual(
        (await roomsOf('carol')).map((room) => [room.t, room.name]),
        [['d', 'admin']],
      );
    });
  });
}
