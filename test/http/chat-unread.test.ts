// chat.postMessage / chat.sendMessage over HTTP: the message stored, the room's counters, and the other members'
// unread / alert / mentions raised as Rocket.Chat's Unread_Count settings say, visible through users.info.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { SubscriptionDoc } from '../../src/core/documents.js';
import { createRoomAs, json } from '../helpers/rooms.js';
import type { Credentials, TestApp } from '../helpers/test-app.js';
import { testStores } from '../helpers/test-stores.js';
import { startUsersInfoApp, userOf, usersInfo } from './users-info/fixtures.js';

type RoomEntry = { rid: string; unread?: number };

for (const [storeName, factory] of testStores()) {
  describe(`chat.postMessage and unread counts (${storeName})`, () => {
    let t: TestApp;
    let bob: Credentials;
    let carol: Credentials;
    beforeEach(async () => {
      t = await startUsersInfoApp(factory);
      bob = await t.createUser({ username: 'bob', extra: { name: 'Bob' } });
      carol = await t.createUser({ username: 'carol' });
    });
    afterEach(async () => t.dispose());

    const unreadOf = async (username: string, rid: string): Promise<number | undefined> => {
      const rooms = userOf(await usersInfo(t, `username=${username}&includeUserRooms=true`))
        .rooms as RoomEntry[];
      return rooms.find((room) => room.rid === rid)?.unread;
    };
    const subscription = async (rid: string, as: Credentials): Promise<SubscriptionDoc> => {
      const found = await t.store.subscriptions.find(rid, as.userId);
      assert.ok(found);
      return found;
    };
    const post = (body: Record<string, unknown>, as: Credentials = t.admin) =>
      t.post('/api/v1/chat.postMessage', body, as);
    const setSetting = (id: string, value: string) => t.post(`/api/v1/settings/${id}`, { value });

    it('stores the message, moves msgs / lm / lastMessage, and in a channel sets alert but no unread', async () => {
      const channel = await createRoomAs(t, 'c', { name: 'chatter', members: ['bob', 'carol'] });
      assert.equal(await unreadOf('bob', channel._id), 0);
      const response = await post({ roomId: channel._id, text: '  hello there  ' });
      assert.equal(response.statusCode, 200, response.body);
      const body = json(response);
      assert.equal(body.channel, channel._id);
      const message = body.message as Record<string, unknown>;
      assert.equal(message.msg, 'hello there');
      assert.equal(message.rid, channel._id);
      assert.deepEqual(message.u, { _id: t.admin.userId, username: 'admin', name: 'Administrator' });
      assert.deepEqual(message.mentions, []);
      assert.equal(message.alias, '');
      assert.equal(message.groupable, false);
      const room = await t.store.rooms.findById(channel._id);
      assert.equal(room?.msgs, 1);
      assert.equal(room?.lm, message.ts);
      assert.equal((room?.lastMessage as { _id: string })._id, message._id);
      const bobs = await subscription(channel._id, bob);
      assert.equal(bobs.unread, 0);
      assert.equal(bobs.alert, true);
      assert.equal(bobs.open, true);
      assert.equal(await unreadOf('bob', channel._id), 0);
      assert.equal((await subscription(channel._id, t.admin)).alert, false);
    });

    it("raises a mentioned member's unread and userMentions, visible through users.info at once", async () => {
      const channel = await createRoomAs(t, 'c', { name: 'mentions', members: ['bob', 'carol'] });
      assert.equal(await unreadOf('bob', channel._id), 0); // cached now
      const response = await post({ channel: '#mentions', text: 'ping @bob and @nobody' });
      assert.equal(response.statusCode, 200, response.body);
      const message = json(response).message as { mentions: unknown[] };
      assert.deepEqual(message.mentions, [{ _id: bob.userId, username: 'bob', name: 'Bob', type: 'user' }]);
      assert.equal(await unreadOf('bob', channel._id), 1);
      assert.equal((await subscription(channel._id, bob)).userMentions, 1);
      assert.equal(await unreadOf('carol', channel._id), 0);
      assert.equal(await unreadOf('admin', channel._id), 0);
    });

    it('raises every other member on @all (groupMentions and unread), the sender excepted', async () => {
      const group = await createRoomAs(t, 'p', { name: 'everyone', members: ['bob', 'carol'] });
      await post({ roomId: group._id, text: '@all meeting' });
      for (const member of [bob, carol]) {
        const s = await subscription(group._id, member);
        assert.equal(s.unread, 1);
        assert.equal(s.groupMentions, 1);
        assert.equal(s.userMentions, 0);
      }
      assert.equal((await subscription(group._id, t.admin)).unread, 0);
      assert.equal(await unreadOf('carol', group._id), 1);
    });

    it('gives a user mention priority over @here, as Rocket.Chat does', async () => {
      const channel = await createRoomAs(t, 'c', { name: 'priority', members: ['bob', 'carol'] });
      await post({ roomId: channel._id, text: '@here and @bob' });
      assert.equal((await subscription(channel._id, bob)).unread, 1);
      assert.equal((await subscription(channel._id, carol)).unread, 0);
      assert.equal((await subscription(channel._id, carol)).groupMentions, 0);
    });

    it('counts every message with Unread_Count all_messages, and none of a plain one with user_mentions_only', async () => {
      const channel = await createRoomAs(t, 'c', { name: 'counting', members: ['bob'] });
      assert.equal((await setSetting('Unread_Count', 'all_messages')).statusCode, 200);
      await post({ roomId: channel._id, text: 'one' });
      await post({ roomId: channel._id, text: 'two @bob' });
      assert.equal(await unreadOf('bob', channel._id), 2);
      assert.equal((await setSetting('Unread_Count', 'group_mentions_only')).statusCode, 200);
      await post({ roomId: channel._id, text: 'three @bob' });
      const s = await subscription(channel._id, bob);
      assert.equal(s.unread, 2);
      assert.equal(s.userMentions, 2);
    });

    it('counts every direct message (Unread_Count_DM all_messages), and only mentions with mentions_only', async () => {
      const sent = await post({ channel: '@bob', text: 'hi bob' });
      assert.equal(sent.statusCode, 200, sent.body);
      const rid = (json(sent).message as { rid: string }).rid;
      assert.equal(await unreadOf('bob', rid), 1);
      assert.equal((await setSetting('Unread_Count_DM', 'mentions_only')).statusCode, 200);
      await post({ channel: '@bob', text: 'again' });
      assert.equal(await unreadOf('bob', rid), 1);
      await post({ channel: '@bob', text: 'hey @bob' });
      assert.equal(await unreadOf('bob', rid), 2);
      assert.equal((await subscription(rid, bob)).open, true);
    });

    it('resets through subscriptions.read, visible through users.info', async () => {
      const sent = await post({ channel: '@bob', text: 'read me' });
      const rid = (json(sent).message as { rid: string }).rid;
      assert.equal(await unreadOf('bob', rid), 1);
      const read = await t.post('/api/v1/subscriptions.read', { rid }, bob);
      assert.equal(read.statusCode, 200);
      assert.equal(await unreadOf('bob', rid), 0);
      const s = await subscription(rid, bob);
      assert.equal(s.alert, false);
      assert.equal(s.userMentions, 0);
    });

    it('joins the caller to a public channel named with #, with a uj system message', async () => {
      const channel = await createRoomAs(t, 'c', { name: 'open-door' });
      const response = await post({ channel: '#open-door', text: 'hello' }, bob);
      assert.equal(response.statusCode, 200, response.body);
      assert.ok(await t.store.subscriptions.find(channel._id, bob.userId));
      const { messages } = await t.store.messages.list({
        rid: channel._id,
        offset: 0,
        count: 0,
        direction: 1,
      });
      // The join comes first in time; within one millisecond the two may list in either order (ts, then id).
      const joined = messages.find((m) => m.t === 'uj');
      const posted = messages.find((m) => m.t === undefined);
      assert.equal(messages.length, 2);
      assert.equal(joined?.msg, 'bob');
      assert.equal(posted?.msg, 'hello');
      assert.ok(
        String(joined?.ts) <= String(posted?.ts),
        `${String(joined?.ts)} after ${String(posted?.ts)}`,
      );
    });

    it('answers 400 [invalid-channel] for an unknown room, and invalid-params without roomId or channel', async () => {
      const unknown = await post({ channel: '#no-such-room', text: 'x' });
      assert.equal(unknown.statusCode, 400);
      assert.deepEqual(json(unknown), {
        success: false,
        error: '[invalid-channel]',
        errorType: 'invalid-channel',
      });
      const missing = await post({ text: 'x' });
      assert.equal(missing.statusCode, 400);
      assert.equal(json(missing).errorType, 'invalid-params');
    });

    it('refuses a private group the caller is not in, a read-only room without post-readonly, and an alias', async () => {
      const group = await createRoomAs(t, 'p', { name: 'secret' });
      const outsider = await post({ roomId: group._id, text: 'let me in' }, bob);
      assert.equal(outsider.statusCode, 400);
      assert.deepEqual(json(outsider), { success: false, error: 'error-not-allowed' });

      const readOnly = await createRoomAs(t, 'c', {
        name: 'announcements',
        members: ['bob'],
        readOnly: true,
      });
      const refused = await post({ roomId: readOnly._id, text: 'me too' }, bob);
      assert.equal(refused.statusCode, 400);
      assert.deepEqual(json(refused), {
        success: false,
        error: "You can't send messages because the room is readonly.",
      });
      assert.equal((await post({ roomId: readOnly._id, text: 'owner speaks' })).statusCode, 200);

      const alias = await post({ roomId: readOnly._id, text: 'x', alias: 'Someone Else' });
      assert.equal(alias.statusCode, 400);
      assert.deepEqual(json(alias), { success: false, error: 'Not enough permission' });
      assert.equal((await t.store.rooms.findById(readOnly._id))?.msgs, 1);
    });

    it('refuses an archived room and a text longer than Message_MaxAllowedSize', async () => {
      const channel = await createRoomAs(t, 'c', { name: 'old-news', members: ['bob'] });
      const long = await post({ roomId: channel._id, text: 'x'.repeat(5001) });
      assert.equal(long.statusCode, 400);
      assert.deepEqual(json(long), { success: false, error: 'error-message-size-exceeded' });
      assert.equal((await t.post('/api/v1/channels.archive', { roomId: channel._id })).statusCode, 200);
      const archived = await post({ roomId: channel._id, text: 'anyone?' });
      assert.equal(archived.statusCode, 400);
      assert.deepEqual(json(archived), { success: false, error: 'error-room-archived' });
    });
  });

  describe(`chat.sendMessage (${storeName})`, () => {
    let t: TestApp;
    beforeEach(async () => (t = await startUsersInfoApp(factory)));
    afterEach(async () => t.dispose());

    it('stores a message with the client-chosen _id and raises the other member', async () => {
      const bob = await t.createUser({ username: 'bob' });
      const group = await createRoomAs(t, 'p', { name: 'sendable', members: ['bob'] });
      const response = await t.post('/api/v1/chat.sendMessage', {
        message: { _id: 'client-chosen-id', rid: group._id, msg: 'hi @bob' },
      });
      assert.equal(response.statusCode, 200, response.body);
      const message = json(response).message as Record<string, unknown>;
      assert.equal(message._id, 'client-chosen-id');
      assert.equal(message.msg, 'hi @bob');
      assert.equal((await t.store.messages.findById('client-chosen-id'))?.rid, group._id);
      assert.equal((await t.store.subscriptions.find(group._id, bob.userId))?.unread, 1);
      const again = await t.post('/api/v1/chat.sendMessage', {
        message: { _id: 'client-chosen-id', rid: group._id, msg: 'twice' },
      });
      assert.equal(again.statusCode, 400);
      assert.equal(json(again).errorType, 'error-duplicate-message-id');
      assert.equal((await t.store.subscriptions.find(group._id, bob.userId))?.unread, 1);
    });

    it('answers 400 for a missing rid, an unknown room, a system message type and a thread', async () => {
      const missing = await t.post('/api/v1/chat.sendMessage', { message: { msg: 'x' } });
      assert.equal(json(missing).errorType, 'invalid-params');
      const unknown = await t.post('/api/v1/chat.sendMessage', { message: { rid: 'nope', msg: 'x' } });
      assert.deepEqual(json(unknown), { success: false, error: 'error-invalid-room' });
      const group = await createRoomAs(t, 'p', { name: 'typed' });
      const system = await t.post('/api/v1/chat.sendMessage', {
        message: { rid: group._id, msg: 'x', t: 'uj' },
      });
      assert.deepEqual(json(system), {
        success: false,
        error: "Cannot send system messages using 'chat.sendMessage'",
      });
      const thread = await t.post('/api/v1/chat.sendMessage', {
        message: { rid: group._id, msg: 'x', tmid: 'abc' },
      });
      assert.equal(json(thread).errorType, 'error-not-allowed');
    });
  });
}
