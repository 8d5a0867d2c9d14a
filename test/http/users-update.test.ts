// POST /api/v1/users.update: changes, who may change what, and the same validation as users.create.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { verifyPassword } from '../../src/core/auth/passwords.js';
import { startTestApp, type Credentials, type TestApp } from '../helpers/test-app.js';
import { testStores } from '../helpers/test-stores.js';
import { assertDomainError, assertForbidden } from './admin-fixtures.js';

for (const [storeName, factory] of testStores()) {
  describe(`users.update (${storeName})`, () => {
    let t: TestApp;
    beforeEach(async () => (t = await startTestApp(factory)));
    afterEach(async () => t.dispose());

    const update = (userId: string, data: Record<string, unknown>, as: Credentials = t.admin) =>
      t.post('/api/v1/users.update', { userId, data }, as);

    it('answers 200 with the updated user and applies name, username, email, bio and roles', async () => {
      const { user } = await t.createUser({ username: 'bob' });
      const response = await t.inject({
        method: 'POST',
        url: '/api/v1/users.update',
        headers: { ...t.admin.headers, 'x-2fa-code': '000000', 'x-2fa-method': 'email' },
        payload: {
          userId: user._id,
          data: {
            name: 'Robert',
            username: 'robert',
            email: 'Robert@example.net',
            bio: 'b',
            roles: ['user', 'bot'],
          },
        },
      });
      assert.equal(response.statusCode, 200, response.body);
      const body = response.json();
      assert.equal(body.success, true);
      assert.equal(body.user._id, user._id);
      assert.equal(body.user.name, 'Robert');
      assert.equal(body.user.username, 'robert');
      assert.deepEqual(body.user.emails, [{ address: 'Robert@example.net', verified: false }]);
      assert.equal(body.user.bio, 'b');
      assert.deepEqual(body.user.roles, ['user', 'bot']);
      assert.equal(body.user.services, undefined);
      assert.equal((await t.store.users.findByEmail('robert@EXAMPLE.net'))?._id, user._id);
    });

    it('changes the password to a bcrypt hash of the new one', async () => {
      const { user } = await t.createUser({ username: 'pw', password: 'old-password' });
      assert.equal((await update(user._id, { password: 'new-password' })).statusCode, 200);
      const stored = await t.store.users.findById(user._id);
      const hash = (stored?.services?.password as { bcrypt: string }).bcrypt;
      assert.equal(await verifyPassword('new-password', hash), true);
    });

    it('lets a user edit their own profile and requirePasswordChange but answers 403 for another user and for own roles, active or admin-only fields', async () => {
      const me = await t.createUser({ username: 'me' });
      const other = await t.createUser({ username: 'other' });
      assert.equal((await update(me.userId, { name: 'Me Myself' }, me)).statusCode, 200);
      assertForbidden(await update(other.userId, { name: 'Hacked' }, me));
      assertForbidden(await update(me.userId, { roles: ['admin'] }, me));
      assertForbidden(await update(me.userId, { active: true }, me));
      // validateUserEditing places no limit on a user's own requirePasswordChange.
      assert.equal((await update(me.userId, { requirePasswordChange: true }, me)).statusCode, 200);
      assert.equal((await t.store.users.findById(me.userId))?.requirePasswordChange, true);
      assertForbidden(await update(me.userId, { freeSwitchExtension: '999' }, me));
      assertDomainError(
        await update(me.userId, { verified: true }, me),
        'error-action-not-allowed',
        'Editing email verification is not allowed',
      );
    });

    it('answers 400 invalid-params for a missing userId and an unknown data field', async () => {
      assertDomainError(
        await t.post('/api/v1/users.update', { data: {} }),
        'invalid-params',
        "must have required property 'userId'",
      );
      assertDomainError(
        await update(t.admin.userId, { language: 'de' }),
        'invalid-params',
        'must NOT have additional properties',
      );
    });

    it('answers 400 "User not found" for an unknown userId', async () => {
      const response = await update('nope', { name: 'x' });
      assert.equal(response.statusCode, 400);
      assert.equal(response.body, '{"success":false,"error":"User not found"}');
    });

    it('refuses a bad or taken username, a bad or taken email, an unknown role and a taken extension', async () => {
      const { user } = await t.createUser({ username: 'carol' });
      await t.createUser({ username: 'dave', extra: { freeSwitchExtension: '4000' } });
      assertDomainError(
        await update(user._id, { username: 'no spaces' }),
        'error-input-is-not-a-valid-field',
        'no spaces is not a valid username',
      );
      assertDomainError(
        await update(user._id, { username: 'DAVE' }),
        'error-field-unavailable',
        'DAVE is already in use :(',
      );
      assertDomainError(
        await update(user._id, { email: 'broken' }),
        'error-invalid-email',
        'Invalid email broken',
      );
      assertDomainError(
        await update(user._id, { email: 'DAVE@example.com' }),
        'error-field-unavailable',
        'DAVE@example.com is already in use :(',
      );
      assertDomainError(
        await update(user._id, { roles: ['nope'] }),
        'error-action-not-allowed',
        'The field Roles consist invalid role id',
      );
      assertDomainError(
        await update(user._id, { freeSwitchExtension: '4000' }),
        'error-field-unavailable',
        '4000 is already in use :(',
      );
      assert.equal((await update(user._id, { username: 'Carol' })).statusCode, 200);
    });

    it('validates custom fields of an update against Accounts_CustomFields and merges them', async () => {
      await t.post('/api/v1/settings/Accounts_CustomFields', {
        value: JSON.stringify({ team: { public: true, maxLength: 4 }, floor: { public: false } }),
      });
      const { user } = await t.createUser({ username: 'erin', extra: { customFields: { floor: '2' } } });
      assertDomainError(
        await update(user._id, { customFields: { team: 'toolong' } }),
        'error-user-registration-custom-field',
        'Max length of field team 4',
      );
      assertDomainError(
        await update(user._id, { customFields: { desk: '9' } }),
        'error-user-registration-custom-field',
        'Field desk is not defined',
      );
      const response = await update(user._id, { customFields: { team: 'ops' } });
      assert.deepEqual(response.json().user.customFields, { floor: '2', team: 'ops' });
    });

    it('refuses to take the admin role from, or deactivate, the only active admin', async () => {
      const text = 'Leaving the app without an active admin is not allowed';
      assertDomainError(await update(t.admin.userId, { roles: ['user'] }), 'error-action-not-allowed', text);
      assertDomainError(await update(t.admin.userId, { active: false }), 'error-action-not-allowed', text);
    });

    it("deactivating through data.active revokes the user's tokens at once", async () => {
      const victim = await t.createUser({ username: 'victim', roles: ['user', 'admin'] });
      assert.equal((await t.get('/api/v1/users.list', victim)).statusCode, 200);
      assert.equal((await update(victim.userId, { active: false })).statusCode, 200);
      assert.equal((await t.get('/api/v1/users.list', victim)).statusCode, 401);
    });
  });
}
