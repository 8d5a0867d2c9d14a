// users.update renames: Rocket.Chat's updateUsernameReferences — every document naming the user follows.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { TestApp } from '../helpers/test-app.js';
import { createRoomAs, json } from '../helpers/rooms.js';
import { testStores } from '../helpers/test-stores.js';
import { startUsersInfoApp, userOf, usersInfo } from './users-info/fixtures.js';

type RoomEntry = { rid: string; name: string; t: string };

for (const [storeName, factory] of testStores()) {
  describe(`users.update rename references (${storeName})`, () => {
    let t: TestApp;
    beforeEach(async () => (t = await startUsersInfoApp(factory)));
    afterEach(async () => t.dispose());

    const roomsOf = async (username: string): Promise<RoomEntry[]> =>
      userOf(await usersInfo(t, `username=${username}&includeUserRooms=true`)).rooms as RoomEntry[];
    const rename = (userId: string, data: Record<string, unknown>) =>
      t.post('/api/v1/users.update', { userId, data });

    it("renames the other side's DM subscription, DM usernames, own u.username and room owner names (updateUsernameReferences)", async () => {
      const bob = await t.createUser({ username: 'bob' });
      const carol = await t.createUser({ username: 'carol' });
      const dm = json(await t.post('/api/v1/im.create', { username: 'bob' }, carol)).room as { rid: string };
      const channel = await createRoomAs(t, 'c', { name: 'bobs-channel', members: ['carol'] }, bob);
      assert.deepEqual((await roomsOf('carol')).find((room) => room.t === 'd')?.name, 'bob');

      const response = await rename(bob.userId, { username: 'bobby' });
      assert.equal(response.statusCode, 200, response.body);

      // The other side's DM subscription is named after the new username (users.info of carol shows it).
      assert.deepEqual(
        (await roomsOf('carol')).map((room) => [room.t, room.name, room.rid]),
        [
          ['c', 'bobs-channel', channel._id],
          ['d', 'bobby', dm.rid],
        ],
      );
      // Bob's own subscriptions carry his new username, the DM room lists it, the channel's owner is renamed.
      for (const subscription of await t.store.subscriptions.listOfUser(bob.userId)) {
        assert.equal(subscription.u.username, 'bobby');
      }
      assert.deepEqual(((await t.store.rooms.findById(dm.rid))?.usernames as string[]).sort(), [
        'bobby',
        'carol',
      ]);
      const info = json(await t.get(`/api/v1/channels.info?roomId=${channel._id}`)).channel as {
        u: { _id: string; username: string };
      };
      assert.deepEqual([info.u._id, info.u.username], [bob.userId, 'bobby']);
      // The old name no longer finds a DM subscription; im.create by the new name reuses the same room.
      const again = json(await t.post('/api/v1/im.create', { username: 'bobby' }, carol)).room as {
        rid: string;
      };
      assert.equal(again.rid, dm.rid);
    });

    it("a name change alone sets the other side's DM fname and leaves every name and u.username as they were", async () => {
      const bob = await t.createUser({ username: 'bob' });
      const carol = await t.createUser({ username: 'carol' });
      const dm = json(await t.post('/api/v1/im.create', { username: 'bob' }, carol)).room as { rid: string };
      assert.equal((await rename(bob.userId, { name: 'Robert' })).statusCode, 200);
      const carols = await t.store.subscriptions.find(dm.rid, carol.userId);
      assert.deepEqual([carols?.name, carols?.fname], ['bob', 'Robert']);
      const bobs = await t.store.subscriptions.find(dm.rid, bob.userId);
      assert.deepEqual([bobs?.name, bobs?.u.username], ['carol', 'bob']);
      assert.deepEqual(
        (await roomsOf('carol')).map((room) => room.name),
        ['bob'],
      );
    });

    it('a refused rename (username in use) leaves the user and every reference untouched', async () => {
      const bob = await t.createUser({ username: 'bob' });
      const carol = await t.createUser({ username: 'carol' });
      const dm = json(await t.post('/api/v1/im.create', { username: 'bob' }, carol)).room as { rid: string };
      const refused = await rename(bob.userId, { username: 'carol' });
      assert.equal(refused.statusCode, 400, refused.body);
      assert.equal((await t.store.subscriptions.find(dm.rid, carol.userId))?.name, 'bob');
      assert.equal((await t.store.users.findById(bob.userId))?.username, 'bob');
    });
  });
}
