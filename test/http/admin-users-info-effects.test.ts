// What users.info shows after each admin call: the admin endpoints' effects seen through the directory lookup.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { startTestApp, type Credentials, type TestApp } from '../helpers/test-app.js';
import { testStores } from '../helpers/test-stores.js';

for (const [storeName, factory] of testStores()) {
  describe(`admin effects on users.info (${storeName})`, () => {
    let t: TestApp;
    beforeEach(async () => (t = await startTestApp(factory)));
    afterEach(async () => t.dispose());

    const info = (query: string, as: Credentials = t.admin) => t.get(`/api/v1/users.info?${query}`, as);

    it('after permissions.update takes view-full-other-user-info from admin, an admin sees the plain view', async () => {
      await t.createUser({ username: 'target' });
      const before = (await info('username=target')).json().user;
      assert.equal(before.canViewAllInfo, true);
      assert.ok(before.emails);
      await t.post('/api/v1/permissions.update', {
        permissions: [{ _id: 'view-full-other-user-info', roles: [] }],
      });
      const after = (await info('username=target')).json().user;
      assert.equal(after.canViewAllInfo, false);
      assert.equal(after.emails, undefined);
      assert.equal(after.roles, undefined);
    });

    it("after setActiveStatus false the user's own users.info call is 401 and others see active:false", async () => {
      const target = await t.createUser({ username: 'target' });
      assert.equal((await info('username=target', target)).statusCode, 200);
      await t.post('/api/v1/users.setActiveStatus', { userId: target.userId, activeStatus: false });
      assert.equal((await info('username=target', target)).statusCode, 401);
      assert.equal((await info('username=target')).json().user.active, false);
    });

    it('shows created custom fields, granted roles and assigned extensions; a deleted user is not found', async () => {
      await t.post('/api/v1/settings/Accounts_CustomFields', {
        value: JSON.stringify({ team: { public: true }, salary: { public: false } }),
      });
      const created = await t.post('/api/v1/users.create', {
        username: 'newbie',
        email: 'newbie@example.org',
        name: 'New Bie',
        password: 'pw-newbie',
        customFields: { team: 'blue', salary: '10' },
        // As GENERAL's only member, newbie's deletion would need confirmRelinquish (it would remove GENERAL).
        joinDefaultChannels: false,
      });
      const userId = created.json().user._id;
      await t.post('/api/v1/roles.addUserToRole', { username: 'newbie', roleId: 'bot' });
      await t.post('/api/v1/voip-freeswitch.extension.assign', { username: 'newbie', extension: '321' });

      const full = (await info('freeSwitchExtension=321')).json().user;
      assert.equal(full._id, userId);
      assert.deepEqual(full.customFields, { team: 'blue', salary: '10' });
      assert.deepEqual(full.roles, ['user', 'bot']);
      const plain = await t.createUser({ username: 'plain' });
      assert.deepEqual((await info('username=newbie', plain)).json().user.customFields, { team: 'blue' });

      await t.post('/api/v1/users.delete', { userId });
      const gone = await info(`userId=${userId}`);
      assert.equal(gone.statusCode, 400);
      assert.equal(gone.body, '{"success":false,"error":"User not found."}');
    });
  });
}
