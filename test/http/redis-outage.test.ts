// Redis stopping while Roster serves: limited calls still answer (never 500), limits hold per process meanwhile,
// and counting goes back to the shared Redis window once Redis answers again.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FallbackRateLimitCounter } from '../../src/shared-counters/fallback-rate-limit-counter.js';
import { openRedis } from '../../src/shared-counters/redis-client.js';
import { RedisRateLimitCounter } from '../../src/shared-counters/redis-rate-limit-counter.js';
import { silentLog, startTestApp } from '../helpers/test-app.js';
import { freshRedisPrefix } from '../helpers/test-redis.js';
import { startTcpProxy } from '../helpers/tcp-proxy.js';
import { testStores } from '../helpers/test-stores.js';

async function eventually(what: string, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await check())) {
    if (Date.now() > deadline) assert.fail(`${what} did not happen`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

for (const [name, factory] of testStores()) {
  describe(`rate limits while Redis is unreachable (${name})`, () => {
    it('answers 200 then 429 from per-process counts during the outage, and shares counts again after it', async () => {
      const testRedis = await freshRedisPrefix();
      const proxy = await startTcpProxy('127.0.0.1', 6379);
      const redis = await openRedis(`redis://127.0.0.1:${proxy.port}`, silentLog);
      let failures = 0;
      const shared = new RedisRateLimitCounter(redis, { prefix: testRedis.prefix });
      const t = await startTestApp(factory, {
        rateLimits: new FallbackRateLimitCounter(shared, () => failures++),
      });
      try {
        const user = await t.createUser({ username: 'plain' });
        const remaining = async (): Promise<[number, string | undefined]> => {
          const response = await t.get('/api/v1/me', user);
          return [response.statusCode, response.headers['x-ratelimit-remaining'] as string | undefined];
        };
        assert.deepEqual(await remaining(), [200, '9']);
        assert.equal((await testRedis.redis.keys(`${testRedis.prefix}*`)).length, 1, 'counted in Redis');

        await proxy.cut();
        const during = [];
        for (let call = 0; call < 11; call++) during.push(await remaining());
        assert.deepEqual(during, [
          ...Array.from({ length: 10 }, (_, index) => [200, String(9 - index)]),
          [429, '0'],
        ]);
        assert.ok(failures >= 11, `${failures} failed Redis calls reported`);

        await proxy.restore();
        // The window opened in Redis before the outage is still open: its count goes on from 1.
        await eventually('counting in Redis again', async () => (await remaining())[1] !== '0');
        const key = (await testRedis.redis.keys(`${testRedis.prefix}*`))[0] as string;
        assert.ok(Number(await testRedis.redis.hget(key, 'c')) >= 2, 'the shared window counted on');
      } finally {
        await t.dispose();
        redis.disconnect();
        await proxy.close();
        await testRedis.dispose();
      }
    });
  });
}
