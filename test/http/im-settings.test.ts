// im.delete and im.setTopic over HTTP: Rocket.Chat's delete-d and edit-room rules for direct messages, and the
// deleted room gone from users.info?includeUserRooms=true (cached).
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { createRoomAs, json } from '../helpers/rooms.js';
import type { Credentials, TestApp } from '../helpers/test-app.js';
import { testStores } from '../helpers/test-stores.js';
import { startUsersInfoApp, userOf, usersInfo } from './users-info/fixtures.js';

type RoomEntry = { rid: string; t: string };

for (const [storeName, factory] of testStores()) {
  describe(`im.delete / im.setTopic (${storeName})`, () => {
    let t: TestApp;
    let alice: Credentials;
    let bob: Credentials;
    let rid: string;
    beforeEach(async () => {
      t = await startUsersInfoApp(factory);
      alice = await t.createUser({ username: 'alice' });
      bob = await t.createUser({ username: 'bob' });
      rid = (json(await t.post('/api/v1/im.create', { username: 'bob' }, alice)).room as { rid: string }).rid;
    });
    afterEach(async () => t.dispose());

    const ridsOf = async (username: string): Promise<string[]> =>
      (userOf(await usersInfo(t, `username=${username}&includeUserRooms=true`)).rooms as RoomEntry[]).map(
        (room) => room.rid,
      );

    it('im.delete needs delete-d (admins): the room and both subscriptions go, users.info drops it', async () => {
      assert.ok((await ridsOf('bob')).includes(rid));
      const refused = await t.post('/api/v1/im.delete', { roomId: rid }, alice);
      assert.deepEqual(json(refused), {
        success: false,
        error: 'Not allowed [error-not-allowed]',
        errorType: 'error-not-allowed',
      });
      assert.ok(await t.store.rooms.findById(rid));

      // An admin outside the room may delete it (view-room-administration lets findDirectMessageRoom through).
      const deleted = await t.post('/api/v1/im.delete', { roomId: rid }, t.admin);
      assert.deepEqual(json(deleted), { success: true });
      assert.equal(await t.store.rooms.findById(rid), null);
      assert.equal(await t.store.subscriptions.find(rid, bob.userId), null);
      assert.ok(!(await ridsOf('bob')).includes(rid));
      assert.ok(!(await ridsOf('alice')).includes(rid));

      const again = await t.post('/api/v1/im.delete', { roomId: rid }, t.admin);
      assert.equal(json(again).errorType, 'error-room-not-found');
    });

    it('im.delete by username, with delete-d granted to users; not-found and validation', async () => {
      await t.store.permissions.saveMany([{ _id: 'delete-d', roles: ['admin', 'user'] }]);
      const carol = await t.createUser({ username: 'carol' });
      const outsider = await t.post('/api/v1/dm.delete', { roomId: rid }, carol);
      assert.equal(json(outsider).errorType, 'error-not-allowed');
      const missing = await t.post('/api/v1/im.delete', {}, alice);
      assert.equal(missing.statusCode, 400);
      assert.equal(json(missing).errorType, 'invalid-params');
      const club = await createRoomAs(t, 'c', { name: 'club' }, alice);
      const notDirect = await t.post('/api/v1/im.delete', { roomId: club._id }, alice);
      assert.equal(json(notDirect).errorType, 'error-room-not-found');

      assert.deepEqual(json(await t.post('/api/v1/im.delete', { username: 'bob' }, alice)), {
        success: true,
      });
      assert.equal(await t.store.rooms.findById(rid), null);
      assert.ok(!(await ridsOf('bob')).includes(rid));
    });

    it('im.setTopic needs edit-room in the room: refused to members, written for an admin member', async () => {
      const refused = await t.post('/api/v1/im.setTopic', { roomId: rid, topic: 'Plans' }, alice);
      assert.deepEqual(json(refused), {
        success: false,
        error: 'Editing room is not allowed [error-action-not-allowed]',
        errorType: 'error-action-not-allowed',
      });
      const outsider = await t.post('/api/v1/im.setTopic', { roomId: rid, topic: 'x' }, t.admin);
      assert.equal(outsider.statusCode, 403);
      assert.equal((await t.post('/api/v1/im.setTopic', { roomId: 'nope' }, alice)).statusCode, 403);
      const missing = await t.post('/api/v1/im.setTopic', { topic: 'x' }, alice);
      assert.equal(json(missing).errorType, 'invalid-params');

      const adminRid = (
        json(await t.post('/api/v1/im.create', { username: 'bob' }, t.admin)).room as { rid: string }
      ).rid;
      const set = await t.post('/api/v1/dm.setTopic', { roomId: adminRid, topic: 'Plans' }, t.admin);
      assert.deepEqual(json(set), { topic: 'Plans', success: true });
      assert.equal((await t.store.rooms.findById(adminRid))?.topic, 'Plans');
      const cleared = await t.post('/api/v1/im.setTopic', { roomId: adminRid, topic: null }, t.admin);
      assert.deepEqual(json(cleared), { success: true });
      assert.equal((await t.store.rooms.findById(adminRid))?.topic, '');
      const club = await createRoomAs(t, 'c', { name: 'club' }, alice);
      const notDirect = await t.post('/api/v1/im.setTopic', { roomId: club._id, topic: 'x' }, alice);
      assert.equal(json(notDirect).errorType, 'error-room-not-found');
    });
  });
}
