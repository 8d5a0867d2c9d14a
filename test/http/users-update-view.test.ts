// The users.update answer as parseJsonQuery projects it, and a no-op update that writes nothing (security F14).
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { TestApp } from '../helpers/test-app.js';
import { json } from '../helpers/rooms.js';
import { testStores } from '../helpers/test-stores.js';
import { setCustomFields, setPermission, startUsersInfoApp } from './users-info/fixtures.js';

for (const [storeName, factory] of testStores()) {
  describe(`users.update answer (${storeName})`, () => {
    let t: TestApp;
    beforeEach(async () => (t = await startUsersInfoApp(factory)));
    afterEach(async () => t.dispose());

    it('answers an editor without view-full-other-user-info without limitedUserFieldsToExclude or private custom fields', async () => {
      await setCustomFields(t, JSON.stringify({ team: { public: true }, salary: { public: false } }));
      await setPermission(t, 'edit-other-user-info', ['admin', 'editor']);
      const editor = await t.createUser({ username: 'editor', roles: ['user', 'editor'] });
      const alice = await t.createUser({
        username: 'alice',
        extra: { lastLogin: '2026-01-01T00:00:00.000Z', customFields: { team: 'red', salary: 10 } },
      });
      const response = await t.post(
        '/api/v1/users.update',
        { userId: alice.userId, data: { nickname: 'al' } },
        editor,
      );
      assert.equal(response.statusCode, 200, response.body);
      const user = json(response).user as Record<string, unknown>;
      for (const hidden of [
        'emails',
        'roles',
        'lastLogin',
        'createdAt',
        '_updatedAt',
        'services',
        'settings',
      ]) {
        assert.equal(user[hidden], undefined, hidden);
      }
      assert.deepEqual([user._id, user.username, user.nickname], [alice.userId, 'alice', 'al']);
      assert.deepEqual(user.customFields, { team: 'red' });

      // The admin holds view-full-other-user-info and gets the full document (still without services).
      const full = json(
        await t.post('/api/v1/users.update', { userId: alice.userId, data: { nickname: 'ally' } }),
      ).user as Record<string, unknown>;
      assert.deepEqual(full.roles, ['user']);
      assert.ok(Array.isArray(full.emails));
      assert.deepEqual(full.customFields, { team: 'red', salary: 10 });
      assert.equal(full.services, undefined);
    });

    it('writes nothing for data:{} (F14): _updatedAt and the stored user stay as they were', async () => {
      const alice = await t.createUser({ username: 'alice' });
      const before = await t.store.users.findById(alice.userId);
      const response = await t.post('/api/v1/users.update', { userId: alice.userId, data: {} });
      assert.equal(response.statusCode, 200, response.body);
      assert.deepEqual(await t.store.users.findById(alice.userId), before);
      assert.equal((json(response).user as { _updatedAt?: string })._updatedAt, before?._updatedAt);
    });
  });
}
