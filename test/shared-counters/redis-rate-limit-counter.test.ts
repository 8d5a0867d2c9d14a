// The Redis counter against a real Redis: the port's fixed-window semantics, atomic hits across connections,
// Redis-side expiry, and the fallback that keeps counting in the process while Redis cannot be reached.
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { FallbackRateLimitCounter } from '../../src/shared-counters/fallback-rate-limit-counter.js';
import { openRedis } from '../../src/shared-counters/redis-client.js';
import { RedisRateLimitCounter } from '../../src/shared-counters/redis-rate-limit-counter.js';
import { silentLog } from '../helpers/test-app.js';
import { freshRedisPrefix, TEST_REDIS_URL, type TestRedis } from '../helpers/test-redis.js';

/** Far from zero and with long windows, so Redis's own expiry never races a test. */
const T0 = 1_800_000_000_000;
const MINUTE = 60_000;

describe('RedisRateLimitCounter', () => {
  let testRedis: TestRedis;
  let counter: RedisRateLimitCounter;
  beforeEach(async () => {
    testRedis = await freshRedisPrefix();
    counter = new RedisRateLimitCounter(testRedis.redis, { prefix: testRedis.prefix });
  });
  afterEach(() => testRedis.dispose());

  it('counts hits in a window that opens at the first hit and ends at resetAt', async () => {
    assert.deepEqual(await counter.hit('k', MINUTE, T0), { count: 1, resetAt: T0 + MINUTE });
    assert.deepEqual(await counter.hit('k', MINUTE, T0 + MINUTE - 1), { count: 2, resetAt: T0 + MINUTE });
    assert.deepEqual(await counter.hit('k', MINUTE, T0 + MINUTE), { count: 1, resetAt: T0 + 2 * MINUTE });
  });

  it('keeps keys apart, peeks without counting and forgets a reset key', async () => {
    await counter.hit('a', MINUTE, T0);
    await counter.hit('a', MINUTE, T0);
    await counter.hit('b', MINUTE, T0);
    assert.deepEqual(await counter.peek('a', T0 + 10), { count: 2, resetAt: T0 + MINUTE });
    assert.deepEqual(await counter.peek('a', T0 + 10), { count: 2, resetAt: T0 + MINUTE });
    assert.equal(await counter.peek('a', T0 + MINUTE), null, 'a closed window is no window');
    await counter.reset('a');
    assert.equal(await counter.peek('a', T0 + 10), null);
    assert.deepEqual(await counter.peek('b', T0 + 10), { count: 1, resetAt: T0 + MINUTE });
    assert.equal(await counter.peek('never', T0), null);
  });

  it('opens a new window when the window length shrinks below the time left', async () => {
    await counter.hit('k', 10 * MINUTE, T0);
    assert.deepEqual(await counter.hit('k', MINUTE, T0 + 10), { count: 1, resetAt: T0 + 10 + MINUTE });
    assert.deepEqual(await counter.hit('k', 10 * MINUTE, T0 + 20), { count: 2, resetAt: T0 + 10 + MINUTE });
  });

  it('counts a hit stamped a little before the window opened (another process, out of order) in that window', async () => {
    await counter.hit('k', MINUTE, T0 + 5);
    assert.deepEqual(await counter.hit('k', MINUTE, T0), { count: 2, resetAt: T0 + 5 + MINUTE });
  });

  it('writes only under its prefix, with a TTL of the window so Redis drops closed windows', async () => {
    await counter.hit('k', MINUTE, T0);
    assert.deepEqual(await testRedis.redis.keys(`${testRedis.prefix}*`), [`${testRedis.prefix}k`]);
    const ttl = await testRedis.redis.pttl(`${testRedis.prefix}k`);
    assert.ok(ttl > 0 && ttl <= MINUTE, `PTTL ${ttl}`);
  });

  it('counts 200 concurrent hits from two connections exactly once each', async () => {
    const other = new Redis(TEST_REDIS_URL);
    try {
      const second = new RedisRateLimitCounter(other, { prefix: testRedis.prefix });
      const hits = await Promise.all(
        Array.from({ length: 200 }, (_, index) =>
          (index % 2 ? counter : second).hit('k', MINUTE, T0 + index),
        ),
      );
      const counts = hits.map((hit) => hit.count).sort((a, b) => a - b);
      assert.deepEqual(
        counts,
        Array.from({ length: 200 }, (_, index) => index + 1),
      );
      assert.equal(new Set(hits.map((hit) => hit.resetAt)).size, 1, 'one window for all');
      assert.equal((await second.peek('k', T0 + 300))?.count, 200);
    } finally {
      await other.quit();
    }
  });
});

/** A local port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

describe('FallbackRateLimitCounter over an unreachable Redis', () => {
  it('never throws, counts in the process and reports each failed call', async () => {
    const warnings: string[] = [];
    const log = { ...silentLog, warn: (_: object, message?: string) => void warnings.push(message ?? '') };
    const redis = await openRedis(`redis://127.0.0.1:${await closedPort()}`, log);
    try {
      let failures = 0;
      const counter = new FallbackRateLimitCounter(new RedisRateLimitCounter(redis), () => failures++);
      assert.deepEqual(await counter.hit('k', MINUTE, T0), { count: 1, resetAt: T0 + MINUTE });
      assert.deepEqual(await counter.hit('k', MINUTE, T0 + 1), { count: 2, resetAt: T0 + MINUTE });
      assert.deepEqual(await counter.peek('k', T0 + 2), { count: 2, resetAt: T0 + MINUTE });
      await counter.reset('k');
      assert.equal(await counter.peek('k', T0 + 3), null);
      assert.equal(failures, 5);
      assert.equal(warnings.length, 1, `one warning per outage: ${warnings.join(' | ')}`);
      assert.match(warnings[0] ?? '', /counted per process/);
    } finally {
      redis.disconnect();
    }
  });
});
