// Chooses where rate-limit and failed-login counts live: in Redis when configured (shared), else in the process.
import { Counter, type Registry } from 'prom-client';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { RateLimitCounter } from '../core/rate-limit/rate-limit-counter.js';

export interface RateLimitCounting {
  /** Undefined: createContext's in-memory counter. */
  counter: RateLimitCounter | undefined;
  close(): Promise<void>;
}

/** Said once at start (by the primary under --workers): compat.md §4 wants counts shared between instances. */
export function warnIfCountedPerProcess(config: Config, log: Logger): void {
  if (config.redisUrl !== undefined || (config.workers === 1 && config.store !== 'postgres')) return;
  log.warn(
    { workers: config.workers, store: config.store },
    'no --redis-url / ROSTER_REDIS_URL: rate limits and failed-login limits are counted per process, ' +
      'so several processes or instances multiply them',
  );
}

export async function openRateLimitCounting(
  config: Config,
  log: Logger,
  registry: Registry,
): Promise<RateLimitCounting> {
  if (config.redisUrl === undefined) return { counter: undefined, close: async () => {} };
  // Loaded only when configured: ioredis is a noticeable share of start-up time (serve's ≤ 1 s readiness).
  const [{ openRedis }, { RedisRateLimitCounter }, { FallbackRateLimitCounter }] = await Promise.all([
    import('../shared-counters/redis-client.js'),
    import('../shared-counters/redis-rate-limit-counter.js'),
    import('../shared-counters/fallback-rate-limit-counter.js'),
  ]);
  const redis = await openRedis(config.redisUrl, log);
  const failures = new Counter({
    name: 'roster_rate_limit_redis_errors_total',
    help: 'Rate-limit counter calls that Redis failed and this process counted alone instead',
    registers: [registry],
  });
  const counter = new FallbackRateLimitCounter(
    new RedisRateLimitCounter(redis, { prefix: `${config.redisPrefix}rate-limit:` }),
    () => failures.inc(),
  );
  return {
    counter,
    async close() {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
