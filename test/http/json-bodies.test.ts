// Security F8: deep JSON refused before parsing, small body limits on login/logout/PAT routes, login's rate limit
// applied before the body is read.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { nestsDeeperThan } from '../../src/http/json-body.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { testStores } from '../helpers/test-stores.js';

const TOO_DEEP = { success: false, error: 'JSON body nested deeper than 32 levels [error-invalid-body]' };
const TOO_LARGE = { success: false, error: 'Request body is too large [error-body-too-large]' };

const nested = (depth: number) => `{"user":${'['.repeat(depth - 1)}${']'.repeat(depth - 1)},"password":"x"}`;

describe('nestsDeeperThan', () => {
  it('counts brackets outside strings only, escapes included', () => {
    assert.equal(nestsDeeperThan(nested(32), 32), false);
    assert.equal(nestsDeeperThan(nested(33), 32), true);
    assert.equal(nestsDeeperThan(`{"a":"${'['.repeat(100)}\\"${'{'.repeat(100)}"}`, 32), false);
  });
});

for (const [storeName, factory] of testStores()) {
  describe(`request bodies (${storeName})`, () => {
    let t: TestApp;
    beforeEach(async () => (t = await startTestApp(factory)));
    afterEach(async () => t.dispose());

    const postRaw = (url: string, payload: string, headers: Record<string, string> = {}) =>
      t.inject({ method: 'POST', url, headers: { 'content-type': 'application/json', ...headers }, payload });

    it('answers 400 in the envelope for JSON nested deeper than 32, on public and authenticated routes', async () => {
      const deep = await postRaw('/api/v1/login', nested(500_000 / 2));
      assert.equal(deep.statusCode, 400);
      assert.deepEqual(deep.json(), TOO_LARGE); // login's 8 KiB limit comes first
      const login = await postRaw('/api/v1/login', nested(33));
      assert.equal(login.statusCode, 400);
      assert.deepEqual(login.json(), TOO_DEEP);
      const atLimit = await postRaw('/api/v1/login', nested(32));
      assert.equal(atLimit.statusCode, 400); // parsed, then refused by the schema
      assert.equal(atLimit.json().errorType, 'invalid-params');
      const body = `{"userId":"${t.admin.userId}","data":{"customFields":${'{"a":'.repeat(40)}1${'}'.repeat(40)}}}`;
      const update = await postRaw('/api/v1/users.update', body, t.admin.headers);
      assert.equal(update.statusCode, 400);
      assert.deepEqual(update.json(), TOO_DEEP);
    });

    it('limits login, logout and PAT bodies to 8 KiB', async () => {
      const big = JSON.stringify({ user: 'admin', password: 'x'.repeat(9000) });
      assert.deepEqual((await postRaw('/api/v1/login', big)).json(), TOO_LARGE);
      const pat = JSON.stringify({ tokenName: 'x'.repeat(9000) });
      const patAnswer = await postRaw('/api/v1/users.generatePersonalAccessToken', pat, t.admin.headers);
      assert.deepEqual(patAnswer.json(), TOO_LARGE);
      const logout = await postRaw(
        '/api/v1/logout',
        JSON.stringify({ pad: 'x'.repeat(9000) }),
        t.admin.headers,
      );
      assert.deepEqual(logout.json(), TOO_LARGE);
      // Other routes keep the 1 MiB limit.
      const bio = JSON.stringify({ userId: t.admin.userId, data: { nickname: 'x'.repeat(9000) } });
      const update = await postRaw('/api/v1/users.update', bio, t.admin.headers);
      assert.equal(update.json().errorType, 'error-nickname-size-exceeded');
    });

    it('answers a rate-limited login with 429 before reading its body', async () => {
      await t.store.settings.save({ _id: 'API_Enable_Rate_Limiter', type: 'boolean', value: true });
      await t.store.settings.save({
        _id: 'API_Enable_Rate_Limiter_Limit_Calls_Default',
        type: 'int',
        value: 2,
      });
      for (let i = 0; i < 2; i++) {
        assert.equal((await postRaw('/api/v1/login', '{"user":"admin","password":"wrong"}')).statusCode, 401);
      }
      for (const payload of [nested(33), '{"user":', JSON.stringify({ password: 'x'.repeat(9000) })]) {
        const limited = await postRaw('/api/v1/login', payload);
        assert.equal(limited.statusCode, 429, limited.body);
        assert.equal(limited.json().success, false);
      }
    });
  });
}
