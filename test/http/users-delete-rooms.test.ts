// users.delete as Rocket.Chat's deleteUser does it: member counts, direct messages, last owners, deletedRooms.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { TestApp } from '../helpers/test-app.js';
import { createRoomAs, json } from '../helpers/rooms.js';
import { testStores } from '../helpers/test-stores.js';
import { startUsersInfoApp, userOf, usersInfo } from './users-info/fixtures.js';

type RoomEntry = { rid: string; name: string; t: string; roles?: string[] };

for (const [storeName, factory] of testStores()) {
  describe(`users.delete rooms (${storeName})`, () => {
    let t: TestApp;
    beforeEach(async () => (t = await startUsersInfoApp(factory)));
    afterEach(async () => t.dispose());

    const roomsOf = async (username: string): Promise<RoomEntry[]> =>
      userOf(await usersInfo(t, `username=${username}&includeUserRooms=true`)).rooms as RoomEntry[];
    const remove = (body: Record<string, unknown>) => t.post('/api/v1/users.delete', body);
    const channelInfo = async (roomId: string) =>
      json(await t.get(`/api/v1/channels.info?roomId=${roomId}`)).channel as { usersCount: number };

    it("lowers usersCount of the user's rooms and deletes their DMs with the other side's subscription", async () => {
      const bob = await t.createUser({ username: 'bob' });
      const carol = await t.createUser({ username: 'carol' });
      const channel = await createRoomAs(t, 'c', { name: 'shared', members: ['bob', 'carol'] });
      assert.equal((await channelInfo(channel._id)).usersCount, 3);
      const dm = json(await t.post('/api/v1/im.create', { username: 'bob' }, carol)).room as { rid: string };

      const response = await remove({ userId: bob.userId });
      assert.equal(response.statusCode, 200, response.body);
      // deleteUser answers the removed rooms; relinquishRoomOwnerships removes one-to-one DMs too.
      assert.equal(response.body, `{"deletedRooms":["${dm.rid}"],"success":true}`);
      assert.equal((await channelInfo(channel._id)).usersCount, 2);
      assert.equal(await t.store.rooms.findById(dm.rid), null);
      assert.deepEqual(
        (await roomsOf('carol')).map((room) => [room.t, room.name]),
        [['c', 'shared']],
      );
    });

    it('answers 400 user-last-owner with the rooms in details without confirmRelinquish, and changes nothing', async () => {
      const bob = await t.createUser({ username: 'bob' });
      await t.createUser({ username: 'carol' });
      const owned = await createRoomAs(t, 'c', { name: 'bobs-room', members: ['carol'] }, bob);
      const alone = await createRoomAs(t, 'p', { name: 'bobs-alone' }, bob);
      const response = await remove({ userId: bob.userId });
      assert.equal(response.statusCode, 400);
      assert.equal(
        response.body,
        '{"success":false,"error":"[user-last-owner]","errorType":"user-last-owner",' +
          '"details":{"shouldBeRemoved":["bobs-alone"],"shouldChangeOwner":["bobs-room"]}}',
      );
      assert.ok(await t.store.users.findById(bob.userId));
      assert.ok(await t.store.rooms.findById(owned._id));
      assert.ok(await t.store.rooms.findById(alone._id));
    });

    it('with confirmRelinquish hands ownership to the oldest active member and removes rooms they were alone in', async () => {
      const bob = await t.createUser({ username: 'bob' });
      await t.createUser({ username: 'carol' });
      const dave = await t.createUser({ username: 'dave' });
      await t.post('/api/v1/users.setActiveStatus', { userId: dave.userId, activeStatus: false });
      const owned = await createRoomAs(t, 'c', { name: 'bobs-room', members: [] }, bob);
      // dave joins first but is inactive; carol, the next, receives the room (getSubscribedRoomsForUserWithDetails).
      await t.store.subscriptions.insert({
        _id: 'sub-dave',
        rid: owned._id,
        t: 'c',
        name: 'bobs-room',
        u: { _id: dave.userId, username: 'dave' },
        ts: '2000-01-01T00:00:00.000Z',
      });
      await t.store.rooms.update(owned._id, (room) => ({ ...room, usersCount: 2 }));
      const invited = await t.post('/api/v1/channels.invite', { roomId: owned._id, username: 'carol' }, bob);
      assert.equal(invited.statusCode, 200, invited.body);
      const alone = await createRoomAs(t, 'p', { name: 'bobs-alone' }, bob);

      const response = await remove({ userId: bob.userId, confirmRelinquish: true });
      assert.equal(response.statusCode, 200, response.body);
      assert.equal(response.body, `{"deletedRooms":["${alone._id}"],"success":true}`);
      assert.equal(await t.store.rooms.findById(alone._id), null);
      const carolsRooms = await roomsOf('carol');
      assert.deepEqual(
        carolsRooms.map((room) => [room.name, room.roles]),
        [['bobs-room', ['owner']]],
      );
      assert.equal((await t.store.subscriptions.find(owned._id, dave.userId))?.roles, undefined);
      assert.equal((await channelInfo(owned._id)).usersCount, 2);
      assert.equal(await t.store.users.findById(bob.userId), null);
    });

    it('takes the user out of a group DM (updateGroupDMsRemovingUsernamesByUsername) and keeps the room', async () => {
      const bob = await t.createUser({ username: 'bob' });
      const carol = await t.createUser({ username: 'carol' });
      await t.createUser({ username: 'dave' });
      const created = await t.post('/api/v1/im.create', { usernames: 'bob,dave' }, carol);
      assert.equal(created.statusCode, 200, created.body);
      const rid = (json(created).room as { rid: string }).rid;
      assert.equal((await remove({ userId: bob.userId })).statusCode, 200);
      const room = await t.store.rooms.findById(rid);
      assert.deepEqual((room?.usernames as string[]).sort(), ['carol', 'dave']);
      assert.ok(!(room?.uids as string[]).includes(bob.userId));
      assert.ok(await t.store.subscriptions.find(rid, carol.userId));
    });
  });
}
