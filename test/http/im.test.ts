// im.create over HTTP: one-to-one and multi-user direct messages in Rocket.Chat's shapes.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { FORBIDDEN_BODY, json } from '../helpers/rooms.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { testStores } from '../helpers/test-stores.js';

for (const [storeName, factory] of testStores()) {
  describe(`im.create (${storeName})`, () => {
    let t: TestApp;
    beforeEach(async () => (t = await startTestApp(factory)));
    afterEach(async () => t.dispose());

    it('opens a DM whose id is both user ids sorted and joined, each subscription named after the other', async () => {
      const alice = await t.createUser({ username: 'alice' });
      const bob = await t.createUser({ username: 'bob' });
      const response = await t.post('/api/v1/im.create', { username: 'bob' }, alice);
      assert.equal(response.statusCode, 200);
      const rid = [alice.userId, bob.userId].sort().join('');
      assert.deepEqual(json(response), {
        room: { t: 'd', rid, usernames: ['alice', 'bob'], _id: rid },
        success: true,
      });

      const room = await t.store.rooms.findById(rid);
      assert.equal(room?.t, 'd');
      assert.deepEqual(room?.uids, [alice.userId, bob.userId].sort());
      assert.equal(room?.usersCount, 2);
      assert.equal(room?.name, undefined);

      const mine = await t.store.subscriptions.find(rid, alice.userId);
      const theirs = await t.store.subscriptions.find(rid, bob.userId);
      assert.deepEqual(
        { ...mine, _id: 'x', ts: 'x', _updatedAt: 'x' },
        {
          _id: 'x',
          ts: 'x',
          alert: false,
          unread: 0,
          userMentions: 0,
          groupMentions: 0,
          open: true,
          rid,
          t: 'd',
          fname: 'Name of bob',
          name: 'bob',
          u: { _id: alice.userId, username: 'alice' },
          _updatedAt: 'x',
        },
      );
      assert.equal(theirs?.name, 'alice');
      assert.equal(theirs?.open, false, "the other user's DM opens only when a message arrives");
      assert.equal(theirs?.roles, undefined, 'a DM has no owner');
    });

    it('reuses the existing DM when either user opens it again', async () => {
      const alice = await t.createUser({ username: 'alice' });
      const bob = await t.createUser({ username: 'bob' });
      const first = json(await t.post('/api/v1/im.create', { username: 'bob' }, alice));
      const again = await t.post('/api/v1/im.create', { username: 'alice' }, bob);
      assert.equal(again.statusCode, 200);
      assert.deepEqual(json(again), first);
      assert.equal((await t.store.subscriptions.listOfUser(alice.userId)).length, 1);
      assert.equal(
        (await t.store.subscriptions.find((first.room as { rid: string }).rid, bob.userId))?.open,
        true,
      );
    });

    it('opens a multi-user DM from comma-separated usernames, all subscriptions open', async () => {
      const alice = await t.createUser({ username: 'alice' });
      const bob = await t.createUser({ username: 'bob' });
      const carol = await t.createUser({ username: 'carol' });
      const response = await t.post('/api/v1/im.create', { usernames: 'bob, carol' }, alice);
      assert.equal(response.statusCode, 200);
      const room = json(response).room as { rid: string; usernames: string[] };
      assert.deepEqual(room.usernames, ['alice', 'bob', 'carol']);
      const names = new Map<string, string | undefined>();
      for (const user of [alice, bob, carol]) {
        const subscription = await t.store.subscriptions.find(room.rid, user.userId);
        assert.equal(subscription?.open, true);
        names.set(user.userId, subscription?.name);
      }
      assert.equal(names.get(alice.userId), 'bob, carol');
      assert.equal(names.get(bob.userId), 'alice, carol');
      const again = json(await t.post('/api/v1/im.create', { usernames: 'alice,bob' }, carol));
      assert.equal((again.room as { rid: string }).rid, room.rid, 'the same member set finds the same DM');
    });

    it('opens a DM with yourself, named after you', async () => {
      const alice = await t.createUser({ username: 'alice' });
      const response = await t.post('/api/v1/im.create', { username: 'alice' }, alice);
      assert.equal(response.statusCode, 200);
      const [own] = await t.store.subscriptions.listOfUser(alice.userId);
      assert.equal(own?.name, 'alice');
      assert.equal(own?.t, 'd');
    });

    it('answers 400 error-invalid-user for an unknown username and creates nothing', async () => {
      const alice = await t.createUser({ username: 'alice' });
      const response = await t.post('/api/v1/im.create', { username: 'ghost' }, alice);
      assert.equal(response.statusCode, 400);
      assert.deepEqual(json(response), {
        success: false,
        error: 'Invalid user [error-invalid-user]',
        errorType: 'error-invalid-user',
      });
      assert.deepEqual(await t.store.subscriptions.listOfUser(alice.userId), []);
    });

    it('answers 403 with the permission body for a user without create-d', async () => {
      await t.createUser({ username: 'bob' });
      const guest = await t.createUser({ username: 'guest1', roles: ['guest'] });
      const response = await t.post('/api/v1/im.create', { username: 'bob' }, guest);
      assert.equal(response.statusCode, 403);
      assert.deepEqual(json(response), FORBIDDEN_BODY);
    });

    it('answers 400 invalid-params without username or usernames', async () => {
      const response = await t.post('/api/v1/im.create', {});
      assert.equal(response.statusCode, 400);
      assert.equal(json(response).errorType, 'invalid-params');
    });

    it('answers 400 error-direct-message-max-user-exceeded beyond 8 members', async () => {
      const names: string[] = [];
      for (let i = 1; i <= 8; i++) {
        names.push(`u${i}`);
        await t.createUser({ username: `u${i}` });
      }
      const response = await t.post('/api/v1/im.create', { usernames: names.join(',') });
      assert.equal(response.statusCode, 400);
      assert.equal(
        json(response).error,
        'You cannot add more than 8 users, including yourself to a direct message [error-direct-message-max-user-exceeded]',
      );
    });
  });
}
