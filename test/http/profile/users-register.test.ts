// users.register, users.checkUsernameAvailability, users.getUsernameSuggestion and users.deleteOwnAccount over HTTP.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { TestApp } from '../../helpers/test-app.js';
import { testStores } from '../../helpers/test-stores.js';
import { assertDomainError } from '../admin-fixtures.js';
import { startUsersInfoApp, USER_NOT_FOUND, userOf, usersInfo } from '../users-info/fixtures.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const register = (t: TestApp, body: unknown, headers: Record<string, string> = {}) =>
  t.inject({ method: 'POST', url: '/api/v1/users.register', payload: body as object, headers });
const form = (username: string, extra: Record<string, unknown> = {}) => ({
  username,
  email: `${username}@Example.org`,
  pass: 'a-long-password',
  name: ` Name ${username} `,
  ...extra,
});

for (const [storeName, factory] of testStores()) {
  describe(`users.register (${storeName})`, () => {
    let t: TestApp;
    beforeEach(async () => (t = await startUsersInfoApp(factory)));
    afterEach(async () => t.dispose());

    it('registers an active user who can log in; users.info finds them after a cached miss', async () => {
      assert.equal((await usersInfo(t, 'username=newbie')).body, USER_NOT_FOUND);
      const response = await register(t, form('newbie'));
      assert.equal(response.statusCode, 200, response.body);
      const { user } = response.json() as { user: Record<string, unknown> };
      assert.equal(user.username, 'newbie');
      assert.equal(user.name, 'Name newbie');
      assert.equal(user.active, true);
      assert.equal(user.emails, undefined);
      assert.equal(user.services, undefined);
      assert.equal(userOf(await usersInfo(t, 'username=newbie')).name, 'Name newbie');
      const stored = await t.store.users.findByUsername('newbie');
      assert.deepEqual(stored?.emails, [{ address: 'newbie@example.org', verified: false }]);
      assert.deepEqual(stored?.roles, ['user']);
      await t.login('newbie', 'a-long-password');
    });

    it('answers Rocket.Chat errors: taken username, taken email, blocked name, missing name, invalid username', async () => {
      await t.createUser({ username: 'taken' });
      assert.equal(
        (await register(t, form('Taken'))).body,
        '{"success":false,"error":"Username is already in use"}',
      );
      assertDomainError(
        await register(t, form('fresh', { email: 'taken@example.com' })),
        '403',
        'Email already exists.',
      );
      assertDomainError(
        await register(t, form('admin')),
        'error-blocked-username',
        "admin is blocked and can't be used!",
      );
      const noName = await register(t, { username: 'x1', email: 'x1@example.org', pass: 'p' });
      assert.equal(noName.statusCode, 400);
      assert.equal(noName.json().errorType, 'Match.Error');
      assertDomainError(
        await register(t, form('bad name')),
        'username-invalid',
        'bad name is not a valid username, use only letters, numbers, dots, hyphens and underscores',
      );
      assertDomainError(
        await register(t, form('y', { email: 'no-at-sign' })),
        'error-invalid-email',
        'Invalid email no-at-sign',
      );
      assertDomainError(
        await register(t, { username: 'z' }),
        'invalid-params',
        "must have required property 'email'",
      );
      assertDomainError(
        await register(t, form('z', { admin: true })),
        'invalid-params',
        'must NOT have additional properties',
      );
    });

    it('is refused when Accounts_RegistrationForm is Disabled, and in Secret URL mode without the right secret', async () => {
      await t.store.settings.save({ _id: 'Accounts_RegistrationForm', type: 'string', value: 'Disabled' });
      assertDomainError(
        await register(t, form('one')),
        'error-user-registration-disabled',
        'User registration is disabled',
      );
      await t.store.settings.save({ _id: 'Accounts_RegistrationForm', type: 'string', value: 'Secret URL' });
      await t.store.settings.save({
        _id: 'Accounts_RegistrationForm_SecretURL',
        type: 'string',
        value: 's3cret',
      });
      const secretError = 'User registration is only allowed via Secret URL';
      assertDomainError(await register(t, form('two')), 'error-user-registration-secret', secretError);
      assertDomainError(
        await register(t, form('two', { secret: 'wrong' })),
        'error-user-registration-secret',
        secretError,
      );
      assert.equal((await register(t, form('two', { secret: 's3cret' }))).statusCode, 200);
    });

    it('keeps new users inactive with their reason under Accounts_ManuallyApproveNewUsers', async () => {
      await t.store.settings.save({ _id: 'Accounts_ManuallyApproveNewUsers', type: 'boolean', value: true });
      const response = await register(t, form('waiting', { reason: ' I work here ' }));
      assert.equal(response.statusCode, 200, response.body);
      const stored = await t.store.users.findByUsername('waiting');
      assert.equal(stored?.active, false);
      assert.equal(stored?.reason, 'I work here');
    });

    it('refuses a logged-in caller', async () => {
      const response = await register(t, form('again'), t.admin.headers);
      assert.equal(response.body, '{"success":false,"error":"Logged in users can not register again."}');
    });

    it('allows Rate_Limiter_Limit_RegisterUser registrations per minute and client, then answers 429', async () => {
      await t.store.settings.save({ _id: 'API_Enable_Rate_Limiter', type: 'boolean', value: true });
      assert.equal((await register(t, form('first'))).statusCode, 200);
      const limited = await register(t, form('second'));
      assert.equal(limited.statusCode, 429);
      assert.match(limited.json().error, /too many requests.*\[error-too-many-requests\]$/);
      assert.equal(limited.headers['x-ratelimit-limit'], '1');
    });
  });

  describe(`users.checkUsernameAvailability and users.getUsernameSuggestion (${storeName})`, () => {
    let t: TestApp;
    beforeEach(async () => (t = await startUsersInfoApp(factory)));
    afterEach(async () => t.dispose());

    it('answers {result} for free, taken (any case) and own names, and errors for blocked and empty ones', async () => {
      const bob = await t.createUser({ username: 'bob' });
      const check = (name: string) => t.get(`/api/v1/users.checkUsernameAvailability?username=${name}`, bob);
      assert.equal((await check('free')).body, '{"result":true,"success":true}');
      assert.equal((await check('ADMIN2')).body, '{"result":true,"success":true}');
      assert.equal((await check('Bob')).body, '{"result":false,"success":true}');
      assert.equal((await check('bob')).body, '{"result":true,"success":true}');
      assertDomainError(await check('here'), 'error-blocked-username', "here is blocked and can't be used!");
      assertDomainError(await check(''), 'error-invalid-username', 'Invalid username');
      assertDomainError(
        await t.get('/api/v1/users.checkUsernameAvailability', bob),
        'invalid-params',
        "must have required property 'username'",
      );
      await t.store.settings.save({ _id: 'Accounts_AllowUsernameChange', type: 'boolean', value: false });
      assertDomainError(await check('free'), 'error-not-allowed', 'Not allowed');
    });

    it("suggests the caller's slugged name, then its initials forms, then a numbered name", async () => {
      const jose = await t.createUser({ username: 'someone', extra: { name: 'José Smith' } });
      assert.equal(
        (await t.get('/api/v1/users.getUsernameSuggestion', jose)).body,
        '{"result":"jose.smith","success":true}',
      );
      await t.createUser({ username: 'jose.smith' });
      assert.equal((await t.get('/api/v1/users.getUsernameSuggestion', jose)).json().result, 'jsmith');
      await t.createUser({ username: 'jsmith' });
      await t.createUser({ username: 'joses' });
      await t.createUser({ username: 'jose.smith-0' });
      // The verified address's local part is the caller's own username (taken), then local.domain.
      assert.equal(
        (await t.get('/api/v1/users.getUsernameSuggestion', jose)).json().result,
        'someone.example',
      );
      await t.createUser({ username: 'someone.example', email: 'other@example.net' });
      assert.equal((await t.get('/api/v1/users.getUsernameSuggestion', jose)).json().result, 'jose.smith-1');
    });
  });

  describe(`users.deleteOwnAccount (${storeName})`, () => {
    let t: TestApp;
    beforeEach(async () => (t = await startUsersInfoApp(factory)));
    afterEach(async () => t.dispose());

    const enable = () =>
      t.store.settings.save({ _id: 'Accounts_AllowDeleteOwnAccount', type: 'boolean', value: true });

    it('deletes the caller given the SHA-256 of their password; users.info then answers not found', async () => {
      await enable();
      const bob = await t.createUser({ username: 'bob', password: 'bobs-password' });
      assert.equal(userOf(await usersInfo(t, 'username=bob')).username, 'bob');
      const response = await t.post(
        '/api/v1/users.deleteOwnAccount',
        { password: sha256('bobs-password').toUpperCase() },
        bob,
      );
      assert.equal(response.statusCode, 200, response.body);
      assert.equal(response.body, '{"success":true}');
      assert.equal(await t.store.users.findById(bob.userId), null);
      assert.equal((await usersInfo(t, 'username=bob')).body, USER_NOT_FOUND);
      assert.equal((await t.get('/api/v1/me', bob)).statusCode, 401);
    });

    it('answers Rocket.Chat errors: no password, setting off, wrong password, wrong username hash', async () => {
      const bob = await t.createUser({ username: 'bob', password: 'bobs-password' });
      const remove = (body: unknown, as = bob) => t.post('/api/v1/users.deleteOwnAccount', body, as);
      assert.equal(
        (await remove({})).body,
        '{"success":false,"error":"Body parameter \\"password\\" is required."}',
      );
      assertDomainError(
        await remove({ password: sha256('bobs-password') }),
        'error-not-allowed',
        'Not allowed',
      );
      await enable();
      assertDomainError(
        await remove({ password: sha256('wrong') }),
        'error-invalid-password',
        'Invalid password',
      );
      assertDomainError(
        await remove({ password: 'bobs-password' }),
        'error-invalid-password',
        'Invalid password',
      );
      const noPassword = await t.createUser({ username: 'sso' });
      assertDomainError(
        await remove({ password: sha256('other') }, noPassword),
        'error-invalid-username',
        'Invalid username',
      );
      assert.equal((await remove({ password: sha256('sso') }, noPassword)).statusCode, 200);
      assert.notEqual(await t.store.users.findById(bob.userId), null);
    });
  });
}
