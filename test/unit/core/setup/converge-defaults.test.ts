// Defaults converge on every start: what a database lacks is added, what an admin changed is kept.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bootstrap } from '../../../../src/core/setup/bootstrap.js';
import { defaultPermissions, defaultRoles, defaultSettings } from '../../../../src/core/setup/defaults.js';
import { newUserDocument } from '../../../../src/core/users/user-document.js';
import { testStores } from '../../../helpers/test-stores.js';

const ADMIN = { username: 'admin', email: 'admin@example.com', password: 'admin-password' };

for (const [name, fresh] of testStores()) {
  describe(`defaults on every start (${name})`, () => {
    it('adds a permission, role and setting an earlier database lacks, and keeps an admin change', async () => {
      const testStore = await fresh();
      try {
        // A database as an earlier Roster wrote it: without edit-other-user-password, livechat-agent, Site_Url.
        await testStore.store.initialize({
          roles: defaultRoles().filter((role) => role._id !== 'livechat-agent'),
          permissions: defaultPermissions().filter(
            (permission) => permission._id !== 'edit-other-user-password',
          ),
          settings: defaultSettings().filter((setting) => setting._id !== 'Site_Url'),
          admin: newUserDocument(
            { username: 'admin', email: 'admin@example.com', name: 'Administrator', roles: ['admin'] },
            new Date(),
          ),
        });
        // An admin gave view-statistics to users as well.
        await testStore.store.permissions.saveMany([{ _id: 'view-statistics', roles: ['admin', 'user'] }]);

        const restarted = await testStore.reopen();
        const started = new Date('2026-12-02T10:00:00.000Z');
        assert.deepEqual(await bootstrap(restarted, ADMIN, started), { created: false });

        const permissions = new Map((await restarted.permissions.list()).map((p) => [p._id, p]));
        assert.deepEqual(permissions.get('edit-other-user-password')?.roles, ['admin']);
        assert.equal(permissions.get('edit-other-user-password')?._updatedAt, started.toISOString());
        assert.deepEqual(permissions.get('view-statistics')?.roles, ['admin', 'user']);
        assert.equal(permissions.size, defaultPermissions().length);
        const roles = await restarted.roles.list();
        assert.equal(roles.find((role) => role._id === 'livechat-agent')?.description, 'Livechat Agent');
        assert.equal((await restarted.settings.find('Site_Url'))?.value, 'http://localhost:3000');
      } finally {
        await testStore.dispose();
      }
    });

    it('changes nothing on a database that is already current', async () => {
      const testStore = await fresh();
      try {
        await bootstrap(testStore.store, ADMIN);
        const before = await testStore.store.permissions.list();
        await bootstrap(testStore.store, ADMIN, new Date('2030-01-01T00:00:00.000Z'));
        assert.deepEqual(await testStore.store.permissions.list(), before);
      } finally {
        await testStore.dispose();
      }
    });
  });
}
