// The authentication hook over HTTP: every 401 cause, GET /api/v1/me and POST /api/v1/logout.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { startTestApp, type Credentials, type TestApp } from '../helpers/test-app.js';
import { testStores } from '../helpers/test-stores.js';
import { DEFAULT_USER_PREFERENCES } from '../../src/core/auth/default-preferences.js';

const UNAUTHORIZED =
  '{"success":false,"error":"You must be logged in to do this.","status":"error","message":"You must be logged in to do this."}';
const DAY = 86_400_000;

for (const [storeName, factory] of testStores()) {
  describe(`authentication (${storeName})`, () => {
    let t: TestApp;
    let alice: Credentials & { user: { _id: string } };
    beforeEach(async () => {
      t = await startTestApp(factory);
      alice = await t.createUser({ username: 'alice', password: 'alice-secret' });
    });
    afterEach(async () => t.dispose());

    const assertUnauthorized = async (headers: Record<string, string>) => {
      for (const [method, url] of [
        ['GET', '/api/v1/me'],
        ['POST', '/api/v1/logout'],
      ] as const) {
        const response = await t.inject({ method, url, headers });
        assert.equal(response.statusCode, 401, `${method} ${url}`);
        assert.equal(response.body, UNAUTHORIZED);
      }
    };

    it('answers 401 without X-User-Id and X-Auth-Token', async () => {
      await assertUnauthorized({});
    });

    it('answers 401 with only one of the two headers', async () => {
      await assertUnauthorized({ 'x-user-id': alice.userId });
      await assertUnauthorized({ 'x-auth-token': alice.token });
    });

    it('answers 401 for a wrong token', async () => {
      await assertUnauthorized({ 'x-user-id': alice.userId, 'x-auth-token': `${alice.token}x` });
    });

    it('answers 401 for an unknown user id', async () => {
      await assertUnauthorized({ 'x-user-id': 'nobody', 'x-auth-token': alice.token });
    });

    it("answers 401 for another user's token", async () => {
      await assertUnauthorized({ 'x-user-id': t.admin.userId, 'x-auth-token': alice.token });
    });

    it('answers 401 for a login token older than Accounts_LoginExpiration, 200 for a younger one', async () => {
      await t.store.settings.save({ _id: 'Accounts_LoginExpiration', value: 7, type: 'int' });
      const old = await t.issueToken(alice.userId, new Date(Date.now() - 8 * DAY));
      const young = await t.issueToken(alice.userId, new Date(Date.now() - 6 * DAY));
      await assertUnauthorized(old.headers);
      assert.equal((await t.get('/api/v1/me', young)).statusCode, 200);
    });

    it('counts expiry from the current setting: raising it revives a token on the next request', async () => {
      await t.store.settings.save({ _id: 'Accounts_LoginExpiration', value: 7, type: 'int' });
      const old = await t.issueToken(alice.userId, new Date(Date.now() - 8 * DAY));
      await assertUnauthorized(old.headers);
      await t.store.settings.save({ _id: 'Accounts_LoginExpiration', value: 30, type: 'int' });
      assert.equal((await t.get('/api/v1/me', old)).statusCode, 200);
    });

    it('treats a non-positive Accounts_LoginExpiration as the 90-day default, as Rocket.Chat does', async () => {
      await t.store.settings.save({ _id: 'Accounts_LoginExpiration', value: 0, type: 'int' });
      const month = await t.issueToken(alice.userId, new Date(Date.now() - 30 * DAY));
      const ancient = await t.issueToken(alice.userId, new Date(Date.now() - 91 * DAY));
      assert.equal((await t.get('/api/v1/me', month)).statusCode, 200);
      await assertUnauthorized(ancient.headers);
    });

    it('answers 401 for a deactivated user with a still stored token', async () => {
      await t.store.users.update(alice.userId, (doc) => ({ ...doc, active: false }));
      await assertUnauthorized(alice.headers);
    });

    it("answers 401 for a logged-out token, while the same user's other token keeps working", async () => {
      const other = await t.login('alice', 'alice-secret');
      const response = await t.post('/api/v1/logout', undefined, alice);
      assert.equal(response.statusCode, 200);
      assert.equal(
        response.body,
        '{"status":"success","data":{"message":"You\'ve been logged out!"},"success":true}',
      );
      await assertUnauthorized(alice.headers);
      assert.equal((await t.get('/api/v1/me', other)).statusCode, 200);
    });

    it('logs out with the deprecated GET /api/v1/logout too, answering as POST does (RC ApiClass.ts)', async () => {
      const response = await t.get('/api/v1/logout', alice);
      assert.equal(response.statusCode, 200);
      assert.equal(
        response.body,
        '{"status":"success","data":{"message":"You\'ve been logged out!"},"success":true}',
      );
      await assertUnauthorized(alice.headers);
    });

    it('answers 401 for the token of a deleted user', async () => {
      await t.store.users.delete(alice.userId);
      await assertUnauthorized(alice.headers);
    });
  });

  describe(`GET /api/v1/me (${storeName})`, () => {
    let t: TestApp;
    beforeEach(async () => (t = await startTestApp(factory)));
    afterEach(async () => t.dispose());

    it('answers the caller flat with email, avatarUrl, settings and reduced services', async () => {
      const bob = await t.createUser({
        username: 'bob',
        password: 'bob-secret',
        extra: {
          emails: [
            { address: 'unverified@example.com', verified: false },
            { address: 'bob@example.com', verified: true },
          ],
          nickname: 'bobby',
          statusText: 'busy',
          customFields: { team: 'blue' },
          settings: { preferences: { language: 'de' } },
          lastLogin: '2024-01-01T00:00:00.000Z',
          importIds: ['legacy-1'],
          e2e: { private_key: 'secret' },
          services: {
            password: { bcrypt: '$2b$10$abcdefghijklmnopqrstuv' },
            email2fa: { enabled: true, changedAt: '2024-01-01T00:00:00.000Z' },
            totp: { enabled: true, secret: 'TOTPSECRET', hashedBackup: ['x'] },
            github: { id: 1, accessToken: 'gho_secret' },
            resume: { loginTokens: [{ when: '2024-01-01T00:00:00.000Z', hashedToken: 'hash' }] },
          },
        },
      });
      const response = await t.get('/api/v1/me', bob);
      assert.equal(response.statusCode, 200);
      const me = response.json();
      assert.equal(me._id, bob.userId);
      assert.equal(me.username, 'bob');
      assert.equal(me.name, 'Name of bob');
      assert.equal(me.nickname, 'bobby');
      assert.equal(me.statusText, 'busy');
      assert.equal(me.active, true);
      assert.deepEqual(me.roles, ['user']);
      assert.deepEqual(me.customFields, { team: 'blue' });
      assert.equal(me.email, 'bob@example.com');
      // getUserInfo: avatarUrl under Site_Url (its default), preferences over the Accounts_Default_User_Preferences_*.
      assert.equal(me.avatarUrl, 'http://localhost:3000/avatar/bob');
      assert.deepEqual(me.settings, {
        profile: {},
        preferences: { ...DEFAULT_USER_PREFERENCES, language: 'de' },
      });
      assert.equal(me.isOAuthUser, true, 'a github service makes an OAuth user (core-typings isOAuthUser)');
      assert.deepEqual(me.services, {
        email2fa: { enabled: true },
        totp: { enabled: true },
        password: { exists: true },
      });
      assert.equal(me.success, true);
      for (const hidden of ['lastLogin', 'importIds', 'e2e', 'createdAt', 'user']) {
        assert.equal(hidden in me, false, `${hidden} is not in /me`);
      }
      for (const secret of ['$2b$', 'TOTPSECRET', 'gho_secret', 'hash', bob.token]) {
        assert.equal(response.body.includes(secret), false, `${secret} is not in /me`);
      }
    });

    it("answers avatarUrl under the Site_Url setting, as Rocket.Chat's getURL(..., {full: true}) does", async () => {
      const bob = await t.createUser({ username: 'bob' });
      const saved = await t.post('/api/v1/settings/Site_Url', { value: 'https://chat.example.org/' });
      assert.equal(saved.statusCode, 200, saved.body);
      const me = (await t.get('/api/v1/me', bob)).json();
      assert.equal(me.avatarUrl, 'https://chat.example.org/avatar/bob');
      assert.equal(me.isOAuthUser, false);
    });

    it('answers services.password.exists false and no email for a user without password or verified address', async () => {
      const carol = await t.createUser({
        username: 'carol',
        extra: { emails: [{ address: 'carol@example.com', verified: false }] },
      });
      const me = (await t.get('/api/v1/me', carol)).json();
      assert.deepEqual(me.services, { password: { exists: false } });
      assert.equal('email' in me, false);
    });

    it('answers login with the same me object as GET /api/v1/me', async () => {
      await t.createUser({ username: 'dave', password: 'dave-secret' });
      const login = await t.inject({
        method: 'POST',
        url: '/api/v1/login',
        payload: { user: 'dave', password: 'dave-secret' },
      });
      const { userId, authToken, me } = login.json().data;
      const direct = (
        await t.get('/api/v1/me', {
          userId,
          token: authToken,
          headers: { 'x-user-id': userId, 'x-auth-token': authToken },
        })
      ).json();
      delete direct.success;
      assert.deepEqual(me, direct);
    });
  });
}
