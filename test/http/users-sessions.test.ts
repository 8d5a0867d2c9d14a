// users.removeOtherTokens, users.logoutOtherClients and users.logout: which tokens go, answers and errors.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { startTestApp, type Credentials, type TestApp } from '../helpers/test-app.js';
import { testStores } from '../helpers/test-stores.js';

const UNAUTHORIZED =
  '{"success":false,"error":"You must be logged in to do this.","status":"error","message":"You must be logged in to do this."}';

for (const [storeName, factory] of testStores()) {
  describe(`users sessions (${storeName})`, () => {
    let t: TestApp;
    let alice: Credentials;
    let aliceOther: Credentials;
    let pat: Credentials;
    let bob: Credentials;
    beforeEach(async () => {
      t = await startTestApp(factory);
      alice = await t.createUser({ username: 'alice' });
      aliceOther = await t.issueToken(alice.userId);
      bob = await t.createUser({ username: 'bob' });
      await t.store.permissions.saveMany([
        { _id: 'create-personal-access-tokens', roles: ['user', 'admin'] },
      ]);
      const generated = await t.post(
        '/api/v1/users.generatePersonalAccessToken',
        { tokenName: 'ci', bypassTwoFactor: true },
        alice,
      );
      assert.equal(generated.statusCode, 200, generated.body);
      const token = generated.json().token as string;
      pat = { userId: alice.userId, token, headers: { 'x-user-id': alice.userId, 'x-auth-token': token } };
    });
    afterEach(async () => t.dispose());

    const me = async (who: Credentials) => (await t.get('/api/v1/me', who)).statusCode;

    it('users.removeOtherTokens keeps the current token and PATs, refuses the others at once', async () => {
      assert.equal(await me(aliceOther), 200); // cached in the session cache
      const response = await t.post('/api/v1/users.removeOtherTokens', {}, alice);
      assert.equal(response.statusCode, 200);
      assert.deepEqual(response.json(), { success: true });
      assert.equal(await me(aliceOther), 401);
      assert.equal(await me(alice), 200);
      assert.equal(await me(pat), 200);
      assert.equal(await me(bob), 200);
      assert.equal((await t.store.tokens.listOfUser(alice.userId, 'login')).length, 1);
    });

    it('users.removeOtherTokens and logoutOtherClients need a login', async () => {
      for (const url of ['/api/v1/users.removeOtherTokens', '/api/v1/users.logoutOtherClients']) {
        const response = await t.inject({ method: 'POST', url, payload: {} });
        assert.equal(response.statusCode, 401);
        assert.equal(response.body, UNAUTHORIZED);
      }
    });

    it('users.logoutOtherClients answers the current token with its expiry and removes the others', async () => {
      await t.store.settings.save({ _id: 'Accounts_LoginExpiration', value: 30, type: 'int' });
      assert.equal(await me(aliceOther), 200);
      const response = await t.post('/api/v1/users.logoutOtherClients', {}, alice);
      assert.equal(response.statusCode, 200, response.body);
      const body = response.json();
      assert.deepEqual(Object.keys(body).sort(), ['success', 'token', 'tokenExpires']);
      assert.equal(body.token, alice.token);
      const [stored] = await t.store.tokens.listOfUser(alice.userId, 'login');
      assert.equal(body.tokenExpires, new Date(Date.parse(stored!.when) + 30 * 86_400_000).toISOString());
      assert.equal(await me(aliceOther), 401);
      assert.equal(await me(alice), 200);
      assert.equal(await me(pat), 200);
    });

    it('users.logoutOtherClients called with a PAT removes every login token and has no expiry', async () => {
      const response = await t.post('/api/v1/users.logoutOtherClients', {}, pat);
      assert.equal(response.statusCode, 200, response.body);
      assert.deepEqual(response.json(), { token: pat.token, tokenExpires: '', success: true });
      assert.equal(await me(alice), 401);
      assert.equal(await me(pat), 200);
    });

    it('users.logout signs the caller out everywhere, PATs included (RC unsetLoginTokens)', async () => {
      assert.equal(await me(aliceOther), 200);
      const response = await t.post('/api/v1/users.logout', {}, alice);
      assert.equal(response.statusCode, 200);
      assert.deepEqual(response.json(), {
        message: `User ${alice.userId} has been logged out!`,
        success: true,
      });
      assert.equal(await me(alice), 401);
      assert.equal(await me(aliceOther), 401);
      assert.equal(await me(pat), 401);
      assert.equal(await me(bob), 200);
    });

    it('users.logout of another user needs logout-other-user', async () => {
      const refused = await t.post('/api/v1/users.logout', { userId: alice.userId }, bob);
      assert.equal(refused.statusCode, 403);
      assert.equal(refused.body, '{"success":false,"error":"unauthorized"}');
      assert.equal(await me(alice), 200);

      const response = await t.post('/api/v1/users.logout', { userId: alice.userId }, t.admin);
      assert.equal(response.statusCode, 200);
      assert.deepEqual(response.json(), {
        message: `User ${alice.userId} has been logged out!`,
        success: true,
      });
      assert.equal(await me(alice), 401);
      assert.equal(await me(t.admin), 200);
    });

    it('users.logout: unknown user, bad params, no login', async () => {
      const unknown = await t.post('/api/v1/users.logout', { userId: 'no-such-user' }, t.admin);
      assert.equal(unknown.statusCode, 400);
      assert.deepEqual(unknown.json(), {
        success: false,
        error: 'Invalid user id [error-invalid-user-id]',
        errorType: 'error-invalid-user-id',
      });
      const notString = await t.post('/api/v1/users.logout', { userId: 5 }, t.admin);
      assert.equal(notString.statusCode, 400);
      assert.equal(notString.json().success, false);
      assert.equal(notString.json().errorType, 'invalid-params');
      const extra = await t.post('/api/v1/users.logout', { other: 'x' }, t.admin);
      assert.equal(extra.statusCode, 400);
      assert.equal(extra.json().errorType, 'invalid-params');
      const anonymous = await t.inject({ method: 'POST', url: '/api/v1/users.logout', payload: {} });
      assert.equal(anonymous.statusCode, 401);
      assert.equal(anonymous.body, UNAUTHORIZED);
    });
  });
}
