// Issue 18's gaps, table-driven: the login every directory endpoint needs, what users.updateOwnBasicInfo writes
// showing in a warm users.info, validateUserEditing's setting gates, and the not-found / permission answers left.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { startTestApp, type Credentials, type TestApp } from '../helpers/test-app.js';
import { createRoomAs } from '../helpers/rooms.js';
import { testStores } from '../helpers/test-stores.js';
import { assertDomainError } from './admin-fixtures.js';
import {
  setCustomFields,
  startUsersInfoApp,
  USER_NOT_FOUND,
  userOf,
  usersInfo,
} from './users-info/fixtures.js';

/** Rocket.Chat's answer to an `authRequired` route called without X-User-Id / X-Auth-Token (api.ts). */
const UNAUTHORIZED =
  '{"success":false,"error":"You must be logged in to do this.","status":"error","message":"You must be logged in to do this."}';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const q = (value: unknown) => encodeURIComponent(JSON.stringify(value));

/** Every endpoint of issue 18 that Rocket.Chat 8.5 registers with `authRequired: true`, with a valid request. */
const LOGIN_REQUIRED: Array<[method: 'GET' | 'POST', url: string, body?: Record<string, unknown>]> = [
  ['POST', '/api/v1/users.updateOwnBasicInfo', { data: { name: 'x' } }],
  ['GET', '/api/v1/users.getPreferences'],
  ['POST', '/api/v1/users.setPreferences', { data: { useEmojis: false } }],
  ['GET', '/api/v1/users.checkUsernameAvailability?username=free'],
  ['GET', '/api/v1/users.getUsernameSuggestion'],
  ['POST', '/api/v1/users.deleteOwnAccount', { password: sha256('x') }],
  ['POST', '/api/v1/users.setStatus', { message: 'x' }],
  ['GET', '/api/v1/users.getStatus'],
  ['GET', '/api/v1/users.getPresence'],
  ['GET', '/api/v1/users.presence'],
  ['POST', '/api/v1/users.setAvatar', { avatarUrl: 'http://127.0.0.1/x.png' }],
  ['POST', '/api/v1/users.resetAvatar', { username: 'admin' }],
  ['GET', `/api/v1/users.autocomplete?selector=${q({ term: 'a' })}`],
  ['GET', '/api/v1/directory?type=users'],
  ['GET', '/api/v1/spotlight?query=a'],
  ['POST', '/api/v1/users.logoutOtherClients', {}],
  ['POST', '/api/v1/users.logout', {}],
  ['POST', '/api/v1/users.removeOtherTokens', {}],
  ['POST', '/api/v1/users.createToken', { username: 'admin', secret: 's' }],
  ['POST', '/api/v1/users.deactivateIdle', { daysIdle: 1 }],
  ['GET', '/api/v1/roles.getUsersInRole?role=admin'],
  ['GET', '/api/v1/roles.sync'],
  ['POST', '/api/v1/roles.create', { name: 'auditor' }],
  ['POST', '/api/v1/roles.update', { roleId: 'admin', name: 'admin' }],
  ['POST', '/api/v1/roles.delete', { roleId: 'bot' }],
  ['GET', '/api/v1/settings'],
];

/** Served without a login (`authRequired: false`, or the avatar middleware); users.getAvatar (a 307) too. */
const NO_LOGIN: Array<[url: string, contentType: RegExp]> = [
  ['/api/v1/settings.public', /^application\/json/],
  ['/api/v1/settings.oauth', /^application\/json/],
  ['/api/v1/service.configurations', /^application\/json/],
  ['/avatar/admin', /^image\/svg\+xml/],
];

