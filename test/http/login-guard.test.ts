// Failed-login protection (Block_Multiple_Failed_Logins_*): per (account, IP) and per IP, settings, unblock, F5.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { Json } from '../../src/core/documents.js';
import type { Logger } from '../../src/core/logger.js';
import { KNOWN_SETTINGS } from '../../src/core/setup/defaults.js';
import { PROXY_WARNING } from '../../src/http/proxy-warning.js';
import { silentLog, startTestApp, type TestApp } from '../helpers/test-app.js';
import { testStores } from '../helpers/test-stores.js';

const blockedBody = (block: 'ip' | 'user') =>
  JSON.stringify({
    success: false,
    error: `error-login-blocked-for-${block}`,
    status: 'error',
    details: { function: 'Accounts.validateLoginAttempt' },
    message: `Login has been temporarily blocked For ${block === 'ip' ? 'IP' : 'User'}`,
  });
const USER_FAILURES = KNOWN_SETTINGS.Block_Multiple_Failed_Logins_Attempts_Until_Block_by_User.value;
const USER_WINDOW_MS =
  KNOWN_SETTINGS.Block_Multiple_Failed_Logins_Time_To_Unblock_By_User_In_Minutes.value * 60_000;
const IP_FAILURES = KNOWN_SETTINGS.Block_Multiple_Failed_Logins_Attempts_Until_Block_By_Ip.value;
const IP_WINDOW_MS =
  KNOWN_SETTINGS.Block_Multiple_Failed_Logins_Time_To_Unblock_By_Ip_In_Minutes.value * 60_000;
const IP_A = '10.1.0.1';
const IP_B = '10.2.0.2';

