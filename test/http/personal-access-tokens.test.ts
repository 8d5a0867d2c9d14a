// users.*PersonalAccessToken(s): generate, list, use, regenerate, remove, the errors and the permission.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { hashLoginToken } from '../../src/core/auth/login-tokens.js';
import { startTestApp, type Credentials, type TestApp } from '../helpers/test-app.js';
import { testStores } from '../helpers/test-stores.js';

const UNAUTHORIZED =
  '{"success":false,"error":"You must be logged in to do this.","status":"error","message":"You must be logged in to do this."}';
const FORBIDDEN =
  '{"success":false,"error":"User does not have the permissions required for this action [error-unauthorized]"}';

for (const [storeName, factory] of testStores()) {
  describe(`personal access tokens (${storeName})`, () => {
    let t: TestApp;
    let alice: Credentials;
    let now: number;
    beforeEach(async () => {
      now = Date.now();
      t = await startTestApp(factory, { clock: () => new Date(now) });
      alice = await t.createUser({ username: 'alice' });
    });
    afterEach(async () => t.dispose());

    const as = (userId: string, token: string): Credentials => ({
      userId,
      token,
      headers: { 'x-user-id': userId, 'x-auth-token': token },
    });
    const generate = (body: unknown, who = alice) =>
      t.post('/api/v1/users.generatePersonalAccessToken', body, who);

    it('generates a token that authenticates, is listed without its secret and never expires', async () => {
      const response = await generate({ tokenName: 'ci', bypassTwoFactor: true });
      assert.equal(response.statusCode, 200);
      const { token, success } = response.json();
      assert.equal(success, true);
      assert.match(token, /^[A-Za-z0-9_-]{43}$/);

      await t.store.settings.save({ _id: 'Accounts_LoginExpiration', value: 1, type: 'int' });
      const pat = as(alice.userId, token);
      const me = await t.get('/api/v1/me', pat);
      assert.equal(me.statusCode, 200);
      assert.equal(me.json().username, 'alice');

      const list = await t.get('/api/v1/users.getPersonalAccessTokens', alice);
      assert.equal(list.statusCode, 200);
      const { tokens } = list.json();
      assert.equal(tokens.length, 1);
      assert.deepEqual(Object.keys(tokens[0]).sort(), [
        'bypassTwoFactor',
        'createdAt',
        'lastTokenPart',
        'name',
      ]);
      assert.equal(tokens[0].name, 'ci');
      assert.equal(tokens[0].lastTokenPart, token.slice(-6));
      assert.equal(tokens[0].bypassTwoFactor, true);
      assert.match(tokens[0].createdAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      assert.equal(list.body.includes(token), false);
      assert.equal(list.body.includes(hashLoginToken(token)), false);
    });

    it('keeps a personal access token working long past Accounts_LoginExpiration', async () => {
      const { token } = (await generate({ tokenName: 'bot' })).json();
      await t.store.settings.save({ _id: 'Accounts_LoginExpiration', value: 1, type: 'int' });
      now += 365 * 86_400_000;
      assert.equal((await t.get('/api/v1/me', as(alice.userId, token))).statusCode, 200);
      assert.equal((await t.get('/api/v1/me', alice)).statusCode, 401, 'a login token has expired by then');
    });

    it('defaults bypassTwoFactor to false and lists an empty array when there are none', async () => {
      assert.deepEqual((await t.get('/api/v1/users.getPersonalAccessTokens', alice)).json(), {
        tokens: [],
        success: true,
      });
      await generate({ tokenName: 'plain' });
      const [entry] = (await t.get('/api/v1/users.getPersonalAccessTokens', alice)).json().tokens;
      assert.equal(entry.bypassTwoFactor, false);
    });

    it('answers 400 error-token-already-exists for a duplicate name', async () => {
      await generate({ tokenName: 'ci' });
      const response = await generate({ tokenName: 'ci' });
      assert.equal(response.statusCode, 400);
      assert.equal(
        response.body,
        '{"success":false,"error":"A token with this name already exists [error-token-already-exists]","errorType":"error-token-already-exists"}',
      );
    });

    it('lets two users use the same token name', async () => {
      assert.equal((await generate({ tokenName: 'ci' })).statusCode, 200);
      assert.equal((await generate({ tokenName: 'ci' }, t.admin)).statusCode, 200);
    });

    it('regenerates: the old token stops working, the new one works, bypassTwoFactor is kept', async () => {
      const old = (await generate({ tokenName: 'ci', bypassTwoFactor: true })).json().token;
      const response = await t.post(
        '/api/v1/users.regeneratePersonalAccessToken',
        { tokenName: 'ci' },
        alice,
      );
      assert.equal(response.statusCode, 200);
      const fresh = response.json().token;
      assert.notEqual(fresh, old);
      assert.equal((await t.get('/api/v1/me', as(alice.userId, old))).body, UNAUTHORIZED);
      assert.equal((await t.get('/api/v1/me', as(alice.userId, fresh))).statusCode, 200);
      const { tokens } = (await t.get('/api/v1/users.getPersonalAccessTokens', alice)).json();
      assert.deepEqual(
        tokens.map((entry: { name: string; bypassTwoFactor: boolean }) => [
          entry.name,
          entry.bypassTwoFactor,
        ]),
        [['ci', true]],
      );
    });

    it('removes: the removed token answers 401 and is no longer listed', async () => {
      const { token } = (await generate({ tokenName: 'ci' })).json();
      const response = await t.post('/api/v1/users.removePersonalAccessToken', { tokenName: 'ci' }, alice);
      assert.equal(response.statusCode, 200);
      assert.equal(response.body, '{"success":true}');
      const me = await t.get('/api/v1/me', as(alice.userId, token));
      assert.equal(me.statusCode, 401);
      assert.equal(me.body, UNAUTHORIZED);
      assert.deepEqual((await t.get('/api/v1/users.getPersonalAccessTokens', alice)).json().tokens, []);
    });

    it('answers 400 error-token-does-not-exists when regenerating or removing an unknown name', async () => {
      for (const url of [
        '/api/v1/users.regeneratePersonalAccessToken',
        '/api/v1/users.removePersonalAccessToken',
      ]) {
        const response = await t.post(url, { tokenName: 'nope' }, alice);
        assert.equal(response.statusCode, 400);
        assert.equal(
          response.body,
          '{"success":false,"error":"Token does not exist [error-token-does-not-exists]","errorType":"error-token-does-not-exists"}',
        );
      }
    });

    it('answers 400 "The \'tokenName\' param is required" for a missing or empty name', async () => {
      for (const url of [
        '/api/v1/users.generatePersonalAccessToken',
        '/api/v1/users.regeneratePersonalAccessToken',
        '/api/v1/users.removePersonalAccessToken',
      ]) {
        for (const body of [{}, { tokenName: '' }]) {
          const response = await t.post(url, body, alice);
          assert.equal(response.statusCode, 400);
          assert.equal(response.body, '{"success":false,"error":"The \'tokenName\' param is required"}');
        }
      }
    });

    it('answers 400 invalid-params for a non-string name or non-boolean bypassTwoFactor', async () => {
      for (const body of [{ tokenName: 7 }, { tokenName: 'x', bypassTwoFactor: 'true' }]) {
        const response = await generate(body);
        assert.equal(response.statusCode, 400);
        assert.equal(response.json().errorType, 'invalid-params');
      }
      assert.deepEqual((await t.get('/api/v1/users.getPersonalAccessTokens', alice)).json().tokens, []);
    });

    it('answers 403 on every endpoint without create-personal-access-tokens', async () => {
      const guest = await t.createUser({ username: 'guest1', roles: ['guest'] });
      for (const [method, url] of [
        ['POST', '/api/v1/users.generatePersonalAccessToken'],
        ['POST', '/api/v1/users.regeneratePersonalAccessToken'],
        ['POST', '/api/v1/users.removePersonalAccessToken'],
        ['GET', '/api/v1/users.getPersonalAccessTokens'],
      ] as const) {
        const response =
          method === 'GET' ? await t.get(url, guest) : await t.post(url, { tokenName: 'ci' }, guest);
        assert.equal(response.statusCode, 403, url);
        assert.equal(response.body, FORBIDDEN);
      }
    });

    it('follows the permission as it is changed through the store', async () => {
      await t.store.permissions.saveMany([{ _id: 'create-personal-access-tokens', roles: ['admin'] }]);
      assert.equal((await generate({ tokenName: 'ci' })).statusCode, 403);
      await t.store.permissions.saveMany([
        { _id: 'create-personal-access-tokens', roles: ['admin', 'user'] },
      ]);
      assert.equal((await generate({ tokenName: 'ci' })).statusCode, 200);
    });

    it('answers 401 without credentials', async () => {
      const response = await t.inject({ method: 'GET', url: '/api/v1/users.getPersonalAccessTokens' });
      assert.equal(response.body, UNAUTHORIZED);
    });
  });
}
