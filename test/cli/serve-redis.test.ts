// `roster serve` and Redis: the URL is validated, per-process counting is announced, and neither an unreachable
// Redis at start nor shutting down with a Redis connection open goes wrong.
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli, startServer, type ServerProcess } from '../helpers/cli-process.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { freshRedisPrefix, TEST_REDIS_URL } from '../helpers/test-redis.js';

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

async function stop(server: ServerProcess): Promise<number | null> {
  server.child.kill('SIGTERM');
  return server.exited;
}

describe('roster serve with and without Redis', () => {
  let dir: ReturnType<typeof makeTempDir>;
  before(() => (dir = makeTempDir()));
  after(() => dir.remove());

  it('refuses a --redis-url that is not a redis:// or rediss:// URL, naming the flag and variable', async () => {
    const result = await runCli([
      'serve',
      '--db',
      join(dir.path, 'bad.db'),
      '--redis-url',
      'http://127.0.0.1:6379',
    ]);
    assert.equal(result.code, 1);
    assert.match(result.output, /--redis-url \/ ROSTER_REDIS_URL: must be a redis:\/\/ or rediss:\/\/ URL/);
  });

  it('says once that --workers 2 without Redis count in the primary, shared by every worker (security F5)', async () => {
    const server = await startServer(['--db', join(dir.path, 'workers.db'), '--workers', '2'], {
      ROSTER_LOG_LEVEL: 'info',
    });
    try {
      assert.equal(server.output().match(/shared by every worker/g)?.length, 1, server.output());
      assert.doesNotMatch(server.output(), /counted per process|counted by this instance alone/);
    } finally {
      assert.equal(await stop(server), 0, server.output());
    }
  });

  it('does not warn for one process on SQLite without Redis', async () => {
    const server = await startServer(['--db', join(dir.path, 'single.db')]);
    try {
      assert.doesNotMatch(server.output(), /counted per process|counted by this instance alone/);
    } finally {
      assert.equal(await stop(server), 0, server.output());
    }
  });

  it('serves with an unreachable Redis, warning and answering limited calls with 200', async () => {
    const server = await startServer(['--db', join(dir.path, 'no-redis.db')], {
      ROSTER_REDIS_URL: `redis://127.0.0.1:${await closedPort()}`,
      ROSTER_ADMIN_PASSWORD: 'admin-password',
    });
    try {
      assert.match(server.output(), /Redis unreachable: rate limits are counted per process/);
      const login = await fetch(`${server.baseUrl}/api/v1/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ user: 'admin', password: 'admin-password' }),
      });
      assert.equal(login.status, 200);
      assert.equal(login.headers.get('x-ratelimit-remaining'), '9', 'counted in the process');
    } finally {
      assert.equal(await stop(server), 0, server.output());
    }
  });

  it('counts in Redis under ROSTER_REDIS_PREFIX and exits 0 on SIGTERM, closing the connection', async () => {
    const testRedis = await freshRedisPrefix();
    try {
      const server = await startServer(['--db', join(dir.path, 'redis.db')], {
        ROSTER_REDIS_URL: TEST_REDIS_URL,
        ROSTER_REDIS_PREFIX: testRedis.prefix,
      });
      try {
        const login = await fetch(`${server.baseUrl}/api/v1/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ user: 'admin', password: 'wrong' }),
        });
        assert.equal(login.status, 401);
        const keys = (await testRedis.redis.keys(`${testRedis.prefix}*`)).sort();
        assert.deepEqual(
          keys.map((key) => key.slice(testRedis.prefix.length).split('|')[0]),
          ['rate-limit:api', 'rate-limit:login-account', 'rate-limit:login-ip'],
          'the API limit and both failed-login counts',
        );
      } finally {
        assert.equal(await stop(server), 0, server.output());
      }
    } finally {
      await testRedis.dispose();
    }
  });
});
