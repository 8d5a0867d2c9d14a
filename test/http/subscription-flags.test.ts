// subscriptions.get / getOne, rooms.favorite and channels./groups./im. open and close over HTTP: the caller's own
// subscription flags, with users.info?includeUserRooms=true (cached) still listing the room.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { createRoomAs, json } from '../helpers/rooms.js';
import type { Credentials, TestApp } from '../helpers/test-app.js';
import { testStores } from '../helpers/test-stores.js';
import { startUsersInfoApp, userOf, usersInfo } from './users-info/fixtures.js';

type RoomEntry = { rid: string; name: string; t: string };
type Subscription = { rid: string; open?: boolean; f?: boolean; alert?: boolean; _updatedAt: string };

for (const [storeName, factory] of testStores()) {
  describe(`subscription flags (${storeName})`, () => {
    let t: TestApp;
    let owner: Credentials;
    let bob: Credentials;
    beforeEach(async () => {
      t = await startUsersInfoApp(factory);
      owner = await t.createUser({ username: 'owner' });
      bob = await t.createUser({ username: 'bob' });
    });
    afterEach(async () => t.dispose());

    const roomsOf = async (username: string): Promise<RoomEntry[]> =>
      userOf(await usersInfo(t, `username=${username}&includeUserRooms=true`)).rooms as RoomEntry[];
    const getOne = async (rid: string, as: Credentials) =>
      json(await t.get(`/api/v1/subscriptions.getOne?roomId=${rid}`, as)).subscription as Subscription | null;

    it("subscriptions.get lists the caller's subscriptions, with an updatedSince delta", async () => {
      const club = await createRoomAs(t, 'c', { name: 'club', members: ['bob'] }, owner);
      const team = await createRoomAs(t, 'p', { name: 'team', members: ['bob'] }, owner);
      const all = json(await t.get('/api/v1/subscriptions.get', bob));
      assert.equal(all.success, true);
      assert.deepEqual(all.remove, []);
      const update = all.update as Subscription[];
      assert.deepEqual(update.map((s) => s.rid).sort(), [club._id, team._id].sort());
      assert.deepEqual(update, await t.store.subscriptions.listOfUser(bob.userId));

      const future = new Date(Date.now() + 60_000).toISOString();
      assert.deepEqual(json(await t.get(`/api/v1/subscriptions.get?updatedSince=${future}`, bob)), {
        update: [],
        remove: [],
        success: true,
      });
      const cut = update.find((s) => s.rid === club._id)?._updatedAt ?? '';
      await new Promise((resolve) => setTimeout(resolve, 5));
      await t.post('/api/v1/rooms.favorite', { roomId: team._id, favorite: true }, bob);
      const delta = json(await t.get(`/api/v1/subscriptions.get?updatedSince=${cut}`, bob));
      assert.deepEqual(
        (delta.update as Subscription[]).map((s) => [s.rid, s.f]),
        [[team._id, true]],
      );

      const invalid = await t.get('/api/v1/subscriptions.get?updatedSince=yesterday', bob);
      assert.equal(invalid.statusCode, 400);
      assert.deepEqual(json(invalid), {
        success: false,
        error: 'The "lastUpdate" query parameter must be a valid date. [error-roomId-param-invalid]',
        errorType: 'error-roomId-param-invalid',
      });
      assert.equal((await t.inject({ method: 'GET', url: '/api/v1/subscriptions.get' })).statusCode, 401);
    });

    it("subscriptions.getOne answers the caller's subscription, null outside the room, 400 without roomId", async () => {
      const club = await createRoomAs(t, 'c', { name: 'club' }, owner);
      const mine = await getOne(club._id, owner);
      assert.deepEqual(mine, await t.store.subscriptions.find(club._id, owner.userId));
      assert.equal(await getOne(club._id, bob), null);
      assert.equal(await getOne('no-such-room', bob), null);
      const missing = await t.get('/api/v1/subscriptions.getOne', bob);
      assert.equal(missing.statusCode, 400);
      assert.equal(json(missing).errorType, 'invalid-params');
      assert.match(String(json(missing).error), /must have required property 'roomId'/);
      const empty = await t.get('/api/v1/subscriptions.getOne?roomId=', bob);
      assert.deepEqual(json(empty), { success: false, error: "The 'roomId' param is required" });
    });

    it("rooms.favorite sets and clears the subscription's f by roomId or roomName", async () => {
      const club = await createRoomAs(t, 'c', { name: 'club', members: ['bob'] }, owner);
      assert.deepEqual((await roomsOf('bob')).map((room) => room.rid).includes(club._id), true);
      const byName = await t.post('/api/v1/rooms.favorite', { roomName: 'club', favorite: true }, bob);
      assert.deepEqual(json(byName), { success: true });
      assert.equal((await getOne(club._id, bob))?.f, true);
      assert.equal((await getOne(club._id, owner))?.f, undefined);
      await t.post('/api/v1/rooms.favorite', { roomId: club._id, favorite: false }, bob);
      assert.equal((await getOne(club._id, bob))?.f, false);
      assert.ok((await roomsOf('bob')).some((room) => room.rid === club._id && room.name === 'club'));

      const missing = await t.post('/api/v1/rooms.favorite', { roomId: club._id }, bob);
      assert.deepEqual(json(missing), { success: false, error: "The 'favorite' param is required" });
      const wrongType = await t.post('/api/v1/rooms.favorite', { roomId: club._id, favorite: 'yes' }, bob);
      assert.deepEqual(json(wrongType), {
        success: false,
        error: 'Match error: Expected boolean, got string',
      });
      const noRoom = await t.post('/api/v1/rooms.favorite', { favorite: true }, bob);
      assert.equal(json(noRoom).errorType, 'error-roomid-param-not-provided');
      const unknown = await t.post('/api/v1/rooms.favorite', { roomId: 'nope', favorite: true }, bob);
      assert.equal(json(unknown).errorType, 'error-room-not-found');
      const carol = await t.createUser({ username: 'carol' });
      const outsider = await t.post('/api/v1/rooms.favorite', { roomId: club._id, favorite: true }, carol);
      assert.deepEqual(json(outsider), {
        success: false,
        error: 'You must be part of a room to favorite it [error-invalid-subscription]',
        errorType: 'error-invalid-subscription',
      });
      await t.post('/api/v1/channels.archive', { roomId: club._id }, owner);
      const archived = await t.post('/api/v1/rooms.favorite', { roomId: club._id, favorite: true }, bob);
      assert.deepEqual(json(archived), {
        success: false,
        error: 'The channel, club, is archived [error-room-archived]',
        errorType: 'error-room-archived',
      });
    });

    it("channels.close / channels.open flip the caller's open flag, with Rocket.Chat's failures", async () => {
      const club = await createRoomAs(t, 'c', { name: 'club', members: ['bob'] }, owner);
      await roomsOf('bob');
      const opened = await t.post('/api/v1/channels.open', { roomId: club._id }, bob);
      assert.deepEqual(json(opened), {
        success: false,
        error: 'The channel, club, is already open to the sender',
      });
      assert.deepEqual(json(await t.post('/api/v1/channels.close', { roomName: 'club' }, bob)), {
        success: true,
      });
      const closed = await getOne(club._id, bob);
      assert.deepEqual([closed?.open, closed?.alert], [false, false]);
      assert.equal((await getOne(club._id, owner))?.open, true);
      assert.ok((await roomsOf('bob')).some((room) => room.rid === club._id));
      const again = await t.post('/api/v1/channels.close', { roomId: club._id }, bob);
      assert.deepEqual(json(again), {
        success: false,
        error: 'The channel, club, is already closed to the sender',
      });
      assert.deepEqual(json(await t.post('/api/v1/channels.open', { roomId: club._id }, bob)), {
        success: true,
      });
      assert.equal((await getOne(club._id, bob))?.open, true);

      const carol = await t.createUser({ username: 'carol' });
      assert.deepEqual(json(await t.post('/api/v1/channels.close', { roomId: club._id }, carol)), {
        success: false,
        error: 'The user/callee is not in the channel "club.',
      });
      assert.deepEqual(json(await t.post('/api/v1/channels.open', { roomId: club._id }, carol)), {
        success: false,
        error: 'The user/callee is not in the channel "club".',
      });
      const unknown = await t.post('/api/v1/channels.close', { roomId: 'nope' }, bob);
      assert.equal(json(unknown).errorType, 'error-room-not-found');
      const missing = await t.post('/api/v1/channels.close', {}, bob);
      assert.equal(json(missing).errorType, 'error-roomid-param-not-provided');
    });

    it("groups.close / groups.open: members only, with the private group's failures", async () => {
      const team = await createRoomAs(t, 'p', { name: 'team', members: ['bob'] }, owner);
      assert.deepEqual(json(await t.post('/api/v1/groups.open', { roomId: team._id }, bob)), {
        success: false,
        error: 'The private group, team, is already open for the sender',
      });
      assert.deepEqual(json(await t.post('/api/v1/groups.close', { roomId: team._id }, bob)), {
        success: true,
      });
      assert.equal((await getOne(team._id, bob))?.open, false);
      assert.deepEqual(json(await t.post('/api/v1/groups.close', { roomId: team._id }, bob)), {
        success: false,
        error: 'The private group, team, is already closed to the sender',
      });
      assert.deepEqual(json(await t.post('/api/v1/groups.open', { roomName: 'team' }, bob)), {
        success: true,
      });
      assert.equal((await getOne(team._id, bob))?.open, true);
      assert.ok((await roomsOf('bob')).some((room) => room.rid === team._id));
      const carol = await t.createUser({ username: 'carol' });
      const outsider = await t.post('/api/v1/groups.close', { roomId: team._id }, carol);
      assert.equal(json(outsider).errorType, 'error-room-not-found');
    });

    it('im.close / im.open (and dm.*) hide and show a direct message for the caller only', async () => {
      const created = await t.post('/api/v1/im.create', { username: 'bob' }, owner);
      const rid = (json(created).room as { rid: string }).rid;
      // createDirectRoom opens the creator's subscription only.
      assert.equal((await getOne(rid, bob))?.open, false);
      assert.deepEqual(json(await t.post('/api/v1/im.open', { roomId: rid }, bob)), { success: true });
      assert.equal((await getOne(rid, bob))?.open, true);
      assert.deepEqual(json(await t.post('/api/v1/im.open', { roomId: rid }, bob)), { success: true });

      assert.deepEqual(json(await t.post('/api/v1/dm.close', { roomId: rid }, bob)), { success: true });
      assert.equal((await getOne(rid, bob))?.open, false);
      assert.equal((await getOne(rid, owner))?.open, true);
      assert.ok((await roomsOf('bob')).some((room) => room.rid === rid && room.t === 'd'));
      assert.deepEqual(json(await t.post('/api/v1/im.close', { roomId: rid }, bob)), {
        success: false,
        error: 'The direct message room, is already closed to the sender',
      });

      const carol = await t.createUser({ username: 'carol' });
      const refused = await t.post('/api/v1/im.open', { roomId: rid }, carol);
      assert.equal(refused.statusCode, 403);
      assert.equal((await t.post('/api/v1/im.close', { roomId: rid }, carol)).statusCode, 403);
      assert.equal((await t.post('/api/v1/im.open', { roomId: 'nope' }, carol)).statusCode, 403);
      assert.deepEqual(json(await t.post('/api/v1/im.close', { roomId: 'nope' }, carol)), {
        success: false,
        error: 'The user is not subscribed to the room',
      });
      const club = await createRoomAs(t, 'c', { name: 'club', members: ['bob'] }, owner);
      const notDirect = await t.post('/api/v1/im.close', { roomId: club._id }, bob);
      assert.equal(json(notDirect).errorType, 'error-room-not-found');
      const missing = await t.post('/api/v1/im.open', {}, bob);
      assert.equal(missing.statusCode, 400);
      assert.equal(json(missing).errorType, 'invalid-params');
    });
  });
}
