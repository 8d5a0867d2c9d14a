// Rocket.Chat's REST rate limiter (compat.md §4): N calls per window per client IP and route+method.
import type { EffectiveSettings } from '../settings/settings.js';
import type { RateLimitCounter } from './rate-limit-counter.js';

export interface RateLimitVerdict {
  /** The X-RateLimit-* headers Rocket.Chat sets on every checked request, allowed or not. */
  headers: { 'x-ratelimit-limit': string; 'x-ratelimit-remaining': string; 'x-ratelimit-reset': string };
  /** Null when allowed; otherwise the whole seconds to wait, as Rocket.Chat's Math.ceil(timeToReset / 1000). */
  waitSeconds: number | null;
}

/** The counter key: Rocket.Chat keeps one limiter per route and method, keyed by client IP within it. */
export function rateLimitKey(ip: string, method: string, route: string): string {
  return `api|${method} ${route}|${ip}`;
}

/**
 * Counts one call (`weight` calls for a batch: roster.users.lookup counts once per key); null when the limiter does not apply: switched off by `API_Enable_Rate_Limiter`, or a
 * falsy calls/time default (Rocket.Chat then creates no rule). Bypass permission is the caller's business.
 */
export async function checkRateLimit(
  counter: RateLimitCounter,
  settings: EffectiveSettings['rateLimiter'],
  key: string,
  now: number,
  weight = 1,
): Promise<RateLimitVerdict | null> {
  const { enabled, calls, windowMs } = settings;
  if (!enabled || !(calls > 0) || !(windowMs > 0)) return null;
  let window = await counter.hit(key, windowMs, now);
  for (let hit = 1; hit < weight; hit++) window = await counter.hit(key, windowMs, now);
  const { count, resetAt } = window;
  return {
    headers: {
      'x-ratelimit-limit': String(calls),
      'x-ratelimit-remaining': String(Math.max(calls - count, 0)),
      // Absolute epoch milliseconds, as Rocket.Chat's `new Date().getTime() + timeToReset`.
      'x-ratelimit-reset': String(resetAt),
    },
    waitSeconds: count > calls ? Math.max(Math.ceil((resetAt - now) / 1000), 0) : null,
  };
}
