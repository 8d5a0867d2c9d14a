// The REST rate limiter (compat.md §4): per IP and route+method, settings-driven, headers, 429, bypass.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { startTestApp, type Credentials, type TestApp } from '../helpers/test-app.js';
import { testStores } from '../helpers/test-stores.js';

const tooMany = (seconds: number) =>
  `{"success":false,"error":"Error, too many requests. Please slow down. You must wait ${seconds} seconds before trying this endpoint again. [error-too-many-requests]"}`;

function limitHeaders(response: LightMyRequestResponse) {
  return {
    limit: response.headers['x-ratelimit-limit'],
    remaining: response.headers['x-ratelimit-remaining'],
    reset: response.headers['x-ratelimit-reset'],
  };
}

for (const [storeName, factory] of testStores()) {
  describe(`rate limiter (${storeName})`, () => {
    let t: TestApp;
    let alice: Credentials;
    let now: number;
    beforeEach(async () => {
      now = Date.parse('2026-01-01T00:00:00.000Z');
      t = await startTestApp(factory, { clock: () => new Date(now) });
      alice = await t.createUser({ username: 'alice', password: 'alice-secret' });
    });
    afterEach(async () => t.dispose());

    const limitTo = async (calls: number, windowMs: number) => {
      await t.store.settings.save({
        _id: 'API_Enable_Rate_Limiter_Limit_Calls_Default',
        value: calls,
        type: 'int',
      });
      await t.store.settings.save({
        _id: 'API_Enable_Rate_Limiter_Limit_Time_Default',
        value: windowMs,
        type: 'int',
      });
    };
    const me = (who: Credentials = alice, remoteAddress?: string) =>
      t.inject({
        method: 'GET',
        url: '/api/v1/me',
        headers: who.headers,
        ...(remoteAddress ? { remoteAddress } : {}),
      });

    it('allows the default 10 calls per minute, then answers 429', async () => {
      for (let call = 1; call <= 10; call++) {
        const response = await me();
        assert.equal(response.statusCode, 200, `call ${call}`);
        assert.equal(response.headers['x-ratelimit-limit'], '10');
        assert.equal(response.headers['x-ratelimit-remaining'], String(10 - call));
      }
      const response = await me();
      assert.equal(response.statusCode, 429);
      assert.equal(response.body, tooMany(60));
    });

    it('counts down X-RateLimit-Remaining with X-RateLimit-Reset in absolute epoch milliseconds', async () => {
      await limitTo(3, 10_000);
      const resetAt = String(now + 10_000);
      const seen = [];
      for (let call = 0; call < 3; call++) {
        seen.push(limitHeaders(await me()));
        now += 1000;
      }
      assert.deepEqual(seen, [
        { limit: '3', remaining: '2', reset: resetAt },
        { limit: '3', remaining: '1', reset: resetAt },
        { limit: '3', remaining: '0', reset: resetAt },
      ]);
    });

    it('answers 429 with the seconds left rounded up, with the headers, until the window ends', async () => {
      await limitTo(2, 10_000);
      const start = now;
      await me();
      await me();
      now += 4_500;
      const limited = await me();
      assert.equal(limited.statusCode, 429);
      assert.equal(limited.body, tooMany(6));
      assert.deepEqual(limitHeaders(limited), { limit: '2', remaining: '0', reset: String(start + 10_000) });
      assert.equal(limited.headers['content-type'], 'application/json');

      now = start + 9_999;
      assert.equal((await me()).body, tooMany(1));
      now = start + 10_000;
      const reset = await me();
      assert.equal(reset.statusCode, 200);
      assert.deepEqual(limitHeaders(reset), { limit: '2', remaining: '1', reset: String(now + 10_000) });
    });

    it('counts each route and method on its own', async () => {
      await limitTo(1, 60_000);
      assert.equal((await me()).statusCode, 200);
      assert.equal((await me()).statusCode, 429);
      const other = await t.get('/api/v1/users.getPersonalAccessTokens', alice);
      assert.equal(other.statusCode, 200);
      assert.equal(other.headers['x-ratelimit-remaining'], '0');
    });

    it("counts HEAD in its GET's bucket: no second budget (security F17)", async () => {
      await limitTo(1, 60_000);
      assert.equal((await me()).statusCode, 200);
      const head = await t.inject({ method: 'HEAD', url: '/api/v1/me', headers: alice.headers });
      assert.equal(head.statusCode, 429);
    });

    it('counts each client IP on its own, whoever the user', async () => {
      await limitTo(1, 60_000);
      const bob = await t.createUser({ username: 'bob' });
      assert.equal((await me(alice, '10.0.0.1')).statusCode, 200);
      assert.equal((await me(bob, '10.0.0.1')).statusCode, 429, 'same IP, other user: one count');
      assert.equal((await me(alice, '10.0.0.2')).statusCode, 200, 'other IP');
    });

    it('lets callers with api-bypass-rate-limit (admin by default) through without headers', async () => {
      await limitTo(1, 60_000);
      for (let call = 0; call < 5; call++) {
        const response = await me(t.admin);
        assert.equal(response.statusCode, 200);
        assert.equal(response.headers['x-ratelimit-limit'], undefined);
      }
      const bot = await t.createUser({ username: 'bot1', roles: ['bot'] });
      assert.equal((await me(bot)).statusCode, 200);
      assert.equal((await me(bot)).statusCode, 200);
    });

    it('limits the admin once api-bypass-rate-limit is withdrawn through the store', async () => {
      await limitTo(1, 60_000);
      await t.store.permissions.saveMany([{ _id: 'api-bypass-rate-limit', roles: ['bot', 'app'] }]);
      assert.equal((await me(t.admin)).statusCode, 200);
      assert.equal((await me(t.admin)).statusCode, 429);
    });

    it('stops limiting when API_Enable_Rate_Limiter is false, and resumes on the next request', async () => {
      await limitTo(1, 60_000);
      await me();
      await t.store.settings.save({ _id: 'API_Enable_Rate_Limiter', value: false, type: 'boolean' });
      const free = await me();
      assert.equal(free.statusCode, 200);
      assert.equal(free.headers['x-ratelimit-limit'], undefined);
      await t.store.settings.save({ _id: 'API_Enable_Rate_Limiter', value: true, type: 'boolean' });
      assert.equal((await me()).statusCode, 429);
    });

    it('applies a raised limit on the next request', async () => {
      await limitTo(1, 60_000);
      await me();
      assert.equal((await me()).statusCode, 429);
      await limitTo(5, 60_000);
      const response = await me();
      assert.equal(response.statusCode, 200);
      assert.equal(response.headers['x-ratelimit-limit'], '5');
    });

    it('ends an open window at once when the window setting is shortened below it', async () => {
      await limitTo(1, 60_000);
      await me();
      assert.equal((await me()).statusCode, 429);
      await limitTo(1, 1_000);
      const response = await me();
      assert.equal(response.statusCode, 200);
      assert.equal(response.headers['x-ratelimit-reset'], String(now + 1_000));
    });

    it('answers 401 before 429: unauthenticated calls are neither limited nor counted', async () => {
      await limitTo(1, 60_000);
      for (let call = 0; call < 3; call++) {
        const response = await t.inject({ method: 'GET', url: '/api/v1/me' });
        assert.equal(response.statusCode, 401);
        assert.equal(response.headers['x-ratelimit-limit'], undefined);
      }
      assert.equal((await me()).statusCode, 200);
    });

    it('answers 400 before 429: an invalid body is rejected before it is counted', async () => {
      await limitTo(1, 60_000);
      const url = '/api/v1/users.generatePersonalAccessToken';
      assert.equal((await t.post(url, { tokenName: 'one' }, alice)).statusCode, 200);
      const invalid = await t.post(url, { tokenName: 5 }, alice);
      assert.equal(invalid.statusCode, 400);
      assert.equal((await t.post(url, { tokenName: 'two' }, alice)).statusCode, 429);
    });

    it('limits POST /api/v1/login per IP, correct password or not', async () => {
      await limitTo(2, 60_000);
      const login = (password: string, remoteAddress = '10.0.0.9') =>
        t.inject({
          method: 'POST',
          url: '/api/v1/login',
          payload: { user: 'alice', password },
          remoteAddress,
        });
      const first = await login('alice-secret');
      assert.equal(first.statusCode, 200);
      assert.equal(first.headers['x-ratelimit-remaining'], '1');
      assert.equal((await login('wrong')).statusCode, 401);
      const limited = await login('alice-secret');
      assert.equal(limited.statusCode, 429);
      assert.equal(limited.body, tooMany(60));
      assert.equal((await login('alice-secret', '10.0.0.10')).statusCode, 200, 'another IP');
    });
  });
}
