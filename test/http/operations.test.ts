// /metrics, /livez, /readyz under each access policy; the per-request log line; Node-level limits.
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, it } from 'node:test';
import { closeContext, createContext } from '../../src/core/context.js';
import { buildApp } from '../../src/http/app.js';
import { createMetrics } from '../../src/http/metrics.js';
import type { OperationsAccess } from '../../src/http/routes/operations.js';
import { memoryLogger } from '../helpers/memory-log.js';
import { silentLog, startTestApp, type TestApp } from '../helpers/test-app.js';
import { testStores, type TestStore } from '../helpers/test-stores.js';

for (const [storeName, factory] of testStores()) {
  describe(`operations endpoints (${storeName})`, () => {
    const cleanups: Array<() => Promise<void>> = [];
    afterEach(async () => {
      for (const cleanup of cleanups.splice(0)) await cleanup();
    });

    async function appWith(access: OperationsAccess, logger?: ReturnType<typeof memoryLogger>['log']) {
      const t: TestApp = await startTestApp(factory);
      cleanups.push(() => t.dispose());
      const context = createContext({ store: t.store, log: silentLog, version: '0.0.0-test' });
      const metrics = createMetrics();
      const app = await buildApp({ context, operations: { metrics, access }, ...(logger ? { logger } : {}) });
      cleanups.push(async () => {
        await app.close();
        await closeContext(context);
      });
      return { t, app, testStore: t.testStore as TestStore };
    }

    it('counts requests per route and status in /metrics, with process and cache metrics', async () => {
      const { app } = await appWith('loopback');
      await app.inject({ method: 'GET', url: '/api/info' });
      await app.inject({ method: 'GET', url: '/api/info' });
      await app.inject({ method: 'GET', url: '/api/v1/none' });
      const response = await app.inject({ method: 'GET', url: '/metrics' });
      assert.equal(response.statusCode, 200);
      assert.match(response.headers['content-type'] as string, /^text\/plain/);
      assert.match(
        response.body,
        /roster_http_requests_total\{route="\/api\/info",method="GET",status="200"\} 2/,
      );
      assert.match(
        response.body,
        /roster_http_requests_total\{route="unmatched",method="GET",status="404"\} 1/,
      );
      assert.match(
        response.body,
        /roster_http_request_duration_seconds_bucket\{le="0.0005",route="\/api\/info"/,
      );
      assert.match(response.body, /roster_process_resident_memory_bytes \d+/);
      assert.match(response.body, /roster_cache_hit_ratio\{cache="permissions"\}/);
    });

    it('refuses /metrics, /livez and /readyz to a non-loopback address under the loopback policy', async () => {
      const { app } = await appWith('loopback');
      for (const url of ['/metrics', '/livez', '/readyz']) {
        const response = await app.inject({ method: 'GET', url, remoteAddress: '10.1.2.3' });
        assert.equal(response.statusCode, 403, url);
        assert.equal(JSON.parse(response.body).success, false);
      }
      assert.equal(
        (await app.inject({ method: 'GET', url: '/livez', remoteAddress: '::1' })).statusCode,
        200,
      );
    });

    it('asks for credentials holding view-statistics under the authenticated policy', async () => {
      const { t, app } = await appWith('authenticated');
      const plain = await t.createUser({ username: 'plain' });
      assert.equal((await app.inject({ method: 'GET', url: '/metrics' })).statusCode, 401);
      assert.equal(
        (await app.inject({ method: 'GET', url: '/metrics', headers: plain.headers })).statusCode,
        403,
      );
      const allowed = await app.inject({
        method: 'GET',
        url: '/metrics',
        headers: t.admin.headers,
        remoteAddress: '10.1.2.3',
      });
      assert.equal(allowed.statusCode, 200);
    });

    it('serves the endpoints to anyone under the public policy', async () => {
      const { app } = await appWith('public');
      assert.equal(
        (await app.inject({ method: 'GET', url: '/metrics', remoteAddress: '10.1.2.3' })).statusCode,
        200,
      );
    });

    it('answers /readyz 200 while the store answers and 503 once it does not; /livez stays 200', async () => {
      const { app, testStore } = await appWith('loopback');
      const ready = await app.inject({ method: 'GET', url: '/readyz' });
      assert.equal(ready.statusCode, 200);
      assert.equal(ready.body, '{"status":"ready","success":true}');
      await testStore.store.close();
      const down = await app.inject({ method: 'GET', url: '/readyz' });
      assert.equal(down.statusCode, 503);
      assert.equal(JSON.parse(down.body).success, false);
      assert.equal((await app.inject({ method: 'GET', url: '/livez' })).statusCode, 200);
    });

    it('logs one line per request with route, status, duration and request id, never the query string', async () => {
      const memory = memoryLogger('info');
      const { app } = await appWith('loopback', memory.log);
      await app.inject({ method: 'GET', url: '/api/info?email=someone%40example.com' });
      const lines = memory.lines().map((line) => JSON.parse(line) as Record<string, unknown>);
      const requestLines = lines.filter((line) => line.msg === 'request');
      assert.equal(requestLines.length, 1);
      const [line] = requestLines;
      assert.equal(line?.route, '/api/info');
      assert.equal(line?.status, 200);
      assert.equal(typeof line?.durationMs, 'number');
      assert.equal(typeof line?.reqId, 'string');
      assert.doesNotMatch(memory.lines().join('\n'), /someone/);
    });

    it('answers an oversized header block with 431 in the Rocket.Chat envelope', async () => {
      const { app } = await appWith('loopback');
      await app.listen({ port: 0, host: '127.0.0.1' });
      const { port } = app.server.address() as AddressInfo;
      const socket = connect(port, '127.0.0.1');
      let response = '';
      socket.on('data', (chunk) => (response += chunk.toString()));
      const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
      socket.write(`GET /api/info?pad=${'x'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`);
      await closed;
      assert.match(response, /^HTTP\/1\.1 431 /);
      assert.match(
        response,
        /\{"success":false,"error":"Request header fields too large \[error-header-too-large\]"\}$/,
      );
    });
  });
}
