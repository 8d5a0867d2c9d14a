// users.setActiveStatus as Rocket.Chat's setUserActiveStatus does it: last owners, archived DMs, moderators.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { Credentials, TestApp } from '../helpers/test-app.js';
import { createRoomAs, json } from '../helpers/rooms.js';
import { testStores } from '../helpers/test-stores.js';
import { assertDomainError, assertForbidden } from './admin-fixtures.js';
import { setPermission, startUsersInfoApp, userOf, usersInfo } from './users-info/fixtures.js';

type RoomEntry = { rid: string; name: string; t: string; roles?: string[] };

for (const [storeName, factory] of testStores()) {
  describe(`users.setActiveStatus rooms (${storeName})`, () => {
    let t: TestApp;
    beforeEach(async () => (t = await startUsersInfoApp(factory)));
    afterEach(async () => t.dispose());

    const roomsOf = async (username: string): Promise<RoomEntry[]> =>
      userOf(await usersInfo(t, `username=${username}&includeUserRooms=true`)).rooms as RoomEntry[];
    const setActive = (body: Record<string, unknown>, as: Credentials = t.admin) =>
      t.post('/api/v1/users.setActiveStatus', body, as);

    it('refuses to deactivate the last owner of a room with user-last-owner, then hands it on with confirmRelinquish', async () => {
      const dave = await t.createUser({ username: 'dave' });
      await t.createUser({ username: 'erin' });
      const group = await createRoomAs(t, 'p', { name: 'daves-group', members: ['erin'] }, dave);
      const refused = await setActive({ userId: dave.userId, activeStatus: false });
      assert.equal(refused.statusCode, 400);
      assert.equal(
        refused.body,
        '{"success":false,"error":"[user-last-owner]","errorType":"user-last-owner",' +
          '"details":{"shouldBeRemoved":[],"shouldChangeOwner":["daves-group"]}}',
      );
      assert.equal((await t.store.users.findById(dave.userId))?.active, true);

      const done = await setActive({ userId: dave.userId, activeStatus: false, confirmRelinquish: true });
      assert.equal(done.statusCode, 200, done.body);
      assert.equal((await t.store.users.findById(dave.userId))?.active, false);
      assert.deepEqual(
        (await roomsOf('erin')).map((room) => [room.rid, room.roles]),
        [[group._id, ['owner']]],
      );
      // Deactivation keeps the user's subscriptions (Rocket.Chat removes nothing but the ownerless rooms).
      assert.deepEqual(
        (await roomsOf('dave')).map((room) => room.rid),
        [group._id],
      );
    });

    it("archives the other side's DM subscription and makes the DM read-only, and undoes both on activation", async () => {
      const bob = await t.createUser({ username: 'bob' });
      const carol = await t.createUser({ username: 'carol' });
      const dm = json(await t.post('/api/v1/im.create', { username: 'bob' }, carol)).room as { rid: string };
      assert.equal((await setActive({ userId: bob.userId, activeStatus: false })).statusCode, 200);
      // Subscriptions.setArchivedForDMsWithUsername: carol's subscription, named "bob", is archived.
      assert.equal((await t.store.subscriptions.find(dm.rid, carol.userId))?.archived, true);
      assert.equal((await t.store.subscriptions.find(dm.rid, bob.userId))?.archived, undefined);
      const room = await t.store.rooms.findById(dm.rid);
      assert.deepEqual([room?.ro, room?.reactWhenReadOnly], [true, false]);

      assert.equal((await setActive({ userId: bob.userId, activeStatus: true })).statusCode, 200);
      assert.equal((await t.store.subscriptions.find(dm.rid, carol.userId))?.archived, false);
      assert.equal((await t.store.rooms.findById(dm.rid))?.ro, false);
      assert.deepEqual(
        (await roomsOf('carol')).map((entry) => [entry.t, entry.name]),
        [['d', 'bob']],
      );
    });

    it('answers 403 without either permission and 400 "Not allowed" with manage-moderation-actions alone', async () => {
      const target = await t.createUser({ username: 'target' });
      const moderator = await t.createUser({ username: 'moderator', roles: ['user', 'moderator-global'] });
      assertForbidden(await setActive({ userId: target.userId, activeStatus: false }, moderator));
      // The 8.5 route admits manage-moderation-actions; executeSetUserActiveStatus still refuses without
      // edit-other-user-active-status.
      await setPermission(t, 'manage-moderation-actions', ['moderator-global']);
      assertDomainError(
        await setActive({ userId: target.userId, activeStatus: false }, moderator),
        'error-not-allowed',
        'Not allowed',
      );
      assert.equal((await t.store.users.findById(target.userId))?.active, true);
    });

    it('users.update {active:false} takes the same last-owner rule and its confirmRelinquish', async () => {
      const dave = await t.createUser({ username: 'dave' });
      await t.createUser({ username: 'erin' });
      await createRoomAs(t, 'c', { name: 'daves-channel', members: ['erin'] }, dave);
      const refused = await t.post('/api/v1/users.update', { userId: dave.userId, data: { active: false } });
      assert.equal(refused.statusCode, 400);
      assert.equal(json(refused).errorType, 'user-last-owner');
      assert.equal((await t.store.users.findById(dave.userId))?.active, true);
      const done = await t.post('/api/v1/users.update', {
        userId: dave.userId,
        data: { active: false },
        confirmRelinquish: true,
      });
      assert.equal(done.statusCode, 200, done.body);
      assert.deepEqual(
        (await roomsOf('erin')).map((room) => room.roles),
        [['owner']],
      );
    });
  });
}
