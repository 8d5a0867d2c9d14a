// The rate-limit counter shared by every instance: fixed windows in Redis, each hit one atomic Lua script.
import type { Redis } from 'ioredis';
import type { RateLimitCounter, WindowCount } from '../core/rate-limit-counter.js';

/**
 * One hash per key: `c` the count, `r` the window's end (epoch ms by the caller's clock, as the port's `now`).
 * The script runs atomically in Redis, so hits from every instance are serialised: compat.md §4, a user cannot
 * multiply the limit by the instance count. It keeps InMemoryRateLimitCounter's rules exactly: a hit after the
 * end opens a new window, and so does a hit whose open window ends further away than the (shortened) window
 * now configured. The TTL only lets Redis drop closed windows; the caller's clock decides what is open.
 */
const HIT_SCRIPT = `
local windowMs = tonumber(ARGV[1])
local now = tonumber(ARGV[2])
local stored = redis.call('HGET', KEYS[1], 'r')
local resetAt = tonumber(stored)
if resetAt and resetAt > now and resetAt - now <= windowMs then
  return {redis.call('HINCRBY', KEYS[1], 'c', 1), stored}
end
redis.call('HSET', KEYS[1], 'c', 1, 'r', ARGV[3])
redis.call('PEXPIRE', KEYS[1], windowMs)
return {1, ARGV[3]}
`;

export interface RedisRateLimitCounterOptions {
  /** Prepended to every key, so several deployments (or tests) can share one Redis. */
  prefix?: string;
}

export class RedisRateLimitCounter implements RateLimitCounter {
  private readonly prefix: string;

  constructor(
    private readonly redis: Redis,
    options: RedisRateLimitCounterOptions = {},
  ) {
    this.prefix = options.prefix ?? 'roster:rate-limit:';
  }

  async hit(key: string, windowMs: number, now: number): Promise<WindowCount> {
    const window = Math.max(1, Math.floor(windowMs));
    const at = Math.floor(now);
    const reply = (await this.redis.eval(
      HIT_SCRIPT,
      1,
      this.prefix + key,
      String(window),
      String(at),
      String(at + window),
    )) as [number, string];
    return { count: Number(reply[0]), resetAt: Number(reply[1]) };
  }

  async peek(key: string, now: number): Promise<WindowCount | null> {
    const [count, resetAt] = await this.redis.hmget(this.prefix + key, 'c', 'r');
    if (count === null || resetAt === null || Number(resetAt) <= now) return null;
    return { count: Number(count), resetAt: Number(resetAt) };
  }

  async reset(key: string): Promise<void> {
    await this.redis.del(this.prefix + key);
  }
}
