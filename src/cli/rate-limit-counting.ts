// Chooses where rate-limit and failed-login counts live: in Redis when configured (shared), else in the process.
import cluster from 'node:cluster';
import { Counter, type Registry } from 'prom-client';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { RateLimitCounter } from '../core/rate-limit/rate-limit-counter.js';
import { FallbackRateLimitCounter } from '../shared-counters/fallback-rate-limit-counter.js';
import { WorkerRateLimitCounter } from './cluster-rate-limit-counter.js';

export interface RateLimitCounting {
  /** Undefined: createContext's in-memory counter. */
  counter: RateLimitCounter | undefined;
  close(): Promise<void>;
}

/**
 * Said once at start (by the primary under --workers): compat.md §4 wants counts shared between instances.
 * `--workers N` on one machine shares them through the primary without Redis; separate instances (PostgreSQL,
 * or several `serve` processes on one SQLite file) cannot see each other's counts without Redis (security F5).
 */
export function warnIfCountedPerProcess(config: Config, log: Logger): void {
  if (config.redisUrl !== undefined) return;
  if (config.store === 'postgres') {
    log.warn(
      { store: config.store, workers: config.workers },
      'no --redis-url / ROSTER_REDIS_URL: rate limits and failed-login limits are counted by this instance ' +
        'alone; every further instance on this database multiplies them (a guesser gets N times the ' +
        'failed-login budget). Give all instances one Redis',
    );
  } else if (config.workers > 1) {
    log.info(
      { workers: config.workers },
      'rate limits and failed-login limits are counted in the primary process, shared by every worker',
    );
  }
}

export async function openRateLimitCounting(
  config: Config,
  log: Logger,
  registry: Registry,
): Promise<RateLimitCounting> {
  if (config.redisUrl === undefined) {
    if (!cluster.isWorker) return { counter: undefined, close: async () => {} };
    // --workers without Redis: one count in the primary (cluster-rate-limit-counter.ts).
    let warned = false;
    const shared = new WorkerRateLimitCounter();
    const counter = new FallbackRateLimitCounter(shared, (error) => {
      if (warned) return;
      warned = true;
      log.warn(
        { err: error },
        'the primary did not count a rate-limited call; this worker counts alone meanwhile',
      );
    });
    return { counter, close: async () => shared.close() };
  }
  // Loaded only when configured: ioredis is a noticeable share of start-up time (serve's ≤ 1 s readiness).
  const [{ openRedis }, { RedisRateLimitCounter }] = await Promise.all([
    import('../shared-counters/redis-client.js'),
    import('../shared-counters/redis-rate-limit-counter.js'),
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
