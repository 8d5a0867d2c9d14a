// After `import`, Rocket.Chat's users, sessions and permissions work through the HTTP API: login with the
// imported passwords, imported resume tokens and PATs, users.info with rooms, roles and custom fields.
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { closeContext, createContext, type Context } from '../../src/core/context.js';
import { buildApp } from '../../src/http/app.js';
import { resolveExportFiles } from '../../src/import/collection-files.js';
import { importExport } from '../../src/import/import-run.js';
import { silentLog } from '../helpers/test-app.js';
import { testStores, type TestStore } from '../helpers/test-stores.js';
import { ALICE, BOB, quietObserver, RELAXED_LINES } from './export-fixtures.js';

/** The fixture's login token was issued 2026-11-20 and Accounts_LoginExpiration is 30 days. */
const NOW = new Date('2026-11-28T12:00:00.000Z');

const asToken = (userId: string, token: string) => ({ 'x-user-id': userId, 'x-auth-token': token });

for (const [storeName, factory] of testStores()) {
  describe(`an imported Rocket.Chat export over HTTP (${storeName})`, () => {
    let testStore: TestStore;
    let context: Context;
    let app: FastifyInstance;
    beforeEach(async () => {
      testStore = await factory();
      const files = await resolveExportFiles([RELAXED_LINES]);
      await importExport(testStore.store, files, { batchSize: 100, skipInvalid: false }, quietObserver);
      context = createContext({ store: testStore.store, log: silentLog, version: 'test', clock: () => NOW });
      app = await buildApp({ context });
    });
    afterEach(async () => {
      await app.close();
      await closeContext(context);
      await testStore.dispose();
    });

    const get = (url: string, headers: Record<string, string>) => app.inject({ method: 'GET', url, headers });

    it('logs an imported user in with the password Rocket.Chat hashed', async () => {
      for (const [user, password, id] of [
        ['alice', ALICE.password, ALICE.id],
        ['bob@example.com', BOB.password, BOB.id],
      ] as const) {
        const response = await app.inject({
          method: 'POST',
          url: '/api/v1/login',
          payload: { user, password },
        });
        assert.equal(response.statusCode, 200, response.body);
        const body = response.json() as { data: { userId: string; authToken: string } };
        assert.equal(body.data.userId, id);
        const me = await get('/api/v1/me', asToken(id, body.data.authToken));
        assert.equal(me.statusCode, 200);
      }
      const wrong = await app.inject({
        method: 'POST',
        url: '/api/v1/login',
        payload: { user: 'alice', password: 'x' },
      });
      assert.equal(wrong.statusCode, 401);
    });

    it("authenticates with the imported resume token and PAT, and shows alice's own view with rooms", async () => {
      for (const token of [ALICE.loginToken, ALICE.personalAccessToken]) {
        const response = await get(
          '/api/v1/users.info?importId=ldap-alice&includeUserRooms=true',
          asToken(ALICE.id, token),
        );
        assert.equal(response.statusCode, 200, response.body);
        const { user } = response.json() as { user: Record<string, unknown> };
        assert.deepEqual(user.customFields, { team: 'Platform', employeeId: 'E-1001' });
        assert.deepEqual(user.importIds, ['slack-U024BE7LH', 'ldap-alice']);
        assert.equal(user.canViewAllInfo, true);
        assert.deepEqual(user.services, { password: true });
        const rooms = user.rooms as Array<Record<string, unknown>>;
        assert.deepEqual(
          rooms.map((room) => [room.t, room.name, room.unread, room.roles]),
          [
            ['c', 'general', 3, undefined],
            ['p', 'platform-team', 0, ['owner', 'moderator']],
          ],
        );
      }
    });

    it('applies the imported permissions and Accounts_CustomFields to a plain user', async () => {
      const login = await app.inject({
        method: 'POST',
        url: '/api/v1/login',
        payload: { user: 'bob', password: BOB.password },
      });
      const { userId, authToken } = (login.json() as { data: { userId: string; authToken: string } }).data;
      const bob = asToken(userId, authToken);
      const alice = await get('/api/v1/users.info?username=alice&includeUserRooms=true', bob);
      assert.equal(alice.statusCode, 200, alice.body);
      const { user } = alice.json() as { user: Record<string, unknown> };
      assert.deepEqual(user.customFields, { team: 'Platform' }, 'only the public field');
      assert.equal(user.canViewAllInfo, false);
      assert.equal(user.emails, undefined);
      assert.equal(user.rooms, undefined);
      for (const query of ['importId=ldap-alice', 'email=alice%40example.com']) {
        const gated = await get(`/api/v1/users.info?${query}`, bob);
        assert.equal(gated.body, '{"success":false,"error":"User not found."}');
      }
      const byEmail = await get(
        '/api/v1/users.info?email=%20ALICE%40example.com',
        asToken(ALICE.id, ALICE.loginToken),
      );
      assert.equal((byEmail.json() as { user: { _id: string } }).user._id, ALICE.id);
    });
  });
}
