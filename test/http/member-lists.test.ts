// Member lists of channels.create / groups.create / *.invite (security F10): one lookup query and one write
// transaction per call, whatever the list's length, with Rocket.Chat's results (unknown names skipped).
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { timedStore } from '../../src/core/timed-store.js';
import { newUserDocument } from '../../src/core/users/user-document.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { createRoomAs, json } from '../helpers/rooms.js';
import { testStores } from '../helpers/test-stores.js';

const KNOWN = 200;

for (const [storeName, factory] of testStores()) {
  describe(`member lists (${storeName})`, () => {
    let t: TestApp;
    let calls: Map<string, number>;
    beforeEach(async () => {
      calls = new Map();
      // The real store, with every call the app makes counted (the store-timing wrapper the metrics use).
      t = await startTestApp(factory, {
        wrapStore: (store) => timedStore(store, (method) => calls.set(method, (calls.get(method) ?? 0) + 1)),
      });
      await t.store.settings.save({ _id: 'API_Enable_Rate_Limiter', type: 'boolean', value: false });
      const now = new Date();
      const users = Array.from({ length: KNOWN }, (_, i) =>
        newUserDocument(
          { username: `m${i}`, email: `m${i}@example.com`, name: `M ${i}`, roles: ['user'] },
          now,
        ),
      );
      await t.store.bulkWrite({ users }, 'ignore');
    });
    afterEach(async () => t.dispose());

    const count = (method: string) => calls.get(method) ?? 0;
    const names = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `m${from + i}`);

    it('channels.create with 400 names (200 unknown) looks them up in one query and adds the 200 known ones', async () => {
      const members = [...names(0, KNOWN), ...Array.from({ length: 200 }, (_, i) => `nobody${i}`)];
      calls.clear();
      const channel = await createRoomAs(t, 'c', { name: 'crowd', members });
      assert.equal(channel.usersCount, KNOWN + 1);
      assert.equal(count('users.findByUsernames'), 1);
      assert.equal(count('users.findByUsername'), 0);
      assert.equal(count('rooms.insert'), 1);
      assert.equal((await t.store.subscriptions.listOfRoom(channel._id)).length, KNOWN + 1);
    });

    it('groups.invite by userIds and channels.invite by usernames: one lookup, one transaction, members counted once', async () => {
      const group = await createRoomAs(t, 'p', { name: 'circle', members: names(0, 50) });
      const ids = (await t.store.users.findByUsernames(names(0, KNOWN))).map((user) => user._id);
      calls.clear();
      const invited = await t.post('/api/v1/groups.invite', { roomId: group._id, userIds: ids });
      assert.equal(invited.statusCode, 200, invited.body);
      assert.equal((json(invited).group as { usersCount: number }).usersCount, KNOWN + 1);
      assert.equal(count('users.findByIds'), 1);
      assert.equal(count('users.findById'), 0);
      assert.equal(count('rooms.addMembers'), 1);
      assert.equal(count('subscriptions.insert'), 0);

      const channel = await createRoomAs(t, 'c', { name: 'open' });
      calls.clear();
      const byName = await t.post('/api/v1/channels.invite', {
        roomId: channel._id,
        usernames: names(0, KNOWN).map((name) => name.toUpperCase()),
      });
      assert.equal(byName.statusCode, 200, byName.body);
      assert.equal((json(byName).channel as { usersCount: number }).usersCount, KNOWN + 1);
      assert.equal(count('users.findByUsernamesInsensitive'), 1);
      assert.equal(count('users.findByUsernameInsensitive'), 0);
    });

    it('two concurrent invites of the same members add each of them once', async () => {
      const channel = await createRoomAs(t, 'c', { name: 'race' });
      const body = { roomId: channel._id, usernames: names(0, 100) };
      const answers = await Promise.all([
        t.post('/api/v1/channels.invite', body),
        t.post('/api/v1/channels.invite', body),
      ]);
      for (const answer of answers) assert.equal(answer.statusCode, 200, answer.body);
      assert.equal((await t.store.rooms.findById(channel._id))?.usersCount, 101);
      assert.equal((await t.store.subscriptions.listOfRoom(channel._id)).length, 101);
    });

    it('refuses lists of more than API_User_Limit (500) users before any lookup, accepts 500', async () => {
      const limitBody = {
        success: false,
        error: 'User Limit Exceeded [error-user-limit-exceeded]',
        errorType: 'error-user-limit-exceeded',
      };
      const many = Array.from({ length: 501 }, (_, i) => `n${i}`);
      calls.clear();
      const create = await t.post('/api/v1/channels.create', { name: 'too-many', members: many });
      assert.equal(create.statusCode, 400, create.body);
      assert.deepEqual(json(create), limitBody);
      assert.equal(count('users.findByUsernamesInsensitive'), 0);
      const room = await createRoomAs(t, 'c', { name: 'capped', members: many.slice(0, 500) });
      for (const body of [
        { roomId: room._id, usernames: many },
        { roomId: room._id, userIds: many },
        { roomId: room._id, usernames: many.slice(0, 300), userIds: many.slice(0, 201) },
      ]) {
        const invite = await t.post('/api/v1/channels.invite', body);
        assert.equal(invite.statusCode, 400, invite.body);
        assert.deepEqual(json(invite), limitBody);
      }
      const dm = await t.post('/api/v1/im.create', { usernames: many.join(',') });
      assert.equal(dm.statusCode, 400, dm.body);
      assert.deepEqual(json(dm), limitBody);
    });
  });
}
