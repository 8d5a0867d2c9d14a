// Room settings over HTTP: channels./groups. rename, set*, archive / unarchive, rooms.get and rooms.info,
// the names and types users.info?includeUserRooms=true shows.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { createRoomAs, json } from '../helpers/rooms.js';
import type { Credentials, TestApp } from '../helpers/test-app.js';
import { testStores } from '../helpers/test-stores.js';
import { startUsersInfoApp, userOf, usersInfo } from './users-info/fixtures.js';

type RoomEntry = { rid: string; name: string; t: string };

for (const [storeName, factory] of testStores()) {
  describe(`room settings (${storeName})`, () => {
    let t: TestApp;
    let owner: Credentials;
    let bob: Credentials;
    beforeEach(async () => {
      t = await startUsersInfoApp(factory);
      owner = await t.createUser({ username: 'owner' });
      bob = await t.createUser({ username: 'bob' });
    });
    afterEach(async () => t.dispose());

    const roomIn = async (username: string, rid: string): Promise<RoomEntry | undefined> =>
      (userOf(await usersInfo(t, `username=${username}&includeUserRooms=true`)).rooms as RoomEntry[]).find(
        (room) => room.rid === rid,
      );

    for (const type of ['c', 'p'] as const) {
      const prefix = type === 'c' ? 'channels' : 'groups';
      const key = type === 'c' ? 'channel' : 'group';
      const noun = type === 'c' ? 'channel' : 'private group';

      it(`${prefix}.rename reaches every member's subscription; users.info (cached) shows it`, async () => {
        const room = await createRoomAs(t, type, { name: 'club', members: ['bob'] }, owner);
        assert.equal((await roomIn('bob', room._id))?.name, 'club');
        const renamed = await t.post(
          `/api/v1/${prefix}.rename`,
          { roomId: room._id, name: 'society' },
          owner,
        );
        assert.equal(renamed.statusCode, 200, renamed.body);
        assert.equal((json(renamed)[key] as Record<string, unknown>).name, 'society');
        assert.equal((await roomIn('bob', room._id))?.name, 'society');
        assert.equal((await roomIn('owner', room._id))?.name, 'society');
        assert.equal((await t.store.subscriptions.find(room._id, bob.userId))?.fname, 'society');

        const missing = await t.post(`/api/v1/${prefix}.rename`, { roomId: room._id }, owner);
        assert.deepEqual(json(missing), { success: false, error: 'The bodyParam "name" is required' });
        const invalid = await t.post(`/api/v1/${prefix}.rename`, { roomId: room._id, name: 'a b' }, owner);
        assert.equal(json(invalid).errorType, 'error-invalid-room-name');
        await createRoomAs(t, 'c', { name: 'taken' }, owner);
        const taken = await t.post(`/api/v1/${prefix}.rename`, { roomId: room._id, name: 'taken' }, owner);
        assert.equal(json(taken).errorType, 'error-duplicate-channel-name');
        const refused = await t.post(`/api/v1/${prefix}.rename`, { roomId: room._id, name: 'mine' }, bob);
        assert.deepEqual(json(refused), {
          success: false,
          error: 'Editing room is not allowed [error-action-not-allowed]',
          errorType: 'error-action-not-allowed',
        });
        const unknown = await t.post(`/api/v1/${prefix}.rename`, { roomId: 'nope', name: 'x' }, owner);
        assert.equal(json(unknown).errorType, 'error-room-not-found');
        assert.equal((await roomIn('bob', room._id))?.name, 'society');
      });

      it(`${prefix}.setTopic / setDescription / setAnnouncement / setReadOnly`, async () => {
        const room = await createRoomAs(t, type, { name: 'club', members: ['bob'] }, owner);
        for (const [call, param] of [
          ['setTopic', 'topic'],
          ['setDescription', 'description'],
          ['setAnnouncement', 'announcement'],
        ] as const) {
          const response = await t.post(
            `/api/v1/${prefix}.${call}`,
            { roomId: room._id, [param]: 'Hi' },
            owner,
          );
          assert.deepEqual(json(response), { [param]: 'Hi', success: true });
          const missing = await t.post(`/api/v1/${prefix}.${call}`, { roomId: room._id }, owner);
          assert.deepEqual(json(missing), { success: false, error: `The bodyParam "${param}" is required` });
          const refused = await t.post(`/api/v1/${prefix}.${call}`, { roomId: room._id, [param]: 'x' }, bob);
          assert.equal(json(refused).errorType, 'error-action-not-allowed');
        }
        const stored = await t.store.rooms.findById(room._id);
        assert.deepEqual([stored?.topic, stored?.description, stored?.announcement], ['Hi', 'Hi', 'Hi']);

        const ro = await t.post(`/api/v1/${prefix}.setReadOnly`, { roomId: room._id, readOnly: true }, owner);
        assert.equal((json(ro)[key] as Record<string, unknown>).ro, true);
        const same = await t.post(
          `/api/v1/${prefix}.setReadOnly`,
          { roomId: room._id, readOnly: true },
          owner,
        );
        assert.deepEqual(json(same), {
          success: false,
          error: `The ${noun} read only setting is the same as what it would be changed to.`,
        });
      });

      it(`${prefix}.setType moves the room and every subscription; archive / unarchive`, async () => {
        const room = await createRoomAs(t, type, { name: 'club', members: ['bob'] }, owner);
        const other = type === 'c' ? 'p' : 'c';
        const same = await t.post(`/api/v1/${prefix}.setType`, { roomId: room._id, type }, owner);
        assert.deepEqual(json(same), {
          success: false,
          error: `The ${noun} type is the same as what it would be changed to.`,
        });
        await t.store.permissions.saveMany([{ _id: `create-${other}`, roles: ['admin'] }]);
        const refused = await t.post(`/api/v1/${prefix}.setType`, { roomId: room._id, type: other }, owner);
        assert.equal(json(refused).errorType, 'error-action-not-allowed');
        await t.store.permissions.saveMany([{ _id: `create-${other}`, roles: ['admin', 'user'] }]);
        const changed = await t.post(`/api/v1/${prefix}.setType`, { roomId: room._id, type: other }, owner);
        assert.equal(changed.statusCode, 200, changed.body);
        assert.equal((await roomIn('bob', room._id))?.t, other);
        assert.equal((await t.store.subscriptions.find(room._id, bob.userId))?.t, other);

        const otherPrefix = other === 'c' ? 'channels' : 'groups';
        const plain = await t.post(`/api/v1/${otherPrefix}.archive`, { roomId: room._id }, bob);
        assert.deepEqual(json(plain), {
          success: false,
          error: 'Not authorized [error-not-authorized]',
          errorType: 'error-not-authorized',
        });
        assert.deepEqual(json(await t.post(`/api/v1/${otherPrefix}.archive`, { roomId: room._id }, owner)), {
          success: true,
        });
        assert.equal((await t.store.rooms.findById(room._id))?.archived, true);
        assert.equal((await t.store.subscriptions.find(room._id, bob.userId))?.open, false);
        // unarchive-room is Rocket.Chat's admin-only permission: the owner who archived cannot undo it until granted.
        const byOwner = await t.post(`/api/v1/${otherPrefix}.unarchive`, { roomId: room._id }, owner);
        assert.equal(json(byOwner).errorType, 'error-not-authorized');
        await t.store.permissions.saveMany([{ _id: 'unarchive-room', roles: ['admin', 'owner'] }]);
        await t.post(`/api/v1/${otherPrefix}.unarchive`, { roomId: room._id }, owner);
        assert.equal((await t.store.rooms.findById(room._id))?.archived, false);
        assert.equal((await t.store.subscriptions.find(room._id, bob.userId))?.open, true);
      });
    }

    it("rooms.get lists the caller's rooms, with an updatedSince delta", async () => {
      const club = await createRoomAs(t, 'c', { name: 'club', members: ['bob'] }, owner);
      const team = await createRoomAs(t, 'p', { name: 'team', members: ['bob'] }, owner);
      const all = json(await t.get('/api/v1/rooms.get', bob));
      assert.deepEqual(
        (all.update as { _id: string }[]).map((room) => room._id).sort(),
        [club._id, team._id].sort(),
      );
      assert.deepEqual(all.remove, []);
      const since = new Date(Date.now() + 1000).toISOString();
      assert.deepEqual(json(await t.get(`/api/v1/rooms.get?updatedSince=${since}`, bob)).update, []);
      const past = new Date(Date.now() - 60_000).toISOString();
      assert.equal(
        (json(await t.get(`/api/v1/rooms.get?updatedSince=${past}`, bob)).update as unknown[]).length,
        2,
      );
      const invalid = await t.get('/api/v1/rooms.get?updatedSince=yesterday', bob);
      assert.equal(invalid.statusCode, 400);
      assert.equal(json(invalid).errorType, 'error-updatedSince-param-invalid');
    });

    it('rooms.info: a room the caller can access, else not-allowed', async () => {
      const team = await createRoomAs(t, 'p', { name: 'team' }, owner);
      const info = await t.get(`/api/v1/rooms.info?roomId=${team._id}`, owner);
      assert.equal((json(info).room as Record<string, unknown>).name, 'team');
      assert.equal(
        (json(await t.get('/api/v1/rooms.info?roomName=general', bob)).room as Record<string, unknown>)._id,
        'GENERAL',
      );
      const hidden = await t.get(`/api/v1/rooms.info?roomId=${team._id}`, bob);
      assert.deepEqual(json(hidden), { success: false, error: 'not-allowed', errorType: 'Not Allowed' });
      assert.equal(json(await t.get('/api/v1/rooms.info', bob)).error, 'not-allowed');
    });
  });
}
