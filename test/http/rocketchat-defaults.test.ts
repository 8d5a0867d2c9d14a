// Issue 17 item 10 over HTTP: a new database holds Rocket.Chat 8.5's default permissions and roles, each permission
// with `_updatedAt` (upsertPermissions, authorization/server/constant/permissions.ts).
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { testStores } from '../helpers/test-stores.js';

interface Permission {
  _id: string;
  roles: string[];
  _updatedAt?: string;
}

for (const [storeName, factory] of testStores()) {
  describe(`Rocket.Chat's defaults (${storeName})`, () => {
    let t: TestApp;
    beforeEach(async () => (t = await startTestApp(factory)));
    afterEach(async () => t.dispose());

    it('lists the Rocket.Chat default permissions (over 170), each with _updatedAt, all of them since 2000', async () => {
      const all = (await t.get('/api/v1/permissions.listAll')).json().update as Permission[];
      assert.ok(all.length >= 170, `${all.length} permissions`);
      for (const permission of all)
        assert.ok(!Number.isNaN(Date.parse(permission._updatedAt ?? '')), permission._id);
      const since = (await t.get('/api/v1/permissions.listAll?updatedSince=2000-01-01T00:00:00.000Z')).json();
      assert.equal((since.update as Permission[]).length, all.length);
    });

    it('grants as Rocket.Chat does: view-d-room to every kind of user, add-user-to-any-p-room to nobody', async () => {
      const all = (await t.get('/api/v1/permissions.listAll')).json().update as Permission[];
      const roles = (id: string) => [...(all.find((p) => p._id === id)?.roles ?? ['missing'])].sort();
      assert.deepEqual(roles('view-d-room'), ['admin', 'app', 'bot', 'federated-external', 'guest', 'user']);
      assert.deepEqual(roles('add-user-to-any-p-room'), []);
      assert.deepEqual(roles('assign-admin-role'), ['admin']);
    });

    it('lists the livechat-agent and livechat-manager roles with the others', async () => {
      const roles = ((await t.get('/api/v1/roles.list')).json().roles as { _id: string }[]).map((r) => r._id);
      for (const id of ['admin', 'user', 'bot', 'guest', 'app', 'livechat-agent', 'livechat-manager']) {
        assert.ok(roles.includes(id), id);
      }
    });
  });
}
