// groups.create / invite / kick / delete / info over HTTP: private groups and their owner-scoped rules.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { createRoomAs, json, notAllowedBody } from '../helpers/rooms.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { testStores } from '../helpers/test-stores.js';

const GROUP_NOT_FOUND = {
  success: false,
  error: 'The required "roomId" or "roomName" param provided does not match any group [error-room-not-found]',
  errorType: 'error-room-not-found',
};

for (const [storeName, factory] of testStores()) {
  describe(`groups.* (${storeName})`, () => {
    let t: TestApp;
    beforeEach(async () => (t = await startTestApp(factory)));
    afterEach(async () => t.dispose());

    describe('groups.create', () => {
      it('answers the new private group and makes the creator its owner', async () => {
        const alice = await t.createUser({ username: 'alice' });
        const bob = await t.createUser({ username: 'bob' });
        const response = await t.post(
          '/api/v1/groups.create',
          { name: 'inner.circle', members: ['bob'] },
          alice,
        );
        assert.equal(response.statusCode, 200);
        const body = json(response);
        assert.equal(body.success, true);
        const group = body.group as Record<string, unknown>;
        assert.equal(group.t, 'p');
        assert.equal(group.name, 'inner.circle');
        assert.equal(group.fname, 'inner.circle');
        assert.equal(group.usersCount, 2);
        assert.equal(group.ro, false);
        assert.deepEqual(group.u, { _id: alice.userId, username: 'alice', name: 'Name of alice' });
        const own = await t.store.subscriptions.find(group._id as string, alice.userId);
        assert.deepEqual(own?.roles, ['owner']);
        assert.equal(own?.t, 'p');
        const bobs = await t.store.subscriptions.find(group._id as string, bob.userId);
        assert.equal(bobs?.name, 'inner.circle');
        assert.equal(bobs?.roles, undefined);
      });

      it('answers 400 "Not allowed" naming createPrivateGroup for a user without create-p', async () => {
        const guest = await t.createUser({ username: 'guest1', roles: ['guest'] });
        const response = await t.post('/api/v1/groups.create', { name: 'nope' }, guest);
        assert.equal(response.statusCode, 400);
        assert.deepEqual(json(response), notAllowedBody('createPrivateGroup'));
      });

      it('answers 400 error-duplicate-channel-name for the name of an existing channel', async () => {
        await createRoomAs(t, 'c', { name: 'shared' });
        const response = await t.post('/api/v1/groups.create', { name: 'shared' });
        assert.equal(response.statusCode, 400);
        assert.equal(json(response).errorType, 'error-duplicate-channel-name');
      });

      it('answers 400 error-invalid-room-name for the blocked name "system"', async () => {
        const response = await t.post('/api/v1/groups.create', { name: 'System' });
        assert.equal(response.statusCode, 400);
        assert.equal(json(response).error, 'System is not a valid room name. [error-invalid-room-name]');
      });
    });

    describe('groups.invite', () => {
      it('lets the group owner invite by username and answers the group with the new count', async () => {
        const owner = await t.createUser({ username: 'owner' });
        const carol = await t.createUser({ username: 'carol' });
        const group = await createRoomAs(t, 'p', { name: 'g1' }, owner);
        const response = await t.post(
          '/api/v1/groups.invite',
          { roomId: group._id, username: 'carol' },
          owner,
        );
        assert.equal(response.statusCode, 200);
        assert.equal((json(response).group as Record<string, unknown>).usersCount, 2);
        assert.equal((await t.store.subscriptions.find(group._id, carol.userId))?.t, 'p');
      });

      it('answers "not found" to a user outside the group without add-user-to-any-p-room (F16: no existence oracle)', async () => {
        const outsider = await t.createUser({ username: 'outsider' });
        const group = await createRoomAs(t, 'p', { name: 'g1' });
        const response = await t.post(
          '/api/v1/groups.invite',
          { roomId: group._id, userId: outsider.userId },
          outsider,
        );
        assert.equal(response.statusCode, 400);
        assert.deepEqual(json(response), GROUP_NOT_FOUND);
        assert.equal(await t.store.subscriptions.find(group._id, outsider.userId), null);
      });

      it('answers 400 error-empty-invite-list for an unknown user', async () => {
        const group = await createRoomAs(t, 'p', { name: 'g1' });
        const response = await t.post('/api/v1/groups.invite', { roomId: group._id, userId: 'ghost' });
        assert.equal(response.statusCode, 400);
        assert.deepEqual(json(response), {
          success: false,
          error: 'Cannot invite if no valid users are provided [error-empty-invite-list]',
          errorType: 'error-empty-invite-list',
        });
      });

      it('answers 400 "does not match any group" for a public channel', async () => {
        const carol = await t.createUser({ username: 'carol' });
        const channel = await createRoomAs(t, 'c', { name: 'open' });
        const response = await t.post('/api/v1/groups.invite', { roomId: channel._id, userId: carol.userId });
        assert.equal(response.statusCode, 400);
        assert.deepEqual(json(response), GROUP_NOT_FOUND);
      });
    });

    describe('groups.kick', () => {
      it('lets the owner remove a member, answering a bare success', async () => {
        const owner = await t.createUser({ username: 'owner' });
        const dave = await t.createUser({ username: 'dave' });
        const group = await createRoomAs(t, 'p', { name: 'g1', members: ['dave'] }, owner);
        const response = await t.post(
          '/api/v1/groups.kick',
          { roomId: group._id, userId: dave.userId },
          owner,
        );
        assert.equal(response.statusCode, 200);
        assert.equal(response.body, '{"success":true}');
        assert.equal(await t.store.subscriptions.find(group._id, dave.userId), null);
        assert.equal((await t.store.rooms.findById(group._id))?.usersCount, 1);
      });

      it('answers 400 error-user-not-in-room for a user who is not a member', async () => {
        const owner = await t.createUser({ username: 'owner' });
        const erin = await t.createUser({ username: 'erin' });
        const group = await createRoomAs(t, 'p', { name: 'g1' }, owner);
        const response = await t.post(
          '/api/v1/groups.kick',
          { roomId: group._id, userId: erin.userId },
          owner,
        );
        assert.equal(response.statusCode, 400);
        assert.equal(json(response).error, 'User is not in this room [error-user-not-in-room]');
      });

      it('lets a holder of kick-user-from-any-p-room "kick" a non-member: 200, count unchanged, an ru message', async () => {
        // removeUserFromRoomMethod: with kick-user-from-any-p-room there is no membership check on the target.
        const owner = await t.createUser({ username: 'owner' });
        await t.createUser({ username: 'erin' });
        const group = await createRoomAs(t, 'p', { name: 'g1' }, owner);
        const grant = await t.post('/api/v1/permissions.update', {
          permissions: [{ _id: 'kick-user-from-any-p-room', roles: ['admin'] }],
        });
        assert.equal(grant.statusCode, 200);
        const response = await t.post('/api/v1/groups.kick', { roomId: group._id, username: 'ERIN' });
        assert.equal(response.statusCode, 200);
        assert.equal(response.body, '{"success":true}');
        assert.equal((await t.store.rooms.findById(group._id))?.usersCount, 1);
        assert.equal((await t.store.subscriptions.listOfRoom(group._id)).length, 1);
        const { messages } = await t.store.messages.list({ rid: group._id, offset: 0, count: 0 });
        assert.ok(messages.some((m) => m.t === 'ru' && m.msg === 'erin'));
      });

      it('answers 400 "Not allowed" to a plain member, and 400 "any group" to an admin who is not in the group', async () => {
        const owner = await t.createUser({ username: 'owner' });
        const member = await t.createUser({ username: 'member' });
        const group = await createRoomAs(t, 'p', { name: 'g1', members: ['member'] }, owner);
        const byMember = await t.post(
          '/api/v1/groups.kick',
          { roomId: group._id, userId: owner.userId },
          member,
        );
        assert.equal(byMember.statusCode, 400);
        assert.deepEqual(json(byMember), notAllowedBody('removeUserFromRoom'));
        const byAdmin = await t.post('/api/v1/groups.kick', { roomId: group._id, userId: member.userId });
        assert.equal(byAdmin.statusCode, 400);
        assert.deepEqual(json(byAdmin), GROUP_NOT_FOUND);
        assert.equal((await t.store.subscriptions.listOfRoom(group._id)).length, 2);
      });
    });

    describe('groups.delete', () => {
      it("lets the owner delete the group, removing every member's subscription", async () => {
        const owner = await t.createUser({ username: 'owner' });
        const frank = await t.createUser({ username: 'frank' });
        const group = await createRoomAs(t, 'p', { name: 'g1', members: ['frank'] }, owner);
        const response = await t.post('/api/v1/groups.delete', { roomName: 'g1' }, owner);
        assert.equal(response.statusCode, 200);
        assert.equal(response.body, '{"success":true}');
        assert.equal(await t.store.rooms.findById(group._id), null);
        assert.deepEqual(await t.store.subscriptions.listOfUser(owner.userId), []);
        assert.deepEqual(await t.store.subscriptions.listOfUser(frank.userId), []);
      });

      it('answers 400 "Not allowed" (eraseRoom) to a member who is not an owner, and "any group" to a non-member', async () => {
        const member = await t.createUser({ username: 'member' });
        const outsider = await t.createUser({ username: 'outsider' });
        const group = await createRoomAs(t, 'p', { name: 'g1', members: ['member'] });
        const byMember = await t.post('/api/v1/groups.delete', { roomId: group._id }, member);
        assert.equal(byMember.statusCode, 400);
        assert.deepEqual(json(byMember), notAllowedBody('eraseRoom'));
        const byOutsider = await t.post('/api/v1/groups.delete', { roomId: group._id }, outsider);
        assert.equal(byOutsider.statusCode, 400);
        assert.deepEqual(json(byOutsider), GROUP_NOT_FOUND);
        assert.ok(await t.store.rooms.findById(group._id));
      });

      it('answers 400 error-room-param-not-provided without roomId or roomName', async () => {
        const response = await t.post('/api/v1/groups.delete', {});
        assert.equal(response.statusCode, 400);
        assert.deepEqual(json(response), {
          success: false,
          error: 'The parameter "roomId" or "roomName" is required [error-room-param-not-provided]',
          errorType: 'error-room-param-not-provided',
        });
      });
    });

    describe('groups.info', () => {
      it('answers the group to a member and "any group" to anyone else', async () => {
        const outsider = await t.createUser({ username: 'outsider' });
        const group = await createRoomAs(t, 'p', { name: 'g1' });
        const byMember = await t.get(`/api/v1/groups.info?roomId=${group._id}`);
        assert.equal(byMember.statusCode, 200);
        assert.deepEqual(json(byMember), { group, success: true });
        const byOutsider = await t.get(`/api/v1/groups.info?roomId=${group._id}`, outsider);
        assert.equal(byOutsider.statusCode, 400);
        assert.deepEqual(json(byOutsider), GROUP_NOT_FOUND);
      });
    });
  });
}
