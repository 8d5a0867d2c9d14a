// POST /api/v1/users.create: the new user's shape, its permission and every validation error.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { verifyPassword } from '../../src/core/auth/passwords.js';
import { startTestApp, type Credentials, type TestApp } from '../helpers/test-app.js';
import { testStores } from '../helpers/test-stores.js';
import { assertDomainError, assertForbidden, newUserBody } from './admin-fixtures.js';

const CUSTOM_FIELDS = JSON.stringify({
  department: { type: 'select', options: ['sales', 'dev'], public: true },
  badge: { type: 'text', required: true, minLength: 3, maxLength: 6, public: false },
});

for (const [storeName, factory] of testStores()) {
  describe(`users.create (${storeName})`, () => {
    let t: TestApp;
    beforeEach(async () => (t = await startTestApp(factory)));
    afterEach(async () => t.dispose());

    const create = (body: unknown, as: Credentials = t.admin) => t.post('/api/v1/users.create', body, as);

    it('answers 200 with the full stored user, without services, and stores a bcrypt password', async () => {
      const response = await create(newUserBody('jane.doe', { bio: 'hi', nickname: 'jd' }));
      assert.equal(response.statusCode, 200, response.body);
      const { user, success } = response.json();
      assert.equal(success, true);
      assert.equal(user.username, 'jane.doe');
      assert.deepEqual(user.emails, [{ address: 'jane.doe@example.org', verified: false }]);
      assert.deepEqual(user.roles, ['user']);
      assert.equal(user.active, true);
      assert.equal(user.type, 'user');
      assert.equal(user.name, 'Full jane.doe');
      assert.equal(user.bio, 'hi');
      assert.equal(user.nickname, 'jd');
      assert.equal(user.requirePasswordChange, false);
      assert.match(user.createdAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      assert.equal(user.services, undefined);
      const stored = await t.store.users.findById(user._id);
      const hash = (stored?.services?.password as { bcrypt: string }).bcrypt;
      assert.equal(await verifyPassword('secret-password', hash), true);
    });

    it('accepts roles, active:false, verified, requirePasswordChange and an extension, ignoring x-2fa headers', async () => {
      const response = await t.inject({
        method: 'POST',
        url: '/api/v1/users.create',
        headers: { ...t.admin.headers, 'x-2fa-code': '123456', 'x-2fa-method': 'totp' },
        payload: newUserBody('bot.one', {
          roles: ['bot'],
          active: false,
          verified: true,
          requirePasswordChange: true,
          freeSwitchExtension: '2001',
          joinDefaultChannels: false,
        }),
      });
      assert.equal(response.statusCode, 200, response.body);
      const { user } = response.json();
      assert.deepEqual(user.roles, ['bot']);
      assert.equal(user.active, false);
      assert.equal(user.emails[0].verified, true);
      assert.equal(user.requirePasswordChange, true);
      assert.equal(user.freeSwitchExtension, '2001');
    });

    it('answers 403 without create-user, and 403 when a non-admin creator grants admin', async () => {
      const plain = await t.createUser({ username: 'plain' });
      assertForbidden(await create(newUserBody('x1'), plain));
      await t.post('/api/v1/permissions.update', {
        permissions: [{ _id: 'create-user', roles: ['admin', 'user'] }],
      });
      assert.equal((await create(newUserBody('x2'), plain)).statusCode, 200);
      assertForbidden(await create(newUserBody('x3', { roles: ['admin'] }), plain));
    });

    it('answers 400 invalid-params for a missing field, an unknown field and a wrong type', async () => {
      const noPassword = newUserBody('np');
      delete noPassword.password;
      assertDomainError(await create(noPassword), 'invalid-params', "must have required property 'password'");
      assertDomainError(
        await create(newUserBody('extra', { settings: {} })),
        'invalid-params',
        'must NOT have additional properties',
      );
      assertDomainError(
        await create(newUserBody('typed', { active: 'yes' })),
        'invalid-params',
        'must be boolean',
      );
    });

    it('answers Rocket.Chat errors for a bad username, a blocked one, an empty name or password', async () => {
      assertDomainError(
        await create(newUserBody('bad name<')),
        'error-input-is-not-a-valid-field',
        'bad name&lt; is not a valid username',
      );
      assertDomainError(
        await create(newUserBody('', { email: 'e@example.org' })),
        'error-the-field-is-required',
        'The field Username is required',
      );
      assertDomainError(
        await create(newUserBody('System', { email: 's@example.org' })),
        'error-blocked-username',
        "System is blocked and can't be used!",
      );
      assertDomainError(
        await create(newUserBody('noname', { name: ' ' })),
        'error-the-field-is-required',
        'The field Name is required',
      );
      assertDomainError(
        await create(newUserBody('nopass', { password: '' })),
        'error-the-field-is-required',
        'The field Password is required',
      );
    });

    it('answers "is already in use :(" for a username or email taken in another case', async () => {
      await create(newUserBody('taken'));
      assertDomainError(
        await create(newUserBody('TAKEN', { email: 'other@example.org' })),
        'error-field-unavailable',
        'TAKEN is already in use :(',
      );
      assertDomainError(
        await create(newUserBody('fresh', { email: 'Taken@Example.ORG' })),
        'error-field-unavailable',
        'Taken@Example.ORG is already in use :(',
      );
    });

    it('answers "Invalid email" for an address without exactly one @', async () => {
      assertDomainError(
        await create(newUserBody('mailless', { email: 'not-an-email' })),
        'error-invalid-email',
        'Invalid email not-an-email',
      );
    });

    it('refuses an unknown role and an extension another user holds', async () => {
      assertDomainError(
        await create(newUserBody('roleless', { roles: ['user', 'wizard'] })),
        'error-action-not-allowed',
        'The field Roles consist invalid role id',
      );
      await create(newUserBody('ext.one', { freeSwitchExtension: '3001' }));
      assertDomainError(
        await create(newUserBody('ext.two', { freeSwitchExtension: '3001' })),
        'error-field-unavailable',
        '3001 is already in use :(',
      );
    });

    it('stores custom fields defined in Accounts_CustomFields and refuses undefined or invalid ones', async () => {
      const body = (customFields: unknown) => newUserBody('cf', { customFields });
      assertDomainError(
        await create(body({ department: 'dev' })),
        'error-user-registration-custom-field',
        'Field department is not defined',
      );
      await t.post('/api/v1/settings/Accounts_CustomFields', { value: CUSTOM_FIELDS });
      const cases: Array<[customFields: unknown, text: string]> = [
        [{ department: 'dev' }, 'Field badge is required'],
        [{ badge: 'abc', department: 'hr' }, 'Value for field department is invalid'],
        [{ badge: 'abcdefg' }, 'Max length of field badge 6'],
        [{ badge: 'ab' }, 'Min length of field badge 3'],
        [{ badge: 'abc', shoe: '42' }, 'Field shoe is not defined'],
        [{ badge: 12345 }, 'Value for field badge is invalid'],
      ];
      for (const [customFields, text] of cases) {
        assertDomainError(await create(body(customFields)), 'error-user-registration-custom-field', text);
      }
      const response = await create(body({ badge: ' abcd ', department: 'dev' }));
      assert.equal(response.statusCode, 200, response.body);
      assert.deepEqual(response.json().user.customFields, { badge: 'abcd', department: 'dev' });
    });
  });
}
