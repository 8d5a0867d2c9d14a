// Failed-login protection: per account and per IP, fixed windows that expire, the login 401 while blocked.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { LOGIN_GUARD_LIMITS } from '../../src/core/auth/login-guard.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { testStores } from '../helpers/test-stores.js';

const LOGIN_FAILED = '{"success":false,"status":"error","error":"Unauthorized","message":"Unauthorized"}';
const ACCOUNT = LOGIN_GUARD_LIMITS.account;
const IP = LOGIN_GUARD_LIMITS.ip;

for (const [storeName, factory] of testStores()) {
  describe(`failed-login guard (${storeName})`, () => {
    let t: TestApp;
    let now: number;
    let ipCounter = 0;
    beforeEach(async () => {
      now = Date.parse('2026-01-01T00:00:00.000Z');
      t = await startTestApp(factory, { clock: () => new Date(now) });
      // The REST limiter is tested elsewhere; off here so only the guard answers.
      await t.store.saveSetting({ _id: 'API_Enable_Rate_Limiter', value: false, type: 'boolean' });
      await t.createUser({ username: 'alice', email: 'alice@example.com', password: 'alice-secret' });
    });
    afterEach(async () => t.dispose());

    /** A fresh IP per call unless one is given, so only the account count grows. */
    const login = (body: object, remoteAddress = `10.1.0.${++ipCounter % 250}`) =>
      t.inject({ method: 'POST', url: '/api/v1/login', payload: body, remoteAddress });
    const fail = async (times: number, body: object = { user: 'alice', password: 'wrong' }, ip?: string) => {
      for (let i = 0; i < times; i++) assert.equal((await login(body, ip)).statusCode, 401);
    };

    it(`blocks an account after ${ACCOUNT.failures} failures from many IPs, even with the right password`, async () => {
      await fail(ACCOUNT.failures);
      const blocked = await login({ user: 'alice', password: 'alice-secret' });
      assert.equal(blocked.statusCode, 401);
      assert.equal(blocked.body, LOGIN_FAILED);
    });

    it('counts username and email logins of one account together', async () => {
      await fail(ACCOUNT.failures / 2, { user: 'alice', password: 'wrong' });
      await fail(ACCOUNT.failures / 2, { email: 'ALICE@example.com', password: 'wrong' });
      assert.equal((await login({ username: 'alice', password: 'alice-secret' })).statusCode, 401);
    });

    it('unblocks the account when its window ends, so nobody is locked out for good', async () => {
      await fail(ACCOUNT.failures);
      now += ACCOUNT.windowMs - 1;
      assert.equal((await login({ user: 'alice', password: 'alice-secret' })).statusCode, 401);
      now += 1;
      assert.equal((await login({ user: 'alice', password: 'alice-secret' })).statusCode, 200);
    });

    it('does not extend a block with attempts made while blocked', async () => {
      await fail(ACCOUNT.failures);
      for (let i = 0; i < 20; i++) {
        now += 10_000;
        await fail(1);
      }
      now = Date.parse('2026-01-01T00:00:00.000Z') + ACCOUNT.windowMs;
      assert.equal((await login({ user: 'alice', password: 'alice-secret' })).statusCode, 200);
    });

    it('clears the account count on a successful login', async () => {
      await fail(ACCOUNT.failures - 1);
      assert.equal((await login({ user: 'alice', password: 'alice-secret' })).statusCode, 200);
      await fail(ACCOUNT.failures - 1);
      assert.equal((await login({ user: 'alice', password: 'alice-secret' })).statusCode, 200);
    });

    it('blocks unknown usernames the same way, revealing nothing about who exists', async () => {
      await fail(ACCOUNT.failures, { user: 'ghost', password: 'wrong' });
      const response = await login({ user: 'ghost', password: 'wrong' });
      assert.equal(response.body, LOGIN_FAILED);
      assert.equal(
        (await login({ user: 'alice', password: 'alice-secret' })).statusCode,
        200,
        'others unaffected',
      );
    });

    it(`blocks an IP after ${IP.failures} failures across accounts, until its window ends`, async () => {
      for (let i = 0; i < IP.failures; i++) {
        assert.equal((await login({ user: `guess${i}`, password: 'wrong' }, '10.9.9.9')).statusCode, 401);
      }
      assert.equal((await login({ user: 'alice', password: 'alice-secret' }, '10.9.9.9')).statusCode, 401);
      assert.equal((await login({ resume: 'anything' }, '10.9.9.9')).statusCode, 401);
      assert.equal((await login({ user: 'alice', password: 'alice-secret' }, '10.9.9.8')).statusCode, 200);
      now += IP.windowMs;
      assert.equal((await login({ user: 'alice', password: 'alice-secret' }, '10.9.9.9')).statusCode, 200);
    });

    it('counts failed resume logins against the IP', async () => {
      for (let i = 0; i < IP.failures; i++) {
        assert.equal((await login({ resume: `guess-${i}` }, '10.8.8.8')).statusCode, 401);
      }
      assert.equal((await login({ user: 'alice', password: 'alice-secret' }, '10.8.8.8')).statusCode, 401);
    });
  });
}
