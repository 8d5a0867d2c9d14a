// channels./groups./im.history, im.messages, chat.delete and subscriptions.unread over HTTP, with the system
// messages the room operations write, on both stores.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { MessageDoc } from '../../src/core/documents.js';
import { createRoomAs, json } from '../helpers/rooms.js';
import type { Credentials, TestApp } from '../helpers/test-app.js';
import { startTestApp } from '../helpers/test-app.js';
import { testStores } from '../helpers/test-stores.js';

for (const [storeName, factory] of testStores()) {
  describe(`room history (${storeName})`, () => {
    let t: TestApp;
    let now: number;
    let bob: Credentials;
    beforeEach(async () => {
      now = Date.now();
      // Each call a millisecond later, so messages have distinct timestamps.
      t = await startTestApp(factory, { clock: () => new Date((now += 1)) });
      bob = await t.createUser({ username: 'bob' });
    });
    afterEach(async () => t.dispose());

    const post = async (rid: string, text: string, as: Credentials = t.admin): Promise<MessageDoc> => {
      const response = await t.post('/api/v1/chat.postMessage', { roomId: rid, text }, as);
      assert.equal(response.statusCode, 200, response.body);
      return json(response).message as MessageDoc;
    };
    const history = async (path: string, query: string, as: Credentials = t.admin) => {
      const response = await t.get(`/api/v1/${path}?${query}`, as);
      return { status: response.statusCode, body: json(response) };
    };
    const shape = (messages: unknown) => (messages as MessageDoc[]).map((m) => [m.t ?? 'msg', m.msg]);

    it('channels.history lists messages and system messages newest first, paged', async () => {
      const channel = await createRoomAs(t, 'c', { name: 'storied' });
      await t.post('/api/v1/channels.invite', { roomId: channel._id, username: 'bob' });
      await post(channel._id, 'first');
      await t.post('/api/v1/channels.addModerator', { roomId: channel._id, userId: bob.userId });
      await t.post('/api/v1/channels.rename', { roomId: channel._id, name: 'renamed-story' });
      await post(channel._id, 'second', bob);
      await t.post('/api/v1/channels.leave', { roomId: channel._id }, bob);
      const all = await history('channels.history', `roomId=${channel._id}`);
      assert.equal(all.status, 200);
      assert.deepEqual(shape(all.body.messages), [
        ['ul', 'bob'],
        ['msg', 'second'],
        ['r', 'renamed-story'],
        ['subscription-role-added', 'bob'],
        ['msg', 'first'],
        ['au', 'bob'],
      ]);
      const role = (all.body.messages as MessageDoc[])[3];
      assert.equal(role?.role, 'moderator');
      assert.equal(role?.u.username, 'admin');
      const page = await history('channels.history', `roomName=renamed-story&count=2&offset=1`);
      assert.deepEqual(shape(page.body.messages), [
        ['msg', 'second'],
        ['r', 'renamed-story'],
      ]);
    });

    it('bounds by latest / oldest (exclusive unless inclusive) and reports unreads after oldest', async () => {
      const group = await createRoomAs(t, 'p', { name: 'timeline' });
      const a = await post(group._id, 'a');
      const b = await post(group._id, 'b');
      const c = await post(group._id, 'c');
      const between = await history('groups.history', `roomId=${group._id}&oldest=${a.ts}&latest=${c.ts}`);
      assert.deepEqual(shape(between.body.messages), [['msg', 'b']]);
      const inclusive = await history(
        'groups.history',
        `roomId=${group._id}&oldest=${a.ts}&latest=${c.ts}&inclusive=true`,
      );
      assert.deepEqual(shape(inclusive.body.messages), [
        ['msg', 'c'],
        ['msg', 'b'],
        ['msg', 'a'],
      ]);
      const unreads = await history(
        'groups.history',
        `roomId=${group._id}&oldest=${a.ts}&count=1&unreads=true`,
      );
      assert.deepEqual(shape(unreads.body.messages), [['msg', 'c']]);
      assert.equal((unreads.body.firstUnread as MessageDoc)._id, b._id);
      assert.equal(unreads.body.unreadNotLoaded, 1);
      const bad = await history('groups.history', `roomId=${group._id}&latest=not-a-date`);
      assert.equal(bad.status, 400);
      assert.equal(bad.body.errorType, 'error-invalid-date');
    });

    it('answers not-found and permission errors as Rocket.Chat', async () => {
      const group = await createRoomAs(t, 'p', { name: 'hidden-history' });
      const outsider = await history('groups.history', `roomId=${group._id}`, bob);
      assert.equal(outsider.status, 400);
      assert.equal(outsider.body.errorType, 'error-room-not-found');
      const missing = await history('channels.history', 'roomId=no-such-room');
      assert.equal(missing.status, 400);
      assert.equal(missing.body.errorType, 'error-room-not-found');
      const noParam = await history('channels.history', '');
      assert.equal(noParam.body.errorType, 'error-roomid-param-not-provided');
    });

    it('im.history and im.messages read a direct message back; others are refused', async () => {
      const sent = await t.post('/api/v1/chat.postMessage', { channel: '@bob', text: 'one' });
      const rid = (json(sent).message as MessageDoc).rid;
      await post(rid, 'two', bob);
      const im = await history('im.history', `roomId=${rid}`, bob);
      assert.equal(im.status, 200);
      assert.deepEqual(shape(im.body.messages), [
        ['msg', 'two'],
        ['msg', 'one'],
      ]);
      const messages = await history('im.messages', `username=bob&sort=${encodeURIComponent('{"ts":1}')}`);
      assert.equal(messages.status, 200);
      assert.deepEqual(shape(messages.body.messages), [
        ['msg', 'one'],
        ['msg', 'two'],
      ]);
      assert.equal(messages.body.total, 2);
      const carol = await t.createUser({ username: 'carol' });
      const refused = await history('im.history', `roomId=${rid}`, carol);
      assert.equal(refused.status, 400);
      assert.equal(refused.body.errorType, 'error-not-allowed');
    });
  });

  describe(`chat.delete (${storeName})`, () => {
    let t: TestApp;
    beforeEach(async () => (t = await startTestApp(factory)));
    afterEach(async () => t.dispose());

    const post = async (rid: string, text: string, as?: Credentials): Promise<MessageDoc> =>
      json(await t.post('/api/v1/chat.postMessage', { roomId: rid, text }, as)).message as MessageDoc;

    it('deletes an own message, lowers msgs and moves lastMessage back', async () => {
      const bob = await t.createUser({ username: 'bob' });
      const channel = await createRoomAs(t, 'c', { name: 'deletions', members: ['bob'] });
      const first = await post(channel._id, 'keep', bob);
      const second = await post(channel._id, 'oops', bob);
      const response = await t.post('/api/v1/chat.delete', { msgId: second._id, roomId: channel._id }, bob);
      assert.equal(response.statusCode, 200, response.body);
      const body = json(response);
      assert.equal(body._id, second._id);
      assert.deepEqual(body.message, { _id: second._id, rid: channel._id, u: second.u });
      assert.equal(await t.store.messages.findById(second._id), null);
      const room = await t.store.rooms.findById(channel._id);
      assert.equal(room?.msgs, 1);
      assert.equal((room?.lastMessage as MessageDoc)._id, first._id);
    });

    it("refuses another's message without delete-message, allows the room owner, and checks asUser", async () => {
      const bob = await t.createUser({ username: 'bob' });
      const carol = await t.createUser({ username: 'carol' });
      const channel = await createRoomAs(t, 'c', { name: 'moderated', members: ['bob', 'carol'] });
      const message = await post(channel._id, 'mine', bob);
      const refused = await t.post('/api/v1/chat.delete', { msgId: message._id, roomId: channel._id }, carol);
      assert.equal(refused.statusCode, 400);
      assert.deepEqual(json(refused), {
        success: false,
        error: 'Not allowed [error-action-not-allowed]',
        errorType: 'error-action-not-allowed',
      });
      const asUser = await t.post(
        '/api/v1/chat.delete',
        { msgId: message._id, roomId: channel._id, asUser: true },
        carol,
      );
      assert.deepEqual(json(asUser), {
        success: false,
        error:
          'Unauthorized. You must have the permission "force-delete-message" to delete other\'s message as them.',
      });
      const byOwner = await t.post('/api/v1/chat.delete', { msgId: message._id, roomId: channel._id });
      assert.equal(byOwner.statusCode, 200, byOwner.body);
    });

    it('answers not found, a room mismatch and invalid-params', async () => {
      const channel = await createRoomAs(t, 'c', { name: 'mismatch' });
      const message = await post(channel._id, 'here');
      const missing = await t.post('/api/v1/chat.delete', { msgId: 'nope', roomId: channel._id });
      assert.deepEqual(json(missing), { success: false, error: 'No message found with the id of "nope".' });
      const wrongRoom = await t.post('/api/v1/chat.delete', { msgId: message._id, roomId: 'other' });
      assert.deepEqual(json(wrongRoom), {
        success: false,
        error: 'The room id provided does not match where the message is from.',
      });
      const invalid = await t.post('/api/v1/chat.delete', { msgId: message._id });
      assert.equal(json(invalid).errorType, 'invalid-params');
    });
  });

  describe(`subscriptions.unread (${storeName})`, () => {
    let t: TestApp;
    beforeEach(async () => (t = await startTestApp(factory)));
    afterEach(async () => t.dispose());

    it("moves the caller's last-seen mark back to a message and sets alert, by message or by room", async () => {
      const bob = await t.createUser({ username: 'bob' });
      const channel = await createRoomAs(t, 'c', { name: 'unreadable', members: ['bob'] });
      const response = await t.post('/api/v1/chat.postMessage', { roomId: channel._id, text: 'see this' });
      const message = json(response).message as MessageDoc;
      await t.post('/api/v1/subscriptions.read', { rid: channel._id }, bob);
      const marked = await t.post(
        '/api/v1/subscriptions.unread',
        { firstUnreadMessage: { _id: message._id } },
        bob,
      );
      assert.equal(marked.statusCode, 200, marked.body);
      const s = await t.store.subscriptions.find(channel._id, bob.userId);
      assert.equal(s?.ls, message.ts);
      assert.equal(s?.alert, true);
      await t.post('/api/v1/subscriptions.read', { rid: channel._id }, bob);
      const byRoom = await t.post('/api/v1/subscriptions.unread', { roomId: channel._id }, bob);
      assert.equal(byRoom.statusCode, 200);
      assert.equal((await t.store.subscriptions.find(channel._id, bob.userId))?.ls, message.ts);
    });

    it('refuses an own message, an unknown message, a room without messages and an empty body', async () => {
      const channel = await createRoomAs(t, 'c', { name: 'quiet-room' });
      const own = json(await t.post('/api/v1/chat.postMessage', { roomId: channel._id, text: 'mine' }))
        .message as MessageDoc;
      const mine = await t.post('/api/v1/subscriptions.unread', { firstUnreadMessage: { _id: own._id } });
      assert.equal(json(mine).errorType, 'error-action-not-allowed');
      const unknown = await t.post('/api/v1/subscriptions.unread', { firstUnreadMessage: { _id: 'nope' } });
      assert.equal(json(unknown).errorType, 'error-action-not-allowed');
      const empty = await createRoomAs(t, 'c', { name: 'empty-room' });
      const none = await t.post('/api/v1/subscriptions.unread', { roomId: empty._id });
      assert.deepEqual(json(none), {
        success: false,
        error: 'There are no messages to mark unread [error-no-message-for-unread]',
        errorType: 'error-no-message-for-unread',
      });
      const invalid = await t.post('/api/v1/subscriptions.unread', {});
      assert.equal(json(invalid).errorType, 'invalid-params');
    });
  });
}
