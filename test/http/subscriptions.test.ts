// subscriptions.read over HTTP: the caller's unread state in a room is cleared, nobody else's.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { createRoomAs, json } from '../helpers/rooms.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { testStores } from '../helpers/test-stores.js';

for (const [storeName, factory] of testStores()) {
  describe(`subscriptions.read (${storeName})`, () => {
    let t: TestApp;
    beforeEach(async () => (t = await startTestApp(factory)));
    afterEach(async () => t.dispose());

    it("sets the caller's unread to 0 and clears alert and mentions, leaving other members' unread", async () => {
      const alice = await t.createUser({ username: 'alice' });
      const bob = await t.createUser({ username: 'bob' });
      const channel = await createRoomAs(t, 'c', { name: 'busy', members: ['bob'] }, alice);
      for (const user of [alice, bob]) {
        await t.store.subscriptions.update(channel._id, user.userId, (s) => ({
          ...s,
          unread: 7,
          alert: true,
          userMentions: 2,
        }));
      }
      const response = await t.post('/api/v1/subscriptions.read', { rid: channel._id }, alice);
      assert.equal(response.statusCode, 200);
      assert.equal(response.body, '{"success":true}');
      const mine = await t.store.subscriptions.find(channel._id, alice.userId);
      assert.equal(mine?.unread, 0);
      assert.equal(mine?.alert, false);
      assert.equal(mine?.userMentions, 0);
      assert.equal((await t.store.subscriptions.find(channel._id, bob.userId))?.unread, 7);
    });

    it('accepts roomId in place of rid', async () => {
      const group = await createRoomAs(t, 'p', { name: 'g1' });
      await t.store.subscriptions.update(group._id, t.admin.userId, (s) => ({ ...s, unread: 3 }));
      const response = await t.post('/api/v1/subscriptions.read', { roomId: group._id });
      assert.equal(response.statusCode, 200);
      assert.equal((await t.store.subscriptions.find(group._id, t.admin.userId))?.unread, 0);
    });

    it('answers 400 error-room-does-not-exist for an unknown room', async () => {
      const response = await t.post('/api/v1/subscriptions.read', { rid: 'no-such-room' });
      assert.equal(response.statusCode, 400);
      assert.deepEqual(json(response), {
        success: false,
        error: 'This room does not exist [error-room-does-not-exist]',
        errorType: 'error-room-does-not-exist',
      });
    });

    it('answers 400 error-not-allowed for a private group the caller is not in', async () => {
      const outsider = await t.createUser({ username: 'outsider' });
      const group = await createRoomAs(t, 'p', { name: 'g1' });
      const response = await t.post('/api/v1/subscriptions.read', { rid: group._id }, outsider);
      assert.equal(response.statusCode, 400);
      assert.deepEqual(json(response), {
        success: false,
        error: 'Not allowed [error-not-allowed]',
        errorType: 'error-not-allowed',
      });
    });

    it('answers 400 invalid-params without rid or roomId', async () => {
      const response = await t.post('/api/v1/subscriptions.read', {});
      assert.equal(response.statusCode, 400);
      assert.equal(json(response).errorType, 'invalid-params');
    });
  });
}
