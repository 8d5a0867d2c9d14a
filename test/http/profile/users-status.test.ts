// users.setStatus / getStatus / getPresence / presence: Rocket.Chat's shapes, its rule for a user without
// connections, settings, permission, not-found, and users.info (warm cache) showing the new status text.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { TestApp } from '../../helpers/test-app.js';
import { testStores } from '../../helpers/test-stores.js';
import { assertDomainError, assertForbidden } from '../admin-fixtures.js';
import { startUsersInfoApp, userOf, usersInfo } from '../users-info/fixtures.js';

for (const [storeName, factory] of testStores()) {
  describe(`users.setStatus and the status reads (${storeName})`, () => {
    let t: TestApp;
    beforeEach(async () => (t = await startUsersInfoApp(factory)));
    afterEach(async () => t.dispose());

    it('sets the message (trimmed) and statusDefault; without connections status stays offline; users.info shows the new text at once', async () => {
      const bob = await t.createUser({ username: 'bob', extra: { statusText: 'old' } });
      assert.equal(userOf(await usersInfo(t, 'username=bob')).statusText, 'old');
      assert.equal(userOf(await usersInfo(t, 'username=bob')).statusText, 'old');
      const response = await t.post(
        '/api/v1/users.setStatus',
        { status: 'away', message: '  In a meeting  ' },
        bob,
      );
      assert.equal(response.statusCode, 200, response.body);
      assert.equal(response.body, '{"success":true}');
      const shown = userOf(await usersInfo(t, 'username=bob'));
      assert.equal(shown.statusText, 'In a meeting');
      assert.equal(shown.status, 'offline');
      const stored = await t.store.users.findById(bob.userId);
      assert.equal(stored?.statusDefault, 'away');
      assert.equal(stored?.statusConnection, 'offline');
      const me = (await t.get('/api/v1/me', bob)).json() as Record<string, unknown>;
      assert.equal(me.statusDefault, 'away');
    });

    it('cuts the message at 120 characters and accepts an empty one', async () => {
      const bob = await t.createUser({ username: 'bob' });
      await t.post('/api/v1/users.setStatus', { message: 'x'.repeat(130) }, bob);
      assert.equal((await t.store.users.findById(bob.userId))?.statusText, 'x'.repeat(120));
      await t.post('/api/v1/users.setStatus', { message: '' }, bob);
      assert.equal(userOf(await usersInfo(t, 'username=bob')).statusText, '');
    });

    it("changes another user's status with edit-other-user-info and answers 403 without it", async () => {
      const bob = await t.createUser({ username: 'bob' });
      const eve = await t.createUser({ username: 'eve' });
      assertForbidden(await t.post('/api/v1/users.setStatus', { message: 'hacked', username: 'bob' }, eve));
      const byAdmin = await t.post('/api/v1/users.setStatus', {
        message: 'set by admin',
        userId: bob.userId,
      });
      assert.equal(byAdmin.statusCode, 200, byAdmin.body);
      assert.equal(userOf(await usersInfo(t, `userId=${bob.userId}`)).statusText, 'set by admin');
      assertDomainError(
        await t.post('/api/v1/users.setStatus', { message: 'x', userId: 'nobody' }),
        'error-invalid-user',
        'The required "userId" or "username" param provided does not match any users',
      );
    });

    it('answers Rocket.Chat errors for a bad status, a missing status and message, and the two settings', async () => {
      const bob = await t.createUser({ username: 'bob' });
      assertDomainError(
        await t.post('/api/v1/users.setStatus', { status: 'dnd' }, bob),
        'error-invalid-status',
        'Valid status types include online, away, offline, and busy.',
      );
      const none = await t.post('/api/v1/users.setStatus', { userId: bob.userId }, bob);
      assert.equal(none.statusCode, 400);
      assert.equal(none.json().errorType, 'Match.Error');
      await t.store.settings.save({
        _id: 'Accounts_AllowInvisibleStatusOption',
        type: 'boolean',
        value: false,
      });
      assertDomainError(
        await t.post('/api/v1/users.setStatus', { status: 'offline' }, bob),
        'error-status-not-allowed',
        'Invisible status is disabled',
      );
      await t.store.settings.save({
        _id: 'Accounts_AllowUserStatusMessageChange',
        type: 'boolean',
        value: false,
      });
      assertDomainError(
        await t.post('/api/v1/users.setStatus', { message: 'hi' }, bob),
        'error-not-allowed',
        'Change status is not allowed',
      );
    });

    it('getStatus and getPresence: the caller sees connectionStatus (and lastLogin), others only the status', async () => {
      const bob = await t.createUser({
        username: 'bob',
        extra: { status: 'away', statusConnection: 'away', lastLogin: '2024-01-02T03:04:05.006Z' },
      });
      const eve = await t.createUser({ username: 'eve' });
      assert.equal(
        (await t.get('/api/v1/users.getStatus', bob)).body,
        `{"_id":"${bob.userId}","connectionStatus":"away","status":"away","success":true}`,
      );
      assert.equal(
        (await t.get('/api/v1/users.getStatus?username=bob', eve)).body,
        `{"_id":"${bob.userId}","status":"away","success":true}`,
      );
      assert.equal(
        (await t.get('/api/v1/users.getPresence', bob)).body,
        '{"presence":"away","connectionStatus":"away","lastLogin":"2024-01-02T03:04:05.006Z","success":true}',
      );
      assert.equal(
        (await t.get(`/api/v1/users.getPresence?userId=${bob.userId}`, eve)).body,
        '{"presence":"away","success":true}',
      );
      assert.equal(
        (await t.get('/api/v1/users.getStatus', eve)).body,
        `{"_id":"${eve.userId}","connectionStatus":"offline","status":"offline","success":true}`,
      );
    });

    it("getStatus and getPresence answer Rocket.Chat's error for an unknown user and invalid-params for a non-string", async () => {
      for (const route of ['users.getStatus', 'users.getPresence']) {
        assertDomainError(
          await t.get(`/api/v1/${route}?username=nobody`),
          'error-invalid-user',
          'The required "userId" or "username" param provided does not match any users',
        );
        assertDomainError(await t.get(`/api/v1/${route}?userId[]=a`), 'invalid-params', 'must be string');
      }
    });

    it('users.presence: users not offline (full), by ids, a recent delta, and nobody with broadcast disabled', async () => {
      const away = await t.createUser({ username: 'away', extra: { status: 'away', utcOffset: 2 } });
      const busy = await t.createUser({ username: 'busy', extra: { status: 'busy' } });
      await t.createUser({ username: 'off' });
      const full = (await t.get('/api/v1/users.presence')).json() as {
        users: { _id: string }[];
        full: boolean;
      };
      assert.equal(full.full, true);
      assert.deepEqual(full.users.map((u) => u._id).sort(), [away.userId, busy.userId].sort());
      const first = full.users.find((u) => u._id === away.userId);
      assert.deepEqual(first, {
        _id: away.userId,
        username: 'away',
        name: 'Name of away',
        status: 'away',
        utcOffset: 2,
      });
      const byIds = (await t.get(`/api/v1/users.presence?ids=${away.userId},nobody`)).json();
      assert.deepEqual(byIds, { users: [first], full: false, success: true });
      const since = new Date(Date.now() - 60_000).toISOString();
      const delta = (await t.get(`/api/v1/users.presence?from=${since}`, away)).json() as {
        users: { _id: string }[];
        full: boolean;
      };
      assert.equal(delta.full, false);
      assert.ok(delta.users.some((u) => u._id === busy.userId));
      assert.ok(!delta.users.some((u) => u._id === away.userId));
      const old = (await t.get('/api/v1/users.presence?from=2020-01-01T00:00:00.000Z')).json();
      assert.equal(old.full, true);
      await t.store.settings.save({ _id: 'Presence_broadcast_disabled', type: 'boolean', value: true });
      assert.equal((await t.get('/api/v1/users.presence')).body, '{"users":[],"full":true,"success":true}');
      assertDomainError(
        await t.get('/api/v1/users.presence?other=1'),
        'invalid-params',
        'must NOT have additional properties',
      );
    });
  });
}
