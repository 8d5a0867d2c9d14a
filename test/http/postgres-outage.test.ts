// PostgreSQL going away while serving: clean 503 envelopes, no crash, and recovery once it is back.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import pg from 'pg';
import type { ChangeTopic, Store } from '../../src/core/store.js';
import { authenticate, callerOf } from '../../src/http/authenticate.js';
import { success } from '../../src/http/envelope.js';
import { PostgresStore } from '../../src/store/postgres/postgres-store.js';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { freshPgSchema, TEST_PG_URL, testStores } from '../helpers/test-stores.js';

/** Names this file's proxied connections in pg_stat_activity, so a test can terminate exactly those. */
const APPLICATION_NAME = `roster-outage-${process.pid}`;

const SERVICE_UNAVAILABLE =
  '{"success":false,"error":"Service unavailable, try again later [error-service-unavailable]","errorType":"error-service-unavailable"}';

async function eventually<T>(attempt: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const value = await attempt();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

if (testStores().some(([name]) => name === 'postgres')) {
  describe('PostgreSQL outage (postgres)', () => {
    let proxy: TcpProxy;
    let schema: Awaited<ReturnType<typeof freshPgSchema>>;
    let t: TestApp;
    let direct: Store;

    beforeEach(async () => {
      schema = await freshPgSchema();
      const target = new URL(TEST_PG_URL);
      proxy = await startTcpProxy(target.hostname, Number(target.port || 5432));
      const viaProxy = new URL(schema.url);
      viaProxy.hostname = '127.0.0.1';
      viaProxy.port = String(proxy.port);
      viaProxy.searchParams.set('application_name', APPLICATION_NAME);
      const opened: Store[] = [];
      t = await startTestApp(async () => {
        const store = await PostgresStore.open(viaProxy.toString(), { connectTimeoutMs: 1000 });
        opened.push(store);
        return {
          store,
          reopen: async () => store,
          dispose: async () => {
            for (const each of opened) await each.close();
          },
        };
      });
      direct = await PostgresStore.open(schema.url);
      // An authenticated route that reads the store, like users.info (the session itself may come from the cache).
      await t.app.register(async (scope) => {
        scope.addHook('onRequest', authenticate(t.context));
        scope.get('/api/v1/test.me', async (request) => {
          const user = await t.store.users.findById(callerOf(request).user._id);
          return success({ _id: user?._id ?? null });
        });
      });
    });

    afterEach(async () => {
      await proxy.close();
      await t.dispose();
      await direct.close();
      await schema.drop();
    });

    it('answers 503 envelopes while the database is unreachable, then 200 again once it is back', async () => {
      const before = await t.get('/api/v1/test.me');
      assert.equal(before.statusCode, 200);

      await proxy.cut();
      for (let attempt = 0; attempt < 3; attempt++) {
        const response = await t.get('/api/v1/test.me');
        assert.equal(response.statusCode, 503);
        assert.equal(response.body, SERVICE_UNAVAILABLE);
      }
      await assert.rejects(t.store.users.insert({ _id: 'u1', username: 'lost' }), {
        name: 'StoreUnavailableError',
      });

      await proxy.restore();
      const after = await eventually(
        () => t.get('/api/v1/test.me'),
        (response) => response.statusCode === 200,
      );
      assert.equal(after.statusCode, 200);
      assert.equal(
        JSON.parse(after.body)._id,
        t.admin.userId,
        'what was committed before the outage is there',
      );
    });

    it('hears other instances again after the listening connection comes back', async () => {
      const topics: ChangeTopic[] = [];
      const unwatch = t.store.watch((topic) => topics.push(topic));
      await proxy.cut();
      await proxy.restore();
      await eventually(
        () =>
          t.store.ping().then(
            () => true,
            () => false,
          ),
        (ok) => ok,
      );
      // While the listener is down it says `all` every 250 ms; wait for a quiet spell, which means it listens
      // again, so the `all` that follows the foreign commit below can only come from its NOTIFY.
      const noise = await eventually(
        async () => {
          topics.length = 0;
          await new Promise((resolve) => setTimeout(resolve, 600));
          return topics.length;
        },
        (count) => count === 0,
      );
      assert.equal(noise, 0, 'the listening connection is back');
      await direct.settings.save({ _id: 'Some_Setting', value: true });
      const seen = await eventually(
        async () => topics.includes('all'),
        (included) => included,
      );
      unwatch();
      assert.ok(seen, 'a commit by another instance was reported after the reconnect');
    });

    it('answers from fresh connections after the server terminates every connection of the store', async () => {
      const before = await t.get('/api/v1/test.me');
      assert.equal(before.statusCode, 200);
      const admin = new pg.Client({ connectionString: TEST_PG_URL });
      await admin.connect();
      try {
        // Every backend of this test's store: its pool's and its listener's.
        const killed = await admin.query(
          'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1',
          [APPLICATION_NAME],
        );
        assert.ok(killed.rows.length > 0, 'the store had connections to terminate');
      } finally {
        await admin.end();
      }
      const statuses = new Set<number>();
      const after = await eventually(
        async () => {
          const response = await t.get('/api/v1/test.me');
          statuses.add(response.statusCode);
          if (response.statusCode !== 200) assert.equal(response.body, SERVICE_UNAVAILABLE);
          return response;
        },
        (response) => response.statusCode === 200,
      );
      assert.equal(after.statusCode, 200);
      assert.deepEqual(
        [...statuses].filter((status) => status !== 200 && status !== 503),
        [],
      );
    });
  });
}
