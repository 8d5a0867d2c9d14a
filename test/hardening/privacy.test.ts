// Property-based privacy: for random users, secrets and permission sets, no caller receives a field it may not
// see (users.info, me, users.list, login's me), and no secret appears in any response or log line.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { hashLoginToken } from '../../src/core/auth/login-tokens.js';
import { memoryLogger } from '../helpers/memory-log.js';
import { startTestApp, type Credentials, type TestApp } from '../helpers/test-app.js';
import { testStores } from '../helpers/test-stores.js';
import {
  DEFAULT_FIELDS,
  FULL_FIELDS,
  grantToUserRole,
  grants,
  LIST_FIELDS_FULL,
  LIST_FIELDS_PLAIN,
  secretUser,
  type SecretUser,
} from './privacy-data.js';

const RUNS = Number(process.env.ROSTER_PROPERTY_RUNS ?? 16);

function keysOutside(object: Record<string, unknown>, allowed: readonly string[]): string[] {
  return Object.keys(object).filter((key) => !allowed.includes(key));
}

for (const [storeName, factory] of testStores()) {
  describe(`privacy invariants, property-based (${storeName})`, () => {
    let t: TestApp;
    const memory = memoryLogger('debug');
    /** Every body returned, and every secret planted, over the whole suite: checked once more at the end. */
    const bodies: string[] = [];
    const secrets: string[] = [];
    let serial = 0;
    before(async () => {
      t = await startTestApp(factory, { logger: memory.log });
      await t.store.settings.save({ _id: 'API_Enable_Rate_Limiter', type: 'boolean', value: false });
    });
    after(async () => t.dispose());

    async function plantUser(data: SecretUser, password: string) {
      serial += 1;
      const username = `p${serial}`;
      const created = await t.createUser({ username, password, extra: { ...data.never, ...data.optional } });
      await t.store.users.update(created.userId, (user) => ({
        ...user,
        services: { ...(user.services as object), ...data.services },
      }));
      const stored = await t.store.users.findById(created.userId);
      const bcrypt = (stored?.services as { password?: { bcrypt?: string } }).password?.bcrypt ?? '';
      const planted = [...data.secrets, bcrypt, password, created.token, hashLoginToken(created.token)];
      secrets.push(...planted);
      return { ...created, username, planted };
    }

    async function call(method: 'GET' | 'POST', url: string, as?: Credentials, payload?: object) {
      const response = await t.inject({
        method,
        url,
        headers: as?.headers ?? {},
        ...(payload ? { payload } : {}),
      });
      bodies.push(response.body);
      return response;
    }

    function assertNoSecret(text: string, planted: readonly string[], allowed: readonly string[] = []): void {
      for (const secret of planted) {
        if (secret && !allowed.includes(secret))
          assert.ok(!text.includes(secret), `a secret leaked: ${secret.slice(0, 12)}…`);
      }
    }

    it('users.info shows a caller only §5 fields: full ones to itself or with view-full-other-user-info, never secrets', async () => {
      await fc.assert(
        fc.asyncProperty(
          secretUser,
          secretUser,
          grants,
          fc.boolean(),
          fc.constantFrom('userId', 'username'),
          async (a, b, chosen, self, by) => {
            await grantToUserRole(t, chosen);
            const target = await plantUser(a, 'target-password-1');
            const caller = self ? target : await plantUser(b, 'caller-password-2');
            const query = by === 'userId' ? `userId=${target.userId}` : `username=${target.username}`;
            const response = await call('GET', `/api/v1/users.info?${query}&includeUserRooms=true`, caller);
            assert.equal(response.statusCode, 200, response.body);
            const user = response.json().user as Record<string, unknown>;
            const full = self || chosen.includes('view-full-other-user-info');
            assert.equal(user.canViewAllInfo, full);
            const allowed = [
              '_id',
              'canViewAllInfo',
              'customFields',
              ...DEFAULT_FIELDS,
              ...(full ? FULL_FIELDS : []),
              ...(self ? ['services'] : []),
              ...(self || chosen.includes('view-other-user-channels') ? ['rooms'] : []),
            ];
            assert.deepEqual(keysOutside(user, allowed), []);
            const custom = (user.customFields ?? {}) as Record<string, unknown>;
            assert.deepEqual(keysOutside(custom, full ? ['public1', 'private1'] : ['public1']), []);
            assertNoSecret(response.body, [...target.planted, ...(self ? [] : caller.planted)]);
            if (self)
              assert.equal((user.services as { password?: unknown } | undefined)?.password ?? true, true);
          },
        ),
        { numRuns: RUNS, seed: 101 },
      );
    });

    it('users.list answers only with view-d-room (Rocket.Chat permissionsRequired), and shows emails, roles and lastLogin only with view-full-other-user-info', async () => {
      await fc.assert(
        fc.asyncProperty(secretUser, grants, async (a, chosen) => {
          await grantToUserRole(t, chosen);
          const caller = await plantUser(a, 'list-password-3');
          const response = await call('GET', '/api/v1/users.list?count=100&sort={"username":-1}', caller);
          if (!chosen.includes('view-d-room')) {
            assert.equal(response.statusCode, 403, response.body);
            return;
          }
          assert.equal(response.statusCode, 200, response.body);
          const full = chosen.includes('view-full-other-user-info');
          for (const user of response.json().users as Array<Record<string, unknown>>) {
            assert.deepEqual(keysOutside(user, full ? LIST_FIELDS_FULL : LIST_FIELDS_PLAIN), []);
          }
          assertNoSecret(response.body, secrets);
        }),
        { numRuns: Math.ceil(RUNS / 2), seed: 102 },
      );
    });

    it('me and the login answer never carry a hash, a stored token, a TOTP secret or an OAuth token', async () => {
      await fc.assert(
        fc.asyncProperty(secretUser, fc.stringMatching(/^[A-Za-z0-9!-]{12,30}$/), async (a, raw) => {
          const password = `PW${raw}`;
          const user = await plantUser(a, password);
          const credentials = { user: user.username, password };
          let login = await call('POST', '/api/v1/login', undefined, credentials);
          if (login.statusCode === 401 && login.json().error === 'totp-required') {
            // A planted user with TOTP on is asked for the code: that answer carries no secret either. Then
            // the same login with 2FA switched off, to see the login answer itself.
            assertNoSecret(login.body, user.planted);
            await t.store.settings.save({ _id: 'Accounts_TwoFactorAuthentication_Enabled', value: false });
            login = await call('POST', '/api/v1/login', undefined, credentials);
            await t.store.settings.save({ _id: 'Accounts_TwoFactorAuthentication_Enabled', value: true });
          }
          assert.equal(login.statusCode, 200, login.body);
          const { authToken } = login.json().data as { authToken: string };
          // The login answer hands the caller its new token once; nothing else secret.
          assertNoSecret(login.body, [...user.planted, hashLoginToken(authToken)]);
          const me = await call('GET', '/api/v1/me', user);
          assert.equal(me.statusCode, 200);
          assertNoSecret(me.body, user.planted);
          const failed = await call('POST', '/api/v1/login', undefined, {
            user: user.username,
            password: `${password}x`,
          });
          assert.equal(failed.statusCode, 401);
          assertNoSecret(failed.body, user.planted);
        }),
        { numRuns: Math.ceil(RUNS / 2), seed: 103 },
      );
    });

    it('no planted secret or password appears in any log line of the whole suite', () => {
      assert.ok(secrets.length > 0 && bodies.length > 0);
      const log = memory.lines().join('\n');
      assert.ok(log.length > 0, 'the suite logged nothing; the check would prove nothing');
      for (const secret of secrets)
        if (secret) assert.ok(!log.includes(secret), `a secret reached the log: ${secret.slice(0, 12)}…`);
    });
  });
}
