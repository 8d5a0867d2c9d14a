// users-info.md §1: authentication, then validation, then whatever runs as a preHandler (the rate limiter).
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import qs from 'qs';
import { authenticate } from '../../../src/http/authenticate.js';
import { installEnvelope } from '../../../src/http/envelope.js';
import { usersInfoRoutes } from '../../../src/http/routes/users-info.js';
import type { TestApp } from '../../helpers/test-app.js';
import { testStores } from '../../helpers/test-stores.js';
import { startUsersInfoApp } from './fixtures.js';

for (const [storeName, factory] of testStores()) {
  describe(`users.info order of checks (${storeName})`, () => {
    let t: TestApp;
    let app: FastifyInstance;
    let preHandlerCalls: number;

    // The route group mounted as app.ts mounts it, plus a counting preHandler where the rate limiter hooks in.
    beforeEach(async () => {
      t = await startUsersInfoApp(factory);
      preHandlerCalls = 0;
      app = Fastify({ routerOptions: { querystringParser: (query: string) => qs.parse(query) } });
      app.decorateRequest('caller', null);
      installEnvelope(app);
      await app.register(async (authenticated) => {
        authenticated.addHook('onRequest', authenticate(t.context));
        authenticated.addHook('preHandler', async () => void preHandlerCalls++);
        usersInfoRoutes(authenticated, t.context);
      });
    });
    afterEach(async () => {
      await app.close();
      await t.dispose();
    });

    const get = (query: string, headers: Record<string, string> = t.admin.headers) =>
      app.inject({ method: 'GET', url: `/api/v1/users.info?${query}`, headers });

    it('answers 401 without reaching validation or the preHandler', async () => {
      const response = await get('userId=a&userId=b', {});
      assert.equal(response.statusCode, 401);
      assert.equal(preHandlerCalls, 0);
    });

    it('answers 400 invalid-params without reaching the preHandler', async () => {
      const response = await get('userId=a&foo=1');
      assert.equal(response.statusCode, 400);
      assert.equal(response.json().errorType, 'invalid-params');
      assert.equal(preHandlerCalls, 0);
    });

    it('reaches the preHandler once for a valid query, found or not', async () => {
      assert.equal((await get(`userId=${t.admin.userId}`)).statusCode, 200);
      assert.equal((await get('userId=nobody')).statusCode, 400);
      assert.equal((await get('userId=')).statusCode, 400);
      assert.equal(preHandlerCalls, 3);
    });
  });
}
