// Opens the Redis connection behind the shared counters, tuned to fail fast rather than queue while Redis is down.
import { Redis } from 'ioredis';
import type { Logger } from '../core/logger.js';

/** How long start-up waits for Redis before serving anyway with per-process counts (see fallback counter). */
const READY_TIMEOUT_MS = 2_000;

/**
 * A rate-limit check sits on every request's path, so a command must never wait for a reconnect: no offline
 * queue, no retry of a command cut off by a disconnect, and a short command timeout for a Redis that hangs.
 * Reconnection is retried at most a second apart, so counts are shared again within a second of Redis's return.
 */
export async function openRedis(url: string, log: Logger): Promise<Redis> {
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: 500,
    connectTimeout: 2_000,
    retryStrategy: (attempt) => Math.min(attempt * 100, 1_000),
  });
  let down = false;
  // Without a listener ioredis prints every failed reconnect; one line per outage is enough.
  redis.on('error', (error: Error) => {
    if (down) return;
    down = true;
    log.warn({ err: error }, 'Redis unreachable: rate limits are counted per process until it answers');
  });
  redis.on('ready', () => {
    if (!down) return;
    down = false;
    log.info({}, 'Redis reachable again: rate limits are shared again');
  });
  const ready = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), READY_TIMEOUT_MS);
    redis.once('ready', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
  if (!ready && !down) {
    down = true;
    log.warn({}, 'Redis did not answer at start: rate limits are counted per process until it answers');
  }
  return redis;
}
