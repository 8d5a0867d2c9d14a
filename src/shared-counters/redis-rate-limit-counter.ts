// The rate-limit counter shared by every instance: fixed windows in Redis, each hit one atomic Lua script.
import type { Redis } from 'ioredis';
import type { RateLimitCounter, WindowCount } from '../core/rate-limit/rate-limit-counter.js';

/**
 * One hash per key: `c` the count, `r` the window's end (epoch ms by the caller's clock, as the port's `now`),
 * `w` the window length it was opened with. The script runs atomically in Redis, so hits from every instance are
 * serialised: compat.md §4, a user cannot multiply the limit by the instance count. It keeps the port's rules: a
 * hit after the end opens a new window, and so does a hit whose window was opened longer than the window now
 * configured and ends further away than that (a setting shortened). Unlike InMemoryRateLimitCounter it does not
 * take "ends further away than the window" alone as a shortening: hits from several processes reach Redis out of
 * `now` order (concurrent requests, clocks a few ms apart), and a hit stamped a little before the window opened
 * must count in it, not restart it. The TTL only lets Redis drop closed windows.
 */
const HIT_SCRIPT = `
local windowMs = tonumber(ARGV[1])
local now = tonumber(ARGV[2])
local window = redis.call('HMGET', KEYS[1], 'r', 'w')
local resetAt = tonumber(window[1])
local openedWith = tonumber(window[2])
if resetAt and resetAt > now and (resetAt - now <= windowMs or (openedWith and openedWith <= windowMs)) then
  return {redis.call('HINCRBY', KEYS[1], 'c', 1), window[1]}
end
redis.call('HSET', KEYS[1], 'c', 1, 'r', ARGV[3], 'w', ARGV[1])
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
