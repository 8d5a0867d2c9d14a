// Security F1–F3: a password change revokes the user's sessions and PATs; setting a password needs
// edit-other-user-password (Rocket.Chat's saveUser / setPasswordUpdater).
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { Permissions } from '../../src/core/access/permissions.js';
import { verifyPassword } from '../../src/core/auth/passwords.js';
import { startTestApp, type Credentials, type TestApp } from '../helpers/test-app.js';
import { testStores } from '../helpers/test-stores.js';

const bcryptOf = (user: { services?: unknown } | null): string =>
  ((user?.services as { password?: { bcrypt?: string } } | undefined)?.password?.bcrypt ?? '') as string;

for (const [storeName, factory] of testStores()) {
  describe(`password change revokes sessions (${storeName})`, () => {
    let t: TestApp;
    beforeEach(async () => (t = await startTestApp(factory)));
    afterEach(async () => t.dispose());

    const update = (userId: string, data: Record<string, unknown>, as: Credentials = t.admin) =>
      t.post('/api/v1/users.update', { userId, data }, as);
    const as = (userId: string, token: string): Credentials => ({
      userId,
      token,
      headers: { 'x-user-id': userId, 'x-auth-token': token },
    });
    const me = async (who: Credentials) => (await t.get('/api/v1/me', who)).statusCode;

    /** bob with two sessions and a PAT, each used once so the session cache holds them. */
    async function bobWithSessions() {
      const bob = await t.createUser({ username: 'bob', password: 'bob-pw' });
      const stolen = await t.issueToken(bob.userId);
      const pat = await t.post('/api/v1/users.generatePersonalAccessToken', { tokenName: 'bot' }, bob);
      assert.equal(pat.statusCode, 200, pat.body);
      const patCredentials = as(bob.userId, pat.json().token as string);
      for (const who of [bob, stolen, patCredentials]) assert.equal(await me(who), 200);
      return { bob, stolen, pat: patCredentials };
    }

    it("an admin's users.update password revokes every login token and PAT of the user at once", async () => {
      const { bob, stolen, pat } = await bobWithSessions();
      assert.equal((await update(bob.userId, { password: 'bob-ADMIN-reset' })).statusCode, 200);
      for (const who of [bob, stolen, pat]) assert.equal(await me(who), 401);
      assert.equal(await me(t.admin), 200);
      await t.login('bob', 'bob-ADMIN-reset');
    });

    it('setRandomPassword revokes them too', async () => {
      const { bob, stolen, pat } = await bobWithSessions();
      assert.equal((await update(bob.userId, { setRandomPassword: true })).statusCode, 200);
      for (const who of [bob, stolen, pat]) assert.equal(await me(who), 401);
      assert.equal((await t.store.users.findById(bob.userId))?.requirePasswordChange, true);
    });

    it('a change with a rename (footprint write) revokes them too', async () => {
      const { bob, stolen, pat } = await bobWithSessions();
      assert.equal((await update(bob.userId, { password: 'x-new-pw', username: 'robert' })).statusCode, 200);
      for (const who of [bob, stolen, pat]) assert.equal(await me(who), 401);
    });

    it("an admin's own password change through users.update logs the admin out as well (logout: true)", async () => {
      const second = await t.issueToken(t.admin.userId);
      assert.equal((await update(t.admin.userId, { password: 'admin-new-pw' })).statusCode, 200);
      assert.equal(await me(t.admin), 401);
      assert.equal(await me(second), 401);
    });

    it('a plain user cannot set their own password through users.update: skipped, sessions kept', async () => {
      const { bob, stolen, pat } = await bobWithSessions();
      const before = bcryptOf(await t.store.users.findById(bob.userId));
      assert.equal((await update(bob.userId, { password: 'taken-over' }, pat)).statusCode, 200);
      assert.equal(bcryptOf(await t.store.users.findById(bob.userId)), before);
      assert.equal(await verifyPassword('bob-pw', before), true);
      for (const who of [bob, stolen, pat]) assert.equal(await me(who), 200);
    });

    it("edit-other-user-info alone does not reset another user's (the admin's) password", async () => {
      const editor = await t.createUser({ username: 'editor', roles: ['user', 'bot'] });
      const grant = await t.post('/api/v1/permissions.update', {
        permissions: [{ _id: 'edit-other-user-info', roles: ['admin', 'bot'] }],
      });
      assert.equal(grant.statusCode, 200, grant.body);
      const before = bcryptOf(await t.store.users.findById(t.admin.userId));
      assert.equal((await update(t.admin.userId, { password: 'owned' }, editor)).statusCode, 200);
      assert.equal(bcryptOf(await t.store.users.findById(t.admin.userId)), before);
      assert.equal(await me(t.admin), 200);
      // With edit-other-user-password granted too, the change goes through and logs the admin out.
      const both = await t.post('/api/v1/permissions.update', {
        permissions: [{ _id: 'edit-other-user-password', roles: ['admin', 'bot'] }],
      });
      assert.equal(both.statusCode, 200, both.body);
      assert.equal((await update(t.admin.userId, { password: 'owned' }, editor)).statusCode, 200);
      assert.equal(await me(t.admin), 401);
    });

    it('refuses a PAT as a resume login (security F22) while the PAT still authenticates requests', async () => {
      const { pat } = await bobWithSessions();
      const response = await t.post('/api/v1/login', { resume: pat.token });
      assert.equal(response.statusCode, 401, response.body);
      assert.equal(await me(pat), 200);
    });

    it('a database without the edit-other-user-password document (an earlier Roster) grants it to admin', async () => {
      const { store, dispose } = await factory();
      const permissions = new Permissions(store);
      try {
        assert.equal(await permissions.exists('edit-other-user-password'), false);
        assert.equal(await permissions.has(['admin'], 'edit-other-user-password'), true);
        assert.equal(await permissions.has(['user'], 'edit-other-user-password'), false);
      } finally {
        permissions.close();
        await dispose();
      }
    });
  });
}
