// Room roles over HTTP: channels./groups. add/remove Owner, Moderator, Leader and .roles, seen through users.info.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { createRoomAs, json } from '../helpers/rooms.js';
import type { Credentials, TestApp } from '../helpers/test-app.js';
import { testStores } from '../helpers/test-stores.js';
import { startUsersInfoApp, userOf, usersInfo } from './users-info/fixtures.js';

type RoomEntry = { rid: string; roles?: string[] };

for (const [storeName, factory] of testStores()) {
  describe(`room roles (${storeName})`, () => {
    let t: TestApp;
    let owner: Credentials;
    let bob: Credentials;
    beforeEach(async () => {
      t = await startUsersInfoApp(factory);
      owner = await t.createUser({ username: 'owner' });
      bob = await t.createUser({ username: 'bob' });
    });
    afterEach(async () => t.dispose());

    const rolesIn = async (username: string, rid: string): Promise<string[] | undefined> => {
      const rooms = userOf(await usersInfo(t, `username=${username}&includeUserRooms=true`))
        .rooms as RoomEntry[];
      return rooms.find((room) => room.rid === rid)?.roles;
    };

    for (const type of ['c', 'p'] as const) {
      const prefix = type === 'c' ? 'channels' : 'groups';

      it(`${prefix}: owner, moderator and leader come and go, and users.info (cached) follows`, async () => {
        const room = await createRoomAs(t, type, { name: 'club', members: ['bob'] }, owner);
        assert.equal(await rolesIn('bob', room._id), undefined); // users.info now holds bob's rooms
        for (const [call, role] of [
          ['addOwner', 'owner'],
          ['addModerator', 'moderator'],
          ['addLeader', 'leader'],
        ] as const) {
          const response = await t.post(
            `/api/v1/${prefix}.${call}`,
            { roomId: room._id, userId: bob.userId },
            owner,
          );
          assert.equal(response.statusCode, 200, response.body);
          assert.deepEqual(json(response), { success: true });
          assert.ok((await rolesIn('bob', room._id))?.includes(role));
        }
        assert.deepEqual(await rolesIn('bob', room._id), ['owner', 'moderator', 'leader']);

        const roles = await t.get(`/api/v1/${prefix}.roles?roomId=${room._id}`, bob);
        assert.equal(roles.statusCode, 200, roles.body);
        assert.deepEqual(
          (json(roles).roles as { u: { username: string }; roles: string[]; rid: string }[]).map((r) => [
            r.u.username,
            r.roles,
            r.rid,
          ]),
          [
            ['bob', ['owner', 'moderator', 'leader'], room._id],
            ['owner', ['owner'], room._id],
          ],
        );

        for (const call of ['removeModerator', 'removeLeader', 'removeOwner']) {
          const response = await t.post(
            `/api/v1/${prefix}.${call}`,
            { roomName: 'club', username: 'bob' },
            owner,
          );
          assert.equal(response.statusCode, 200, response.body);
        }
        assert.deepEqual(await rolesIn('bob', room._id), []);
      });

      it(`${prefix}: already / not holding a role, a non-member target, the last owner`, async () => {
        const room = await createRoomAs(t, type, { name: 'club', members: ['bob'] }, owner);
        const call = (path: string, body: Record<string, unknown>) =>
          t.post(`/api/v1/${prefix}.${path}`, { roomId: room._id, ...body }, owner);
        const already = await call('addOwner', { userId: owner.userId });
        assert.deepEqual(json(already), {
          success: false,
          error: 'User is already an owner [error-user-already-owner]',
          errorType: 'error-user-already-owner',
        });
        assert.equal(
          json(await call('removeModerator', { userId: bob.userId })).error,
          'User is not a moderator [error-user-not-moderator]',
        );
        assert.equal(
          json(await call('removeLeader', { userId: bob.userId })).errorType,
          'error-user-not-leader',
        );
        await call('addModerator', { userId: bob.userId });
        assert.equal(
          json(await call('addModerator', { userId: bob.userId })).error,
          'User is already a moderator [error-user-already-moderator]',
        );

        const carol = await t.createUser({ username: 'carol' });
        const outsider = await call('addLeader', { userId: carol.userId });
        assert.equal(outsider.statusCode, 400);
        assert.equal(json(outsider).error, 'User is not in this room [error-user-not-in-room]');

        const last = await call('removeOwner', { userId: owner.userId });
        assert.equal(last.statusCode, 400);
        assert.deepEqual(json(last), {
          success: false,
          error:
            'This is the last owner. Please set a new owner before removing this one. [error-remove-last-owner]',
          errorType: 'error-remove-last-owner',
        });
        assert.deepEqual(await rolesIn('owner', room._id), ['owner']);
        // With a second owner, the first may go.
        assert.equal((await call('addOwner', { userId: bob.userId })).statusCode, 200);
        assert.equal((await call('removeOwner', { userId: owner.userId })).statusCode, 200);
        assert.deepEqual(await rolesIn('owner', room._id), []);
      });

      it(`${prefix}: a plain member lacks set-owner / set-moderator / set-leader; an admin has them`, async () => {
        const room = await createRoomAs(t, type, { name: 'club', members: ['bob'] }, owner);
        for (const call of ['addOwner', 'addModerator', 'addLeader', 'removeOwner']) {
          const response = await t.post(
            `/api/v1/${prefix}.${call}`,
            { roomId: room._id, userId: owner.userId },
            bob,
          );
          assert.equal(response.statusCode, 400, call);
          assert.deepEqual(json(response), {
            success: false,
            error: 'Not allowed [error-not-allowed]',
            errorType: 'error-not-allowed',
          });
        }
        if (type === 'c') {
          // The admin is not in the room; set-owner is a global permission of admins.
          const response = await t.post(`/api/v1/${prefix}.addModerator`, {
            roomId: room._id,
            userId: bob.userId,
          });
          assert.equal(response.statusCode, 200, response.body);
          assert.deepEqual(await rolesIn('bob', room._id), ['moderator']);
        }
      });

      it(`${prefix}: validation and not-found`, async () => {
        const room = await createRoomAs(t, type, { name: 'club', members: ['bob'] }, owner);
        const noRoom = await t.post(`/api/v1/${prefix}.addOwner`, { userId: bob.userId }, owner);
        assert.equal(noRoom.statusCode, 400);
        assert.equal(
          json(noRoom).errorType,
          type === 'c' ? 'error-roomid-param-not-provided' : 'error-room-param-not-provided',
        );
        const unknownRoom = await t.post(
          `/api/v1/${prefix}.addOwner`,
          { roomId: 'nope', userId: bob.userId },
          owner,
        );
        assert.equal(json(unknownRoom).errorType, 'error-room-not-found');
        const noUser = await t.post(`/api/v1/${prefix}.addOwner`, { roomId: room._id }, owner);
        assert.equal(json(noUser).errorType, 'error-user-param-not-provided');
        const unknownUser = await t.post(
          `/api/v1/${prefix}.addOwner`,
          { roomId: room._id, userId: 'nobody' },
          owner,
        );
        assert.equal(json(unknownUser).errorType, 'error-invalid-user');
        const rolesNoRoom = await t.get(`/api/v1/${prefix}.roles`, owner);
        assert.equal(rolesNoRoom.statusCode, 400);
        const rolesUnknown = await t.get(`/api/v1/${prefix}.roles?roomId=nope`, owner);
        assert.equal(json(rolesUnknown).errorType, 'error-room-not-found');
      });
    }

    it('groups: to a non-member the group does not exist (roles and addOwner)', async () => {
      const group = await createRoomAs(t, 'p', { name: 'secret' }, owner);
      const roles = await t.get(`/api/v1/groups.roles?roomId=${group._id}`, bob);
      assert.equal(json(roles).errorType, 'error-room-not-found');
      const add = await t.post('/api/v1/groups.addOwner', { roomId: group._id, userId: bob.userId }, bob);
      assert.equal(json(add).errorType, 'error-room-not-found');
    });
  });
}