for (const [storeName, factory] of testStores()) {
  describe(`directory API: the login each endpoint needs (${storeName})`, () => {
    let t: TestApp;
    beforeEach(async () => (t = await startUsersInfoApp(factory)));
    afterEach(async () => t.dispose());

    it("answers Rocket.Chat's 401 without credentials, and with a wrong token, before reading the request", async () => {
      const wrong = { 'x-user-id': t.admin.userId, 'x-auth-token': 'not-a-token' };
      for (const [method, url, body] of LOGIN_REQUIRED) {
        for (const headers of [{}, wrong]) {
          const response = await t.inject({ method, url, headers, ...(body ? { payload: body } : {}) });
          assert.equal(response.statusCode, 401, `${method} ${url}: ${response.body}`);
          assert.equal(response.body, UNAUTHORIZED, `${method} ${url}`);
        }
      }
      // Nothing was written on the way: the admin is still signed in and the roles are unchanged.
      assert.equal((await t.get('/api/v1/me')).statusCode, 200);
      assert.equal((await t.get('/api/v1/roles.list')).json().roles.length > 0, true);
      assert.equal(await t.store.users.findByUsername('auditor'), null);
    });

    it('serves settings.public, settings.oauth, service.configurations, /avatar, users.getAvatar and users.register without a login', async () => {
      for (const [url, contentType] of NO_LOGIN) {
        const response = await t.inject({ method: 'GET', url });
        assert.equal(response.statusCode, 200, `${url}: ${response.body}`);
        assert.match(String(response.headers['content-type']), contentType, url);
      }
      const redirect = await t.inject({ method: 'GET', url: '/api/v1/users.getAvatar?username=admin' });
      assert.equal(redirect.statusCode, 307, redirect.body);
      assert.equal(redirect.headers['location'], 'http://localhost:3000/avatar/admin');
      const registered = await t.inject({
        method: 'POST',
        url: '/api/v1/users.register',
        payload: {
          username: 'walkin',
          email: 'walkin@example.org',
          pass: 'a-long-password',
          name: 'Walk In',
        },
      });
      assert.equal(registered.statusCode, 200, registered.body);
    });
  });

  describe(`users.updateOwnBasicInfo and users.info (${storeName})`, () => {
    let t: TestApp;
    let bob: Credentials;
    beforeEach(async () => {
      t = await startUsersInfoApp(factory);
      await setCustomFields(t, JSON.stringify({ team: { type: 'text', public: true } }));
      bob = await t.createUser({ username: 'bob', password: 'bob-pw', extra: { statusText: 'old' } });
    });
    afterEach(async () => t.dispose());

    const save = (data: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
      t.post('/api/v1/users.updateOwnBasicInfo', { data, ...extra }, bob);
    /** users.info twice (the second from the cache), as the admin, who sees the full view. */
    const warm = async (query: string) => {
      const first = await usersInfo(t, query);
      assert.equal((await usersInfo(t, query)).body, first.body);
      return first;
    };

    it('every field it writes shows in users.info at once, the cache warm before the write', async () => {
      const before = userOf(await warm(`userId=${bob.userId}`));
      assert.equal(before.name, 'Name of bob');
      await warm('username=bob');
      assert.equal((await warm('username=robert')).body, USER_NOT_FOUND);
      const response = await save(
        {
          name: 'Robert',
          username: 'robert',
          nickname: 'rob',
          bio: 'maps and more',
          statusText: 'out for lunch',
          email: 'robert@example.org',
          currentPassword: sha256('bob-pw'),
        },
        { customFields: { team: 'blue' } },
      );
      assert.equal(response.statusCode, 200, response.body);
      const after = userOf(await usersInfo(t, `userId=${bob.userId}`));
      assert.deepEqual(
        {
          name: after.name,
          username: after.username,
          nickname: after.nickname,
          bio: after.bio,
          statusText: after.statusText,
          emails: after.emails,
          customFields: after.customFields,
        },
        {
          name: 'Robert',
          username: 'robert',
          nickname: 'rob',
          bio: 'maps and more',
          statusText: 'out for lunch',
          emails: [{ address: 'robert@example.org', verified: false }],
          customFields: { team: 'blue' },
        },
      );
      assert.equal((await usersInfo(t, 'username=bob')).body, USER_NOT_FOUND);
      assert.equal(userOf(await usersInfo(t, 'username=robert'))._id, bob.userId);
      // Bob's own view (a different cache entry: myself) shows the new values too.
      assert.equal(userOf(await usersInfo(t, `userId=${bob.userId}`, bob)).nickname, 'rob');
    });

    it('refuses a username change with Accounts_AllowUsernameChange off and a status text change with Accounts_AllowUserStatusMessageChange off (validateUserEditing)', async () => {
      const cases: Array<[setting: string, data: Record<string, unknown>, text: string]> = [
        ['Accounts_AllowUsernameChange', { username: 'robert' }, 'Edit username is not allowed'],
        ['Accounts_AllowUserStatusMessageChange', { statusText: 'new' }, 'Edit user status is not allowed'],
      ];
      const shown = await warm(`userId=${bob.userId}`);
      for (const [setting, data, text] of cases) {
        await t.store.settings.save({ _id: setting, type: 'boolean', value: false });
        assertDomainError(await save(data), 'error-action-not-allowed', text);
        // The same value is no change, and other fields still save.
        const same = Object.fromEntries(Object.keys(data).map((key) => [key, userOf(shown)[key]]));
        assert.equal((await save({ ...same, nickname: `n-${setting.length}` })).statusCode, 200);
        // users.update on oneself is gated alike; an admin editing someone else is not.
        assertDomainError(
          await t.post('/api/v1/users.update', { userId: bob.userId, data }, bob),
          'error-action-not-allowed',
          text,
        );
        const byAdmin = await t.post('/api/v1/users.update', { userId: bob.userId, data });
        assert.equal(byAdmin.statusCode, 200, byAdmin.body);
        await t.store.settings.save({ _id: setting, type: 'boolean', value: true });
      }
      const now = userOf(await usersInfo(t, `userId=${bob.userId}`));
      assert.equal(now.username, 'robert');
      assert.equal(now.statusText, 'new');
    });

    it('has no not-found answer (it edits the caller), and validates its body as rest-typings does', async () => {
      for (const body of [{}, { data: 'x' }, { data: { name: 7 } }, { data: {}, other: 1 }]) {
        const response = await t.post('/api/v1/users.updateOwnBasicInfo', body, bob);
        assert.equal(response.statusCode, 400, JSON.stringify(body));
        assert.equal(response.json().errorType, 'invalid-params', JSON.stringify(body));
      }
      assertDomainError(
        await save({ nickname: 'n'.repeat(121) }),
        'error-nickname-size-exceeded',
        'Nickname size exceeds 120 characters',
      );
    });
  });

  describe(`directory API: permission and not-found answers left (${storeName})`, () => {
    let t: TestApp;
    beforeEach(async () => (t = await startUsersInfoApp(factory)));
    afterEach(async () => t.dispose());

    it("users.resetAvatar and users.getAvatar: getUserFromParams' error for an unknown user", async () => {
      const text = 'The required "userId" or "username" param provided does not match any users';
      assertDomainError(
        await t.post('/api/v1/users.resetAvatar', { username: 'ghost' }),
        'error-invalid-user',
        text,
      );
      assertDomainError(
        await t.post('/api/v1/users.resetAvatar', { userId: 'ghost-id' }),
        'error-invalid-user',
        text,
      );
      assertDomainError(await t.get('/api/v1/users.getAvatar?userId=ghost-id'), 'error-invalid-user', text);
    });

    it('spotlight: without view-outside-room only people sharing a room with the caller', async () => {
      await t.createUser({ username: 'annabel' });
      await t.createUser({ username: 'annika' });
      const bot = await t.createUser({ username: 'annbot', roles: ['bot'] });
      const found = async (as: Credentials) =>
        (
          (await t.get('/api/v1/spotlight?query=ann', as)).json() as { users: Array<{ username: string }> }
        ).users
          .map((user) => user.username)
          .sort();
      assert.deepEqual(await found(bot), []);
      await createRoomAs(t, 'c', { name: 'ann-club', members: ['annbot', 'annika'] });
      assert.deepEqual(await found(bot), ['annika']);
      assert.deepEqual(await found(t.admin), ['annabel', 'annbot', 'annika']);
    });

    it('users.createToken: a token for someone else with user-generate-access-token granted to the caller', async () => {
      await t.dispose();
      t = await startTestApp(factory, { createTokensSecret: 'a-long-shared-secret-for-tests' });
      const ops = await t.createUser({ username: 'ops', roles: ['user', 'bot'] });
      const alice = await t.createUser({ username: 'alice' });
      const body = { userId: alice.userId, secret: 'a-long-shared-secret-for-tests' };
      const refused = await t.post('/api/v1/users.createToken', body, ops);
      assert.equal(refused.statusCode, 400);
      assert.equal(refused.json().errorType, 'error-not-authorized');
      const grant = await t.post('/api/v1/permissions.update', {
        permissions: [{ _id: 'user-generate-access-token', roles: ['admin', 'bot'] }],
      });
      assert.equal(grant.statusCode, 200, grant.body);
      const granted = await t.post('/api/v1/users.createToken', body, ops);
      assert.equal(granted.statusCode, 200, granted.body);
      assert.equal(granted.json().data.userId, alice.userId);
    });
  });
}
