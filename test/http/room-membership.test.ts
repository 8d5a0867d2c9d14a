// Membership over HTTP: channels.join, *.leave, *.members, the room lists and channels.counters, seen through
// users.info?includeUserRooms=true.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { createRoomAs, FORBIDDEN_BODY, json } from '../helpers/rooms.js';
import type { Credentials, TestApp } from '../helpers/test-app.js';
import { testStores } from '../helpers/test-stores.js';
import { startUsersInfoApp, userOf, usersInfo } from './users-info/fixtures.js';

type RoomEntry = { rid: string; name: string };

for (const [storeName, factory] of testStores()) {
  describe(`room membership (${storeName})`, () => {
    let t: TestApp;
    let owner: Credentials;
    let bob: Credentials;
    beforeEach(async () => {
      t = await startUsersInfoApp(factory);
      owner = await t.createUser({ username: 'owner' });
      bob = await t.createUser({ username: 'bob' });
    });
    afterEach(async () => t.dispose());

    const ridsOf = async (username: string): Promise<string[]> =>
      (userOf(await usersInfo(t, `username=${username}&includeUserRooms=true`)).rooms as RoomEntry[]).map(
        (room) => room.rid,
      );

    it('channels.join adds the caller once and users.info (cached) shows the room', async () => {
      const club = await createRoomAs(t, 'c', { name: 'club' }, owner);
      assert.deepEqual(await ridsOf('bob'), []);
      const joined = await t.post('/api/v1/channels.join', { roomId: club._id }, bob);
      assert.equal(joined.statusCode, 200, joined.body);
      assert.equal((json(joined).channel as Record<string, unknown>).usersCount, 2);
      assert.deepEqual(await ridsOf('bob'), [club._id]);
      const again = await t.post('/api/v1/channels.join', { roomName: 'club' }, bob);
      assert.equal((json(again).channel as Record<string, unknown>).usersCount, 2);
    });

    it('channels.join with a join code: wrong code refused, right code and join-without-join-code let in', async () => {
      const club = await createRoomAs(t, 'c', { name: 'club' }, owner);
      await t.store.rooms.update(club._id, (room) => ({
        ...room,
        joinCodeRequired: true,
        joinCode: 's3cret',
      }));
      const wrong = await t.post('/api/v1/channels.join', { roomId: club._id, joinCode: 'nope' }, bob);
      assert.equal(wrong.statusCode, 400);
      assert.deepEqual(json(wrong), {
        success: false,
        error: 'Invalid Room Password [error-code-invalid]',
        errorType: 'error-code-invalid',
      });
      const right = await t.post('/api/v1/channels.join', { roomId: club._id, joinCode: 's3cret' }, bob);
      assert.equal(right.statusCode, 200, right.body);
      assert.equal((json(right).channel as Record<string, unknown>).joinCode, undefined);
      const admin = await t.post('/api/v1/channels.join', { roomId: club._id });
      assert.equal(admin.statusCode, 200, admin.body);
    });

    it('channels.join / leave: missing and unknown rooms', async () => {
      for (const path of ['/api/v1/channels.join', '/api/v1/channels.leave']) {
        assert.equal(json(await t.post(path, {}, bob)).errorType, 'error-roomid-param-not-provided');
        assert.equal(json(await t.post(path, { roomId: 'nope' }, bob)).errorType, 'error-room-not-found');
      }
      assert.equal(
        json(await t.post('/api/v1/rooms.leave', { roomId: 'nope' }, bob)).errorType,
        'error-invalid-room',
      );
      assert.equal(
        json(await t.post('/api/v1/groups.leave', { roomId: 'nope' }, bob)).errorType,
        'error-room-not-found',
      );
    });

    it('channels.leave / groups.leave / rooms.leave take the member out; users.info follows', async () => {
      const club = await createRoomAs(t, 'c', { name: 'club', members: ['bob'] }, owner);
      const group = await createRoomAs(t, 'p', { name: 'team', members: ['bob'] }, owner);
      const other = await createRoomAs(t, 'c', { name: 'other', members: ['bob'] }, owner);
      assert.equal((await ridsOf('bob')).length, 3);
      const left = await t.post('/api/v1/channels.leave', { roomId: club._id }, bob);
      assert.equal(left.statusCode, 200, left.body);
      assert.equal((json(left).channel as Record<string, unknown>).usersCount, 1);
      const leftGroup = await t.post('/api/v1/groups.leave', { roomName: 'team' }, bob);
      assert.deepEqual(json(leftGroup), { success: true });
      const leftRoom = await t.post('/api/v1/rooms.leave', { roomId: other._id }, bob);
      assert.deepEqual(json(leftRoom), { success: true });
      assert.deepEqual(await ridsOf('bob'), []);
      assert.equal((await t.store.rooms.findById(group._id))?.usersCount, 1);

      const notIn = await t.post('/api/v1/channels.leave', { roomId: club._id }, bob);
      assert.deepEqual(json(notIn), {
        success: false,
        error: 'You are not in this room [error-user-not-in-room]',
        errorType: 'error-user-not-in-room',
      });
    });

    it('the last owner may not leave; with a second owner they may', async () => {
      const club = await createRoomAs(t, 'c', { name: 'club', members: ['bob'] }, owner);
      for (const [path, body] of [
        ['/api/v1/channels.leave', { roomId: club._id }],
        ['/api/v1/rooms.leave', { roomId: club._id }],
      ] as const) {
        const response = await t.post(path, body, owner);
        assert.equal(response.statusCode, 400);
        assert.deepEqual(json(response), {
          success: false,
          error:
            'You are the last owner. Please set new owner before leaving the room. [error-you-are-last-owner]',
          errorType: 'error-you-are-last-owner',
        });
      }
      await t.post('/api/v1/channels.addOwner', { roomId: club._id, userId: bob.userId }, owner);
      assert.equal((await t.post('/api/v1/channels.leave', { roomId: club._id }, owner)).statusCode, 200);
      assert.deepEqual(await ridsOf('owner'), []);
    });

    it('leaving needs leave-c; a direct message cannot be left', async () => {
      const club = await createRoomAs(t, 'c', { name: 'club', members: ['bob'] }, owner);
      await t.store.permissions.saveMany([{ _id: 'leave-c', roles: ['admin'] }]);
      const refused = await t.post('/api/v1/channels.leave', { roomId: club._id }, bob);
      assert.equal(json(refused).errorType, 'error-not-allowed');
      const dm = json(await t.post('/api/v1/im.create', { username: 'bob' }, owner)).room as { rid: string };
      const direct = await t.post('/api/v1/rooms.leave', { roomId: dm.rid }, owner);
      assert.equal(json(direct).errorType, 'error-not-allowed');
    });

    it('channels./groups./im.members: paged, filtered by status and text; groups hidden from non-members', async () => {
      for (const name of ['carol', 'dave', 'erin']) await t.createUser({ username: name });
      const club = await createRoomAs(
        t,
        'c',
        { name: 'club', members: ['bob', 'carol', 'dave', 'erin'] },
        owner,
      );
      await t.store.users.update(bob.userId, (user) => ({ ...user, status: 'online' }));
      const page = json(await t.get(`/api/v1/channels.members?roomId=${club._id}&count=2&offset=1`, bob));
      assert.equal(page.total, 5);
      assert.equal(page.count, 2);
      assert.equal(page.offset, 1);
      const all = json(await t.get(`/api/v1/channels.members?roomName=club`, bob));
      assert.deepEqual(
        (all.members as { username: string }[]).map((m) => m.username),
        ['bob', 'carol', 'dave', 'erin', 'owner'],
      );
      const online = json(await t.get(`/api/v1/channels.members?roomId=${club._id}&status=online`, bob));
      assert.deepEqual(
        (online.members as { username: string }[]).map((m) => m.username),
        ['bob'],
      );
      const filtered = json(await t.get(`/api/v1/channels.members?roomId=${club._id}&filter=AR`, bob));
      assert.deepEqual(
        (filtered.members as { username: string }[]).map((m) => m.username),
        ['carol'],
      );
      assert.equal((all.members as Record<string, unknown>[])[0]?.emails, undefined);

      const group = await createRoomAs(t, 'p', { name: 'team', members: ['bob'] }, owner);
      const members = json(await t.get(`/api/v1/groups.members?roomId=${group._id}`, bob));
      assert.equal(members.total, 2);
      const hidden = await t.get(
        `/api/v1/groups.members?roomId=${group._id}`,
        await t.createUser({ username: 'zed' }),
      );
      assert.equal(json(hidden).errorType, 'error-room-not-found');

      await t.post('/api/v1/im.create', { username: 'bob' }, owner);
      const im = json(await t.get('/api/v1/im.members?username=bob', owner));
      assert.deepEqual(
        (im.members as { username: string }[]).map((m) => m.username),
        ['bob', 'owner'],
      );
      assert.equal(json(await t.get('/api/v1/im.members', owner)).errorType, 'error-room-param-not-provided');
      assert.equal(
        json(await t.get('/api/v1/im.members?roomId=nope', owner)).errorType,
        'error-room-not-found',
      );
      assert.equal(
        json(await t.get('/api/v1/channels.members', owner)).errorType,
        'error-roomid-param-not-provided',
      );
    });

    it('room lists: channels.list(.joined), groups.list(All), im.list(.everyone)', async () => {
      await createRoomAs(t, 'c', { name: 'beta', members: ['bob'] }, owner);
      await createRoomAs(t, 'c', { name: 'alpha' }, owner);
      await createRoomAs(t, 'p', { name: 'team', members: ['bob'] }, owner);
      await createRoomAs(t, 'p', { name: 'secret' }, owner);
      await t.post('/api/v1/im.create', { username: 'bob' }, owner);

      const names = (body: Record<string, unknown>, key: string) =>
        (body[key] as { name?: string; t: string }[]).map((room) => room.name ?? room.t);
      const channels = json(await t.get('/api/v1/channels.list?count=2', bob));
      assert.deepEqual(names(channels, 'channels'), ['alpha', 'beta']);
      assert.equal(channels.total, 3); // general too
      assert.deepEqual(names(json(await t.get('/api/v1/channels.list.joined', bob)), 'channels'), ['beta']);
      assert.deepEqual(names(json(await t.get('/api/v1/groups.list', bob)), 'groups'), ['team']);
      assert.deepEqual(names(json(await t.get('/api/v1/im.list', bob)), 'ims'), ['d']);
      assert.deepEqual(names(json(await t.get('/api/v1/groups.listAll')), 'groups'), ['secret', 'team']);
      assert.equal(json(await t.get('/api/v1/im.list.everyone')).total, 1);
      for (const path of ['/api/v1/groups.listAll', '/api/v1/im.list.everyone']) {
        const refused = await t.get(path, bob);
        assert.equal(refused.statusCode, 403);
        assert.deepEqual(json(refused), FORBIDDEN_BODY);
      }
    });

    it("channels.counters: the caller's counters; another user's only with view-room-administration", async () => {
      const club = await createRoomAs(t, 'c', { name: 'club', members: ['bob'] }, owner);
      await t.store.subscriptions.update(club._id, bob.userId, (s) => ({ ...s, unread: 3 }));
      const mine = json(await t.get(`/api/v1/channels.counters?roomId=${club._id}`, bob));
      assert.equal(mine.joined, true);
      assert.equal(mine.members, 2);
      assert.equal(mine.unreads, 3);
      const outsider = await t.createUser({ username: 'zed' });
      const theirs = json(await t.get(`/api/v1/channels.counters?roomId=${club._id}`, outsider));
      assert.deepEqual([theirs.joined, theirs.members, theirs.unreads], [false, null, null]);
      const refused = await t.get(
        `/api/v1/channels.counters?roomId=${club._id}&userId=${bob.userId}`,
        outsider,
      );
      assert.equal(refused.statusCode, 403);
      const admin = json(await t.get(`/api/v1/channels.counters?roomId=${club._id}&userId=${bob.userId}`));
      assert.equal(admin.unreads, 3);
    });
  });
}
