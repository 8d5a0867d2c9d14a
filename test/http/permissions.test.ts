// permissions.listAll and permissions.update: shapes, permission, errors and the cache seeing the change.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { startTestApp, type Credentials, type TestApp } from '../helpers/test-app.js';
import { testStores } from '../helpers/test-stores.js';
import { assertForbidden } from './admin-fixtures.js';

type Permission = { _id: string; roles: string[]; _updatedAt?: string };

for (const [storeName, factory] of testStores()) {
  describe(`permissions (${storeName})`, () => {
    let t: TestApp;
    beforeEach(async () => (t = await startTestApp(factory)));
    afterEach(async () => t.dispose());

    const update = (permissions: unknown, as: Credentials = t.admin) =>
      t.post('/api/v1/permissions.update', { permissions }, as);

    it('lists every permission as {update, remove:[]} to any authenticated user', async () => {
      const plain = await t.createUser({ username: 'plain' });
      const response = await t.get('/api/v1/permissions.listAll', plain);
      assert.equal(response.statusCode, 200);
      const body = response.json();
      assert.deepEqual(Object.keys(body), ['update', 'remove', 'success']);
      assert.deepEqual(body.remove, []);
      const createUser = body.update.find((p: Permission) => p._id === 'create-user');
      assert.deepEqual(createUser.roles, ['admin']);
    });

    it('lists only permissions changed after updatedSince, and refuses a date it cannot parse', async () => {
      // Defaults carry the first start's _updatedAt (as Rocket.Chat's do): take a moment after it.
      await new Promise((resolve) => setTimeout(resolve, 5));
      const before = new Date().toISOString();
      await new Promise((resolve) => setTimeout(resolve, 5));
      await update([{ _id: 'create-c', roles: ['admin'] }]);
      const body = (await t.get(`/api/v1/permissions.listAll?updatedSince=${before}`)).json();
      assert.deepEqual(
        body.update.map((p: Permission) => p._id),
        ['create-c'],
      );
      const bad = await t.get('/api/v1/permissions.listAll?updatedSince=yesterday');
      assert.equal(bad.statusCode, 400);
      assert.deepEqual(bad.json(), {
        success: false,
        error: 'The "updatedSince" query parameter must be a valid date. [error-roomId-param-invalid]',
        errorType: 'error-roomId-param-invalid',
      });
    });

    it('replaces the roles of the listed permissions and answers every permission', async () => {
      const response = await update([{ _id: 'create-d', roles: ['admin', 'bot'] }]);
      assert.equal(response.statusCode, 200);
      const { permissions, success } = response.json();
      assert.equal(success, true);
      assert.equal(permissions.length, (await t.store.permissions.list()).length);
      assert.deepEqual(permissions.find((p: Permission) => p._id === 'create-d').roles, ['admin', 'bot']);
    });

    it('an empty list changes nothing and answers the full list', async () => {
      const before = await t.store.permissions.list();
      const response = await update([]);
      assert.equal(response.statusCode, 200);
      assert.deepEqual(response.json().permissions, before);
    });

    it('a change is seen by the permission check of the very next request', async () => {
      const plain = await t.createUser({ username: 'plain' });
      assert.equal((await t.get('/api/v1/users.list', plain)).statusCode, 200);
      await update([{ _id: 'view-d-room', roles: ['admin'] }]);
      assertForbidden(await t.get('/api/v1/users.list', plain));
      await update([{ _id: 'view-d-room', roles: ['admin', 'user'] }]);
      assert.equal((await t.get('/api/v1/users.list', plain)).statusCode, 200);
    });

    it('answers 403 without access-permissions', async () => {
      const plain = await t.createUser({ username: 'plain' });
      assertForbidden(await update([{ _id: 'create-user', roles: ['user'] }], plain));
    });

    it("answers Rocket.Chat's unsuffixed errors for an unknown permission or role, changing nothing", async () => {
      const before = await t.store.permissions.list();
      const unknownPermission = await update([
        { _id: 'create-user', roles: ['user'] },
        { _id: 'fly', roles: ['admin'] },
      ]);
      assert.equal(unknownPermission.statusCode, 400);
      assert.equal(
        unknownPermission.body,
        '{"success":false,"error":"Invalid permission","errorType":"error-invalid-permission"}',
      );
      const unknownRole = await update([{ _id: 'create-user', roles: ['wizard'] }]);
      assert.equal(
        unknownRole.body,
        '{"success":false,"error":"Invalid role","errorType":"error-invalid-role"}',
      );
      assert.deepEqual(await t.store.permissions.list(), before);
    });

    it('answers invalid-params without the suffix for a malformed body', async () => {
      const cases: Array<[unknown, string]> = [
        [{}, "must have required property 'permissions'"],
        [{ permissions: [{ _id: 'create-c' }] }, "must have required property 'roles'"],
        [
          { permissions: [{ _id: 'create-c', roles: ['admin', 'admin'] }] },
          'must NOT have duplicate items (items ## 1 and 0 are identical)',
        ],
      ];
      for (const [body, error] of cases) {
        const response = await t.post('/api/v1/permissions.update', body);
        assert.equal(response.statusCode, 400);
        assert.deepEqual(response.json(), { success: false, error, errorType: 'invalid-params' });
      }
    });
  });
}
