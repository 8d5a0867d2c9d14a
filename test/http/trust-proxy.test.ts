// ROSTER_TRUST_PROXY: who the client is for the rate limiter and the loopback policy, behind reverse proxies.
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { closeContext, createContext } from '../../src/core/context.js';
import { buildApp } from '../../src/http/app.js';
import { createMetrics } from '../../src/http/metrics.js';
import type { TrustProxy } from '../../src/trust-proxy.js';
import { silentLog, startTestApp, type Credentials, type TestApp } from '../helpers/test-app.js';
import { testStores } from '../helpers/test-stores.js';

for (const [storeName, factory] of testStores()) {
  describe(`trust proxy (${storeName})`, () => {
    const cleanups: Array<() => Promise<void>> = [];
    afterEach(async () => {
      for (const cleanup of cleanups.splice(0)) await cleanup();
    });

    /** A Roster app trusting `trust`, its users limited to one call per minute per client and route. */
    async function appTrusting(trust: TrustProxy | undefined) {
      const t: TestApp = await startTestApp(factory);
      cleanups.push(() => t.dispose());
      await t.store.settings.save({
        _id: 'API_Enable_Rate_Limiter_Limit_Calls_Default',
        value: 1,
        type: 'int',
      });
      const context = createContext({ store: t.store, log: silentLog, version: '0.0.0-test' });
      const app = await buildApp({
        context,
        ...(trust !== undefined ? { trustProxy: trust } : {}),
        operations: { metrics: createMetrics(), access: 'loopback' },
      });
      cleanups.push(async () => {
        await app.close();
        await closeContext(context);
      });
      const alice = await t.createUser({ username: 'alice' });
      return { app, alice };
    }

    const me = (app: FastifyInstance, who: Credentials, remoteAddress: string, forwardedFor?: string) =>
      app.inject({
        method: 'GET',
        url: '/api/v1/me',
        remoteAddress,
        headers: { ...who.headers, ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}) },
      });

    it('ignores X-Forwarded-For by default: every client behind one address shares its count', async () => {
      const { app, alice } = await appTrusting(undefined);
      assert.equal((await me(app, alice, '10.0.0.9', '203.0.113.1')).statusCode, 200);
      assert.equal((await me(app, alice, '10.0.0.9', '203.0.113.2')).statusCode, 429);
    });

    it('counts each forwarded client on its own behind a trusted number of proxies', async () => {
      const { app, alice } = await appTrusting(1);
      assert.equal((await me(app, alice, '10.0.0.9', '203.0.113.1')).statusCode, 200);
      assert.equal((await me(app, alice, '10.0.0.9', '203.0.113.2')).statusCode, 200);
      assert.equal((await me(app, alice, '10.0.0.9', '203.0.113.1')).statusCode, 429);
    });

    it('counts only the hops it trusts: a client cannot add addresses in front of the real one', async () => {
      const { app, alice } = await appTrusting(1);
      assert.equal((await me(app, alice, '10.0.0.9', '198.51.100.7, 203.0.113.1')).statusCode, 200);
      assert.equal((await me(app, alice, '10.0.0.9', '198.51.100.8, 203.0.113.1')).statusCode, 429);
    });

    it('believes X-Forwarded-For only from the listed proxy addresses', async () => {
      const { app, alice } = await appTrusting(['10.0.0.0/8']);
      assert.equal((await me(app, alice, '192.0.2.50', '203.0.113.1')).statusCode, 200);
      assert.equal((await me(app, alice, '192.0.2.50', '203.0.113.2')).statusCode, 429, 'untrusted sender');
      assert.equal((await me(app, alice, '10.0.0.9', '203.0.113.2')).statusCode, 200, 'trusted proxy');
    });

    it('refuses /metrics to a remote client relayed by a trusted local proxy, under the loopback policy', async () => {
      const { app } = await appTrusting(1);
      const relayed = (client: string) =>
        app.inject({
          method: 'GET',
          url: '/metrics',
          remoteAddress: '127.0.0.1',
          headers: { 'x-forwarded-for': client },
        });
      assert.equal((await relayed('203.0.113.5')).statusCode, 403);
      assert.equal((await relayed('127.0.0.1')).statusCode, 200);
    });
  });
}
