// users.deactivateIdle: who is switched off, their tokens and users.info, the permission and validation.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { startTestApp, type Credentials, type TestApp } from '../helpers/test-app.js';
import { testStores } from '../helpers/test-stores.js';

const FORBIDDEN =
  '{"success":false,"error":"User does not have the permissions required for this action [error-unauthorized]"}';
const DAY = 86_400_000;

for (const [storeName, factory] of testStores()) {
  describe(`users.deactivateIdle (${storeName})`, () => {
    let t: TestApp;
    beforeEach(async () => {
      t = await startTestApp(factory);
    });
    afterEach(async () => t.dispose());

    const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString();
    const idle = (body: unknown, who: Credentials = t.admin) =>
      t.post('/api/v1/users.deactivateIdle', body, who);

    it('deactivates the idle users of the role, revokes their tokens and drops them from users.info', async () => {
      const old = await t.createUser({ username: 'old', extra: { lastLogin: ago(40) } });
      const recent = await t.createUser({ username: 'recent', extra: { lastLogin: ago(5) } });
      const never = await t.createUser({ username: 'never' });
      const bot = await t.createUser({ username: 'oldbot', roles: ['bot'], extra: { lastLogin: ago(40) } });
      const before = await t.get(`/api/v1/users.info?userId=${old.userId}`);
      assert.equal(before.json().user.active, true);
      assert.equal((await t.get('/api/v1/me', old)).statusCode, 200);

      const response = await idle({ daysIdle: 30 });
      assert.equal(response.statusCode, 200, response.body);
      assert.deepEqual(response.json(), { count: 1, success: true });
      assert.equal((await t.get('/api/v1/me', old)).statusCode, 401);
      assert.equal((await t.store.tokens.listOfUser(old.userId, 'login')).length, 0);
      const after = await t.get(`/api/v1/users.info?userId=${old.userId}`);
      assert.equal(after.json().user.active, false);
      for (const still of [recent, never, bot]) {
        assert.equal((await t.store.users.findById(still.userId))?.active, true);
      }

      const bots = await idle({ daysIdle: 30, role: 'bot' });
      assert.deepEqual(bots.json(), { count: 1, success: true });
      assert.equal((await t.store.users.findById(bot.userId))?.active, false);
      const again = await idle({ daysIdle: 30 });
      assert.deepEqual(again.json(), { count: 0, success: true });
    });

    it('needs edit-other-user-active-status', async () => {
      const alice = await t.createUser({ username: 'alice', extra: { lastLogin: ago(40) } });
      const response = await idle({ daysIdle: 0 }, alice);
      assert.equal(response.statusCode, 403);
      assert.equal(response.body, FORBIDDEN);
      assert.equal((await t.store.users.findById(alice.userId))?.active, true);
    });

    it('refuses a missing, negative or non-integer daysIdle, a non-string role and other keys', async () => {
      for (const body of [
        {},
        { daysIdle: -1 },
        { daysIdle: 1.5 },
        { daysIdle: 'x' },
        { daysIdle: 1, role: 3 },
        { daysIdle: 1, x: 1 },
      ]) {
        const response = await idle(body);
        assert.equal(response.statusCode, 400, JSON.stringify(body));
        assert.equal(response.json().success, false);
        assert.equal(response.json().errorType, 'invalid-params');
      }
    });

    it('counts nothing for an unknown role', async () => {
      await t.createUser({ username: 'old', extra: { lastLogin: ago(40) } });
      const response = await idle({ daysIdle: 1, role: 'no-such-role' });
      assert.deepEqual(response.json(), { count: 0, success: true });
    });
  });
}
