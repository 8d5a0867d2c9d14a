// channels.invite / kick / delete / info over HTTP: memberships, owner rights and Rocket.Chat's errors.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { createRoomAs, json, notAllowedBody } from '../helpers/rooms.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { testStores } from '../helpers/test-stores.js';

for (const [storeName, factory] of testStores()) {
  describe(`channels membership (${storeName})`, () => {
    let t: TestApp;
    beforeEach(async () => (t = await startTestApp(factory)));
    afterEach(async () => t.dispose());

    describe('channels.invite', () => {
      it('lets the channel owner invite a user by userId and counts the new member', async () => {
        const owner = await t.createUser({ username: 'owner' });
        const carol = await t.createUser({ username: 'carol' });
        const channel = await createRoomAs(t, 'c', { name: 'club' }, owner);
        const response = await t.post(
          '/api/v1/channels.invite',
          { roomId: channel._id, userId: carol.userId },
          owner,
        );
        assert.equal(response.statusCode, 200);
        const body = json(response);
        assert.equal(body.success, true);
        assert.equal((body.channel as Record<string, unknown>).usersCount, 2);
        const subscription = await t.store.subscriptions.find(channel._id, carol.userId);
        assert.equal(subscription?.name, 'club');
        assert.equal(subscription?.t, 'c');
        assert.equal(subscription?.unread, 0);
        assert.equal(subscription?.roles, undefined);
      });

      it('accepts roomName and username, and leaves an existing member as is', async () => {
        const carol = await t.createUser({ username: 'carol' });
        await createRoomAs(t, 'c', { name: 'club', members: ['carol'] });
        const response = await t.post('/api/v1/channels.invite', { roomName: 'club', username: 'carol' });
        assert.equal(response.statusCode, 200);
        assert.equal((json(response).channel as Record<string, unknown>).usersCount, 2);
        assert.equal((await t.store.subscriptions.listOfUser(carol.userId)).length, 1);
      });

      it('matches usernames ignoring case (getUserListFromParams, findByUsernamesIgnoringCase)', async () => {
        const carol = await t.createUser({ username: 'carol' });
        const channel = await createRoomAs(t, 'c', { name: 'club' });
        const response = await t.post('/api/v1/channels.invite', { roomId: channel._id, username: 'CAROL' });
        assert.equal(response.statusCode, 200);
        assert.ok(await t.store.subscriptions.find(channel._id, carol.userId));
      });

      it('lets an admin invite into a channel they are not in (add-user-to-any-c-room)', async () => {
        const owner = await t.createUser({ username: 'owner' });
        const carol = await t.createUser({ username: 'carol' });
        const channel = await createRoomAs(t, 'c', { name: 'club' }, owner);
        const response = await t.post('/api/v1/channels.invite', {
          roomId: channel._id,
          userId: carol.userId,
        });
        assert.equal(response.statusCode, 200);
        assert.ok(await t.store.subscriptions.find(channel._id, carol.userId));
      });

      it('answers 400 "Not allowed" (addUsersToRoom) to a plain member, who holds no add-user permission in the room', async () => {
        const member = await t.createUser({ username: 'member' });
        const carol = await t.createUser({ username: 'carol' });
        const channel = await createRoomAs(t, 'c', { name: 'club', members: ['member'] });
        const response = await t.post(
          '/api/v1/channels.invite',
          { roomId: channel._id, userId: carol.userId },
          member,
        );
        assert.equal(response.statusCode, 400);
        assert.deepEqual(json(response), notAllowedBody('addUsersToRoom'));
        assert.equal(await t.store.subscriptions.find(channel._id, carol.userId), null);
      });

      it("answers Rocket.Chat's 400 invalid-user-invite-list for an unknown user", async () => {
        const channel = await createRoomAs(t, 'c', { name: 'club' });
        const response = await t.post('/api/v1/channels.invite', {
          roomId: channel._id,
          userId: 'no-such-user',
        });
        assert.equal(response.statusCode, 400);
        assert.deepEqual(json(response), {
          success: false,
          error: 'invalid-user-invite-list',
          errorType: 'Cannot invite if no users are provided',
        });
      });

      it('answers 400 error-room-not-found for an unknown room or a private group', async () => {
        const carol = await t.createUser({ username: 'carol' });
        const group = await createRoomAs(t, 'p', { name: 'hidden' });
        for (const roomId of ['no-such-room', group._id]) {
          const response = await t.post('/api/v1/channels.invite', { roomId, userId: carol.userId });
          assert.equal(response.statusCode, 400);
          assert.deepEqual(json(response), {
            success: false,
            error:
              'The required "roomId" or "roomName" param provided does not match any channel [error-room-not-found]',
            errorType: 'error-room-not-found',
          });
        }
      });

      it('answers 400 error-roomid-param-not-provided without roomId or roomName', async () => {
        const response = await t.post('/api/v1/channels.invite', { userId: 'x' });
        assert.equal(response.statusCode, 400);
        assert.equal(json(response).errorType, 'error-roomid-param-not-provided');
      });
    });

    describe('channels.kick', () => {
      it('lets the owner remove a member and answers the channel with one user fewer', async () => {
        const owner = await t.createUser({ username: 'owner' });
        const dave = await t.createUser({ username: 'dave' });
        const channel = await createRoomAs(t, 'c', { name: 'club', members: ['dave'] }, owner);
        const response = await t.post(
          '/api/v1/channels.kick',
          { roomId: channel._id, userId: dave.userId },
          owner,
        );
        assert.equal(response.statusCode, 200);
        assert.equal((json(response).channel as Record<string, unknown>).usersCount, 1);
        assert.deepEqual(await t.store.subscriptions.listOfUser(dave.userId), []);
      });

      it('answers 400 error-user-not-in-room to an owner kicking a user who is not a member', async () => {
        const owner = await t.createUser({ username: 'owner' });
        const erin = await t.createUser({ username: 'erin' });
        const channel = await createRoomAs(t, 'c', { name: 'club' }, owner);
        const response = await t.post(
          '/api/v1/channels.kick',
          { roomId: channel._id, userId: erin.userId },
          owner,
        );
        assert.equal(response.statusCode, 400);
        assert.deepEqual(json(response), {
          success: false,
          error: 'User is not in this room [error-user-not-in-room]',
          errorType: 'error-user-not-in-room',
        });
      });

      it('lets a holder of kick-user-from-any-c-room "kick" a non-member: 200, count unchanged, an ru message', async () => {
        // removeUserFromRoomMethod skips the membership check when the caller may kick from any channel.
        const erin = await t.createUser({ username: 'erin' });
        const channel = await createRoomAs(t, 'c', { name: 'club' });
        const before = (await t.store.rooms.findById(channel._id))?.usersCount;
        const response = await t.post('/api/v1/channels.kick', { roomId: channel._id, userId: erin.userId });
        assert.equal(response.statusCode, 200);
        assert.equal((json(response).channel as Record<string, unknown>).usersCount, before);
        assert.equal((await t.store.rooms.findById(channel._id))?.usersCount, before);
        assert.equal(await t.store.subscriptions.find(channel._id, erin.userId), null);
        const { messages } = await t.store.messages.list({ rid: channel._id, offset: 0, count: 0 });
        assert.ok(messages.some((m) => m.t === 'ru' && m.msg === 'erin'));
      });

      it('matches the username ignoring case (getUserFromParams, findOneByUsernameIgnoringCase)', async () => {
        const owner = await t.createUser({ username: 'owner' });
        const dave = await t.createUser({ username: 'dave' });
        const channel = await createRoomAs(t, 'c', { name: 'club', members: ['dave'] }, owner);
        const response = await t.post(
          '/api/v1/channels.kick',
          { roomId: channel._id, username: 'DaVe' },
          owner,
        );
        assert.equal(response.statusCode, 200);
        assert.equal(await t.store.subscriptions.find(channel._id, dave.userId), null);
      });

      it('answers 400 error-invalid-user for an unknown user', async () => {
        const channel = await createRoomAs(t, 'c', { name: 'club' });
        const response = await t.post('/api/v1/channels.kick', { roomId: channel._id, userId: 'ghost' });
        assert.equal(response.statusCode, 400);
        assert.deepEqual(json(response), {
          success: false,
          error:
            'The required "userId" or "username" param provided does not match any users [error-invalid-user]',
          errorType: 'error-invalid-user',
        });
      });

      it('answers 400 "Not allowed" (removeUserFromRoom) to a plain member trying to kick another member', async () => {
        const member = await t.createUser({ username: 'member' });
        const dave = await t.createUser({ username: 'dave' });
        const channel = await createRoomAs(t, 'c', { name: 'club', members: ['member', 'dave'] });
        const response = await t.post(
          '/api/v1/channels.kick',
          { roomId: channel._id, userId: dave.userId },
          member,
        );
        assert.equal(response.statusCode, 400);
        assert.deepEqual(json(response), notAllowedBody('removeUserFromRoom'));
        assert.ok(await t.store.subscriptions.find(channel._id, dave.userId));
      });

      it('answers 400 error-you-are-last-owner when kicking the only owner', async () => {
        const owner = await t.createUser({ username: 'owner' });
        const channel = await createRoomAs(t, 'c', { name: 'club' }, owner);
        const response = await t.post('/api/v1/channels.kick', { roomId: channel._id, userId: owner.userId });
        assert.equal(response.statusCode, 400);
        assert.equal(json(response).errorType, 'error-you-are-last-owner');
      });
    });

    it('counts a room role on the subscription: a moderator may invite and kick, but not delete', async () => {
      const moderator = await t.createUser({ username: 'moderator' });
      const dave = await t.createUser({ username: 'dave' });
      const erin = await t.createUser({ username: 'erin' });
      const channel = await createRoomAs(t, 'c', { name: 'club', members: ['moderator', 'dave'] });
      await t.store.subscriptions.update(channel._id, moderator.userId, (s) => ({
        ...s,
        roles: ['moderator'],
      }));
      const invite = await t.post(
        '/api/v1/channels.invite',
        { roomId: channel._id, userId: erin.userId },
        moderator,
      );
      assert.equal(invite.statusCode, 200);
      const kick = await t.post(
        '/api/v1/channels.kick',
        { roomId: channel._id, userId: dave.userId },
        moderator,
      );
      assert.equal(kick.statusCode, 200);
      assert.equal((json(kick).channel as Record<string, unknown>).usersCount, 3);
      const remove = await t.post('/api/v1/channels.delete', { roomId: channel._id }, moderator);
      assert.equal(remove.statusCode, 400);
      assert.deepEqual(json(remove), notAllowedBody('eraseRoom'));
      assert.ok(await t.store.rooms.findById(channel._id));
    });

    describe('channels.delete', () => {
      it("lets the owner delete the channel, removing every member's subscription", async () => {
        const owner = await t.createUser({ username: 'owner' });
        const frank = await t.createUser({ username: 'frank' });
        const gina = await t.createUser({ username: 'gina' });
        const channel = await createRoomAs(t, 'c', { name: 'doomed', members: ['frank', 'gina'] }, owner);
        const response = await t.post('/api/v1/channels.delete', { roomId: channel._id }, owner);
        assert.equal(response.statusCode, 200);
        assert.equal(response.body, '{"success":true}');
        assert.equal(await t.store.rooms.findById(channel._id), null);
        for (const user of [owner, frank, gina]) {
          assert.deepEqual(await t.store.subscriptions.listOfUser(user.userId), []);
        }
        assert.equal(
          (await t.post('/api/v1/channels.create', { name: 'doomed' })).statusCode,
          200,
          'name freed',
        );
      });

      it('answers 400 "Not allowed" (eraseRoom) to a member who is not an owner and keeps the channel', async () => {
        const member = await t.createUser({ username: 'member' });
        const channel = await createRoomAs(t, 'c', { name: 'kept', members: ['member'] });
        const response = await t.post('/api/v1/channels.delete', { roomName: 'kept' }, member);
        assert.equal(response.statusCode, 400);
        assert.deepEqual(json(response), notAllowedBody('eraseRoom'));
        assert.ok(await t.store.rooms.findById(channel._id));
      });
    });

    describe('channels.info', () => {
      it('answers the channel by roomName', async () => {
        const channel = await createRoomAs(t, 'c', { name: 'lobby' });
        const response = await t.get('/api/v1/channels.info?roomName=lobby');
        assert.equal(response.statusCode, 200);
        assert.deepEqual(json(response), { channel, success: true });
      });
    });
  });
}
