// Security review F13, F16, F19, F23 over HTTP: room roles as global roles, private-group and livechat exposure,
// and im.create's excludeSelf, each against what Rocket.Chat 8.5 does.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { createRoomAs, json } from '../helpers/rooms.js';
import { newUserBody } from './admin-fixtures.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { testStores } from '../helpers/test-stores.js';

const INVALID_ROLE = {
  success: false,
  error: 'The field Roles consist invalid role id [error-action-not-allowed]',
  errorType: 'error-action-not-allowed',
};

for (const [storeName, factory] of testStores()) {
  describe(`room and role exposure (${storeName})`, () => {
    let t: TestApp;
    beforeEach(async () => (t = await startTestApp(factory)));
    afterEach(async () => t.dispose());

    it('F13: users.create and users.update refuse the room roles owner/moderator/leader as global roles', async () => {
      for (const role of ['owner', 'moderator', 'leader']) {
        const created = await t.post('/api/v1/users.create', newUserBody(`c-${role}`, { roles: [role] }));
        assert.equal(created.statusCode, 400, created.body);
        assert.deepEqual(created.json(), INVALID_ROLE);
      }
      const bob = await t.createUser({ username: 'bob' });
      const updated = await t.post('/api/v1/users.update', {
        userId: bob.userId,
        data: { roles: ['user', 'owner'] },
      });
      assert.deepEqual(updated.json(), INVALID_ROLE);
      assert.deepEqual((await t.store.users.findById(bob.userId))?.roles, ['user']);
      const bot = await t.post('/api/v1/users.create', newUserBody('robot', { roles: ['bot'] }));
      assert.equal(bot.statusCode, 200, 'a Users-scoped role is still accepted');
    });

    it('F13: roles.addUserToRole grants a room role only with a roomId (Rocket.Chat scope check)', async () => {
      await t.createUser({ username: 'bob' });
      const response = await t.post('/api/v1/roles.addUserToRole', { roleId: 'owner', username: 'bob' });
      assert.equal(response.statusCode, 400);
      assert.equal(response.json().errorType, 'error-invalid-arguments');
    });

    it('F16: groups.invite and groups.kick answer a non-member the same "not found" for an existing and a missing group', async () => {
      const alice = await t.createUser({ username: 'alice' });
      const mallory = await t.createUser({ username: 'mallory' });
      await createRoomAs(t, 'p', { name: 'alice-secret' }, alice);
      const calls = [
        ['/api/v1/groups.invite', { roomName: 'alice-secret', username: 'mallory' }],
        ['/api/v1/groups.invite', { roomName: 'no-such-group', username: 'mallory' }],
        ['/api/v1/groups.kick', { roomName: 'alice-secret', username: 'alice' }],
        ['/api/v1/groups.kick', { roomName: 'no-such-group', username: 'alice' }],
      ] as const;
      const bodies = new Set<string>();
      for (const [url, body] of calls) {
        const response = await t.post(url, body, mallory);
        assert.equal(response.statusCode, 400, url);
        bodies.add(response.body);
      }
      assert.equal(bodies.size, 1, `one answer for all: ${[...bodies].join(' | ')}`);
      assert.equal(json(await t.post(calls[0][0], calls[0][1], mallory)).errorType, 'error-room-not-found');
    });

    it('F19: channels.info never serves an imported livechat room (t:l) nor its visitor token', async () => {
      await t.store.rooms.insert(
        {
          _id: 'LIVE1',
          t: 'l',
          name: 'visitor-42',
          v: { _id: 'vis1', username: 'guest-42', token: 'VISITOR-SECRET' },
        },
        [],
      );
      const plain = await t.createUser({ username: 'plain' });
      for (const query of ['roomId=LIVE1', 'roomName=visitor-42']) {
        const response = await t.get(`/api/v1/channels.info?${query}`, plain);
        assert.equal(response.statusCode, 400);
        assert.equal(response.json().errorType, 'error-room-not-found');
        assert.equal(response.body.includes('VISITOR-SECRET'), false);
      }
    });

    it("F23: im.create with excludeSelf opens a DM between two other users for a create-d holder, as Rocket.Chat's createDirectMessage allows", async () => {
      await t.createUser({ username: 'alice' });
      await t.createUser({ username: 'bob' });
      const mallory = await t.createUser({ username: 'mallory' });
      const response = await t.post(
        '/api/v1/im.create',
        { usernames: 'alice,bob', excludeSelf: true },
        mallory,
      );
      assert.equal(response.statusCode, 200, response.body);
      assert.deepEqual(response.json().room.usernames, ['alice', 'bob']);
    });
  });
}