for (const [storeName, factory] of testStores()) {
  describe(`failed-login guard (${storeName})`, () => {
    let t: TestApp;
    let now: number;
    const warnings: string[] = [];
    const log: Logger = { ...silentLog, warn: (_object, message) => void warnings.push(message ?? '') };
    beforeEach(async () => {
      now = Date.parse('2026-01-01T00:00:00.000Z');
      warnings.length = 0;
      t = await startTestApp(factory, { clock: () => new Date(now), log });
      // The REST limiter is tested elsewhere; off here so only the guard answers.
      await t.store.settings.save({ _id: 'API_Enable_Rate_Limiter', value: false, type: 'boolean' });
      await t.createUser({ username: 'alice', email: 'alice@example.com', password: 'alice-secret' });
    });
    afterEach(async () => t.dispose());

    const setting = (id: keyof typeof KNOWN_SETTINGS, value: Json) =>
      t.store.settings.save({ _id: id, value, type: KNOWN_SETTINGS[id].type });
    const login = (body: object, remoteAddress = IP_A, headers: Record<string, string> = {}) =>
      t.inject({ method: 'POST', url: '/api/v1/login', payload: body, remoteAddress, headers });
    const right = (ip = IP_A) => login({ user: 'alice', password: 'alice-secret' }, ip);
    const fail = async (times: number, ip = IP_A, body: object = { user: 'alice', password: 'wrong' }) => {
      for (let i = 0; i < times; i++) assert.equal((await login(body, ip)).statusCode, 401);
    };

    it(`blocks an account from one IP after ${USER_FAILURES} failures, even with the right password`, async () => {
      await fail(USER_FAILURES - 1);
      assert.equal((await right()).statusCode, 200, 'one below the threshold');
      await fail(USER_FAILURES);
      const blocked = await right();
      assert.equal(blocked.statusCode, 401);
      assert.equal(blocked.body, blockedBody('user'));
    });

    it('never lets failures from IP A block the right password from IP B (per account and IP)', async () => {
      await fail(USER_FAILURES, IP_A);
      assert.equal((await right(IP_A)).body, blockedBody('user'));
      assert.equal((await right(IP_B)).statusCode, 200);
      assert.equal((await right(IP_A)).body, blockedBody('user'), 'a success elsewhere does not unblock A');
    });

    it('counts username and email logins of one account together', async () => {
      await fail(USER_FAILURES / 2, IP_A, { user: 'alice', password: 'wrong' });
      await fail(USER_FAILURES / 2, IP_A, { email: 'ALICE@example.com', password: 'wrong' });
      assert.equal((await login({ username: 'alice', password: 'alice-secret' })).body, blockedBody('user'));
    });

    it('unblocks the account when its window ends, and attempts while blocked do not extend it', async () => {
      await fail(USER_FAILURES);
      for (let i = 0; i < 20; i++) {
        now += 10_000;
        await fail(1);
      }
      now = Date.parse('2026-01-01T00:00:00.000Z') + USER_WINDOW_MS - 1;
      assert.equal((await right()).statusCode, 401);
      now += 1;
      assert.equal((await right()).statusCode, 200);
    });

    it('blocks unknown usernames the same way, revealing nothing about who exists', async () => {
      await fail(USER_FAILURES, IP_A, { user: 'ghost', password: 'wrong' });
      assert.equal((await login({ user: 'ghost', password: 'wrong' })).body, blockedBody('user'));
      assert.equal((await right()).statusCode, 200, 'others unaffected');
    });

    it('follows the per-user threshold and window settings', async () => {
      await setting('Block_Multiple_Failed_Logins_Attempts_Until_Block_by_User', 3);
      await setting('Block_Multiple_Failed_Logins_Time_To_Unblock_By_User_In_Minutes', 1);
      await fail(3);
      assert.equal((await right()).body, blockedBody('user'));
      now += 60_000;
      assert.equal((await right()).statusCode, 200);
    });

    it('blocks nothing when Block_Multiple_Failed_Logins_Enabled is off, and no user block with _By_User off', async () => {
      await setting('Block_Multiple_Failed_Logins_Enabled', false);
      await fail(IP_FAILURES + 1);
      assert.equal((await right()).statusCode, 200);
      await setting('Block_Multiple_Failed_Logins_Enabled', true);
      await setting('Block_Multiple_Failed_Logins_By_User', false);
      await fail(USER_FAILURES + 1, IP_B);
      assert.equal((await right(IP_B)).statusCode, 200);
    });

    it(`blocks an IP after ${IP_FAILURES} failures across accounts, until its window ends`, async () => {
      for (let i = 0; i < IP_FAILURES; i++) {
        assert.equal((await login({ user: `guess${i}`, password: 'wrong' }, '10.9.9.9')).statusCode, 401);
      }
      assert.equal((await right('10.9.9.9')).body, blockedBody('ip'));
      assert.equal((await login({ resume: 'anything' }, '10.9.9.9')).body, blockedBody('ip'));
      assert.equal((await right('10.9.9.8')).statusCode, 200);
      now += IP_WINDOW_MS;
      assert.equal((await right('10.9.9.9')).statusCode, 200);
    });

    it('follows the IP threshold setting, _By_Ip off, and counts failed resume logins', async () => {
      await setting('Block_Multiple_Failed_Logins_Attempts_Until_Block_By_Ip', 4);
      for (let i = 0; i < 4; i++) {
        assert.equal((await login({ resume: `guess-${i}` }, '10.8.8.8')).statusCode, 401);
      }
      assert.equal((await right('10.8.8.8')).body, blockedBody('ip'));
      await setting('Block_Multiple_Failed_Logins_By_Ip', false);
      assert.equal((await right('10.8.8.8')).statusCode, 200);
    });

    it('exempts a whitelisted IP from the IP block only (Block_Multiple_Failed_Logins_Ip_Whitelist)', async () => {
      await setting('Block_Multiple_Failed_Logins_Ip_Whitelist', '10.7.7.6, 10.7.7.7');
      await setting('Block_Multiple_Failed_Logins_Attempts_Until_Block_By_Ip', 4);
      for (const ip of ['10.7.7.7', '10.7.7.5']) {
        for (let i = 0; i < 4; i++) {
          assert.equal((await login({ user: `guess${i}`, password: 'wrong' }, ip)).statusCode, 401);
        }
      }
      assert.equal((await right('10.7.7.7')).statusCode, 200);
      assert.equal((await right('10.7.7.5')).body, blockedBody('ip'), 'others still blocked');
      await fail(USER_FAILURES, '10.7.7.7');
      assert.equal((await right('10.7.7.7')).body, blockedBody('user'), 'the user block still applies');
    });

    it("unblocks the account from every IP when an admin sets the user's password (users.update)", async () => {
      await fail(USER_FAILURES, IP_A);
      await fail(USER_FAILURES, IP_B);
      const alice = await t.store.users.findByUsername('alice');
      const reset = await t.post('/api/v1/users.update', {
        userId: alice?._id,
        data: { password: 'new-secret' },
      });
      assert.equal(reset.statusCode, 200);
      assert.equal((await login({ user: 'alice', password: 'new-secret' }, IP_A)).statusCode, 200);
      assert.equal((await login({ user: 'alice', password: 'new-secret' }, IP_B)).statusCode, 200);
      await fail(USER_FAILURES, IP_A);
      assert.equal(
        (await login({ user: 'alice', password: 'new-secret' }, IP_A)).body,
        blockedBody('user'),
        'counting starts again',
      );
    });

    it('warns once when X-Forwarded-For comes from a private or loopback peer while trust-proxy is off', async () => {
      const forwarded = { 'x-forwarded-for': '198.51.100.7' };
      await login({ user: 'alice', password: 'wrong' }, '203.0.113.5', forwarded);
      assert.deepEqual(warnings, [], 'a public peer is no proxy');
      await login({ user: 'alice', password: 'wrong' }, '127.0.0.1');
      assert.deepEqual(warnings, [], 'no header');
      await login({ user: 'alice', password: 'wrong' }, '127.0.0.1', forwarded);
      await login({ user: 'alice', password: 'wrong' }, '10.0.0.3', forwarded);
      assert.deepEqual(warnings, [PROXY_WARNING]);
    });
  });
}
