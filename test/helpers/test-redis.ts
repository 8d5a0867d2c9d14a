// The Redis server tests use, and a key prefix of their own that is deleted afterwards.
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

/** Unreachable means the Redis tests fail, never skip (.ci/run starts Redis when it is not answering). */
export const TEST_REDIS_URL = process.env.ROSTER_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface TestRedis {
  redis: Redis;
  /** Unique to this test: every key it writes starts with it. */
  prefix: string;
  dispose(): Promise<void>;
}

export async function freshRedisPrefix(): Promise<TestRedis> {
  const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 1 });
  const prefix = `roster-test:${randomBytes(6).toString('hex')}:`;
  return {
    redis,
    prefix,
    async dispose() {
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length > 0) await redis.del(...keys);
      await redis.quit();
    },
  };
}
