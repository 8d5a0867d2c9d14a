// channels./groups. addAll, moderators, online, setCustomFields, channels.setJoinCode (with channels.join) and
// rooms.adminRooms over HTTP, with the membership changes visible through users.info?includeUserRooms=true.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { UserDoc } from '../../src/core/documents.js';
import { createRoomAs, FORBIDDEN_BODY, json } from '../helpers/rooms.js';
import type { Credentials, TestApp } from '../helpers/test-app.js';
import { testStores } from '../helpers/test-stores.js';
import { startUsersInfoApp, userOf, usersInfo } from './users-info/fixtures.js';

type RoomEntry = { rid: string; name: string; unread?: number };

for (const [storeName, factory] of testStores()) {
  describe(`room admin calls (${storeName})`, () => {
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

      it(`${prefix}.addAll joins every (active) user in one write; users.info (cached) shows the room`, async () => {
        const room = await createRoomAs(t, type, { name: 'club' }, owner);
        const idle = await t.createUser({ username: 'idle', extra: { active: false } });
        assert.equal(await roomIn('bob', room._id), undefined);

        const refused = await t.post(`/api/v1/${prefix}.addAll`, { roomId: room._id }, owner);
        assert.equal(refused.statusCode, 400);
        assert.deepEqual(json(refused), {
          success: false,
          error: 'Access to Method Forbidden [403]',
          errorType: 403,
        });

        await t.post(`/api/v1/${prefix}.invite`, { roomId: room._id, username: 'admin' }, owner);
        const added = await t.post(
          `/api/v1/${prefix}.addAll`,
          { roomId: room._id, activeUsersOnly: true },
          t.admin,
        );
        assert.equal(added.statusCode, 200, added.body);
        const stored = json(added)[key] as { usersCount: number };
        assert.equal(stored.usersCount, 3);
        assert.equal((await roomIn('bob', room._id))?.name, 'club');
        assert.equal((await roomIn('bob', room._id))?.unread, 1);
        assert.equal(await t.store.subscriptions.find(room._id, idle.userId), null);
        const joined = await t.store.subscriptions.find(room._id, bob.userId);
        assert.deepEqual(
          [joined?.open, joined?.alert, joined?.unread, joined?.userMentions],
          [true, true, 1, 1],
        );
        // The owner keeps the subscription (and roles) it had.
        assert.deepEqual((await t.store.subscriptions.find(room._id, owner.userId))?.roles, ['owner']);

        const all = await t.post(`/api/v1/${prefix}.addAll`, { roomName: 'club' }, t.admin);
        assert.equal((json(all)[key] as { usersCount: number }).usersCount, 4);
        assert.equal((await t.store.subscriptions.listOfRoom(room._id)).length, 4);

        const unknown = await t.post(`/api/v1/${prefix}.addAll`, { roomId: 'nope' }, t.admin);
        assert.equal(json(unknown).errorType, 'error-room-not-found');
      });

      it(`${prefix}.addAll refuses more users than API_User_Limit (500), writing nothing`, async () => {
        const room = await createRoomAs(t, type, { name: 'club' }, owner);
        await t.post(`/api/v1/${prefix}.invite`, { roomId: room._id, username: 'admin' }, owner);
        const now = new Date().toISOString();
        const users: UserDoc[] = Array.from({ length: 498 }, (_, i) => ({
          _id: `bulk${i}`,
          username: `bulk${i}`,
          active: true,
          roles: ['user'],
          type: 'user',
          createdAt: now,
          _updatedAt: now,
        }));
        await t.store.bulkWrite({ users }, 'ignore');
        // admin, owner, bob and 498 more: 501 users.
        const refused = await t.post(`/api/v1/${prefix}.addAll`, { roomId: room._id }, t.admin);
        assert.deepEqual(json(refused), {
          success: false,
          error: 'User Limit Exceeded [error-user-limit-exceeded]',
          errorType: 'error-user-limit-exceeded',
        });
        assert.equal((await t.store.subscriptions.listOfRoom(room._id)).length, 2);
      });

      it(`${prefix}.moderators lists the moderators' u; archived rooms refused`, async () => {
        const room = await createRoomAs(t, type, { name: 'club', members: ['bob'] }, owner);
        const path = `/api/v1/${prefix}.moderators?roomId=${room._id}`;
        assert.deepEqual(json(await t.get(path, bob)), { moderators: [], success: true });
        await t.post(`/api/v1/${prefix}.addModerator`, { roomId: room._id, userId: bob.userId }, owner);
        assert.deepEqual(json(await t.get(`/api/v1/${prefix}.moderators?roomName=club`, bob)), {
          moderators: [{ _id: bob.userId, username: 'bob' }],
          success: true,
        });
        const unknown = await t.get(`/api/v1/${prefix}.moderators?roomId=nope`, bob);
        assert.equal(json(unknown).errorType, 'error-room-not-found');
        const missing = await t.get(`/api/v1/${prefix}.moderators`, bob);
        assert.equal(
          json(missing).errorType,
          type === 'c' ? 'error-roomid-param-not-provided' : 'error-room-param-not-provided',
        );
        await t.post(`/api/v1/${prefix}.archive`, { roomId: room._id }, owner);
        assert.deepEqual(json(await t.get(path, bob)), {
          success: false,
          error: `The ${type === 'c' ? 'channel' : 'private group'}, club, is archived [error-room-archived]`,
          errorType: 'error-room-archived',
        });
      });

      it(`${prefix}.online lists the members whose stored status is not offline`, async () => {
        await t.createUser({ username: 'busy', extra: { status: 'busy' } });
        await t.createUser({ username: 'gone', extra: { status: 'offline' } });
        // Away, but not in the room.
        await t.createUser({ username: 'away', extra: { status: 'away' } });
        const members = ['bob', 'busy', 'gone'];
        const room = await createRoomAs(t, type, { name: 'club', members }, owner);
        // users.setStatus without a realtime connection stores `offline` (processStatus), as users.getStatus says.
        await t.post('/api/v1/users.setStatus', { status: 'online' }, bob);
        assert.equal(json(await t.get('/api/v1/users.getStatus', bob)).status, 'offline');
        const online = json(await t.get(`/api/v1/${prefix}.online?_id=${room._id}`, owner));
        assert.equal(online.success, true);
        assert.deepEqual((online.online as { username: string }[]).map((u) => u.username).sort(), ['busy']);
        const query = encodeURIComponent(JSON.stringify({ name: 'club' }));
        const byName = json(await t.get(`/api/v1/${prefix}.online?query=${query}`, owner));
        assert.deepEqual(byName.online, online.online);

        assert.deepEqual(json(await t.get(`/api/v1/${prefix}.online`, owner)), {
          success: false,
          error: 'Invalid query',
        });
        assert.deepEqual(json(await t.get(`/api/v1/${prefix}.online?_id=nope`, owner)), {
          success: false,
          error: type === 'c' ? 'Channel does not exists' : 'Group does not exists',
        });
        const bad = await t.get(`/api/v1/${prefix}.online?query=%7Bnot-json`, owner);
        assert.equal(json(bad).errorType, 'error-invalid-query');
        const stranger = await t.createUser({ username: 'stranger' });
        const outsider = await t.get(`/api/v1/${prefix}.online?_id=${room._id}`, stranger);
        if (type === 'c') assert.equal(outsider.statusCode, 200);
        else {
          assert.deepEqual(json(outsider), {
            success: false,
            error: 'Not Allowed [error-not-allowed]',
            errorType: 'error-not-allowed',
          });
        }
      });

      it(`${prefix}.setCustomFields stores them on the room and every subscription (edit-room)`, async () => {
        const room = await createRoomAs(t, type, { name: 'club', members: ['bob'] }, owner);
        await roomIn('bob', room._id);
        const fields = { team: 'blue', level: 2 };
        const set = await t.post(
          `/api/v1/${prefix}.setCustomFields`,
          { roomId: room._id, customFields: fields },
          owner,
        );
        assert.equal(set.statusCode, 200, set.body);
        assert.deepEqual((json(set)[key] as { customFields: unknown }).customFields, fields);
        assert.deepEqual((await t.store.rooms.findById(room._id))?.customFields, fields);
        assert.deepEqual((await t.store.subscriptions.find(room._id, bob.userId))?.customFields, fields);
        assert.equal((await roomIn('bob', room._id))?.name, 'club');

        const missing = await t.post(`/api/v1/${prefix}.setCustomFields`, { roomId: room._id }, owner);
        assert.deepEqual(json(missing), {
          success: false,
          error: 'The bodyParam "customFields" is required with a type like object.',
        });
        const list = await t.post(
          `/api/v1/${prefix}.setCustomFields`,
          { roomId: room._id, customFields: ['x'] },
          owner,
        );
        assert.equal(json(list).errorType, 'invalid-roomCustomFields-type');
        const refused = await t.post(
          `/api/v1/${prefix}.setCustomFields`,
          { roomId: room._id, customFields: {} },
          bob,
        );
        assert.equal(json(refused).errorType, 'error-action-not-allowed');
        const unknown = await t.post(
          `/api/v1/${prefix}.setCustomFields`,
          { roomId: 'nope', customFields: {} },
          owner,
        );
        assert.equal(json(unknown).errorType, 'error-room-not-found');
      });
    }

    it('channels.setJoinCode makes channels.join ask for the code (join-without-join-code excepted)', async () => {
      const club = await createRoomAs(t, 'c', { name: 'club' }, owner);
      const refused = await t.post(
        '/api/v1/channels.setJoinCode',
        { roomId: club._id, joinCode: 's3cret' },
        bob,
      );
      assert.equal(json(refused).errorType, 'error-action-not-allowed');
      const missing = await t.post(
        '/api/v1/channels.setJoinCode',
        { roomId: club._id, joinCode: ' ' },
        owner,
      );
      assert.deepEqual(json(missing), { success: false, error: 'The bodyParam "joinCode" is required' });
      const unknown = await t.post('/api/v1/channels.setJoinCode', { roomId: 'nope', joinCode: 'x' }, owner);
      assert.equal(json(unknown).errorType, 'error-room-not-found');

      const set = await t.post(
        '/api/v1/channels.setJoinCode',
        { roomName: 'club', joinCode: 's3cret' },
        owner,
      );
      assert.equal(set.statusCode, 200, set.body);
      const shown = json(set).channel as Record<string, unknown>;
      assert.equal(shown.joinCodeRequired, true);
      assert.equal(shown.joinCode, undefined);
      assert.equal((await t.store.rooms.findById(club._id))?.joinCode, 's3cret');

      await roomIn('bob', club._id);
      const wrong = await t.post('/api/v1/channels.join', { roomId: club._id, joinCode: 'guess' }, bob);
      assert.deepEqual(json(wrong), {
        success: false,
        error: 'Invalid Room Password [error-code-invalid]',
        errorType: 'error-code-invalid',
      });
      const none = await t.post('/api/v1/channels.join', { roomId: club._id }, bob);
      assert.equal(json(none).errorType, 'error-code-invalid');
      assert.equal(await roomIn('bob', club._id), undefined);
      const right = await t.post('/api/v1/channels.join', { roomId: club._id, joinCode: 's3cret' }, bob);
      assert.equal(right.statusCode, 200, right.body);
      assert.equal((await roomIn('bob', club._id))?.name, 'club');
      // Admins hold join-without-join-code.
      assert.equal((await t.post('/api/v1/channels.join', { roomId: club._id }, t.admin)).statusCode, 200);
    });

    it('rooms.adminRooms pages every room by filter and types (view-room-administration)', async () => {
      await createRoomAs(t, 'c', { name: 'alpha' }, owner);
      await createRoomAs(t, 'p', { name: 'alpine' }, owner);
      await createRoomAs(t, 'c', { name: 'beta' }, owner);
      await t.post('/api/v1/im.create', { username: 'bob' }, owner);
      assert.deepEqual(json(await t.get('/api/v1/rooms.adminRooms', owner)), FORBIDDEN_BODY);

      const all = json(await t.get('/api/v1/rooms.adminRooms?count=100', t.admin));
      const names = (all.rooms as { name?: string; t: string }[]).map((room) => room.name ?? `<${room.t}>`);
      // GENERAL is a default channel: `{default: -1, name: 1}` puts it first.
      assert.deepEqual(names, ['general', '<d>', 'alpha', 'alpine', 'beta']);
      assert.equal(all.total, 5);
      const first = (all.rooms as Record<string, unknown>[])[2] ?? {};
      assert.deepEqual(Object.keys(first).sort(), [
        '_id',
        'fname',
        'msgs',
        'name',
        'ro',
        't',
        'ts',
        'u',
        'usersCount',
      ]);

      const alp = json(await t.get('/api/v1/rooms.adminRooms?filter=ALP', t.admin));
      assert.deepEqual(
        (alp.rooms as { name: string }[]).map((r) => r.name),
        ['alpha', 'alpine'],
      );
      const typed = json(await t.get('/api/v1/rooms.adminRooms?filter=alp&types[]=p', t.admin));
      assert.deepEqual(
        (typed.rooms as { name: string }[]).map((r) => r.name),
        ['alpine'],
      );
      const channels = json(await t.get('/api/v1/rooms.adminRooms?types=c&offset=1&count=1', t.admin));
      assert.deepEqual(
        [
          (channels.rooms as { name: string }[]).map((r) => r.name),
          channels.count,
          channels.offset,
          channels.total,
        ],
        [['alpha'], 1, 1, 3],
      );
    });
  });
}
