// Keeps rate limiting working while the shared counter is unreachable, by counting in this process meanwhile.
import {
  InMemoryRateLimitCounter,
  type RateLimitCounter,
  type WindowCount,
} from '../core/rate-limit/rate-limit-counter.js';

/**
 * Why neither fail-closed nor plain fail-open: refusing every limited call while Redis is down would turn a
 * Redis outage into an outage of the whole API, login included; allowing every call would lift the failed-login
 * guard just when nobody is watching. Counting in memory meanwhile keeps each process's limit, so an outage at
 * worst multiplies the limit by the instance count, as running without Redis does. Calls never throw, so a
 * request never gets a 500 because of Redis. Counts made during the outage are not carried back.
 */
export class FallbackRateLimitCounter implements RateLimitCounter {
  private readonly local = new InMemoryRateLimitCounter();

  constructor(
    private readonly shared: RateLimitCounter,
    /** Called on every call the shared counter failed (log throttling is the caller's business). */
    private readonly onUnavailable: (error: unknown) => void,
  ) {}

  hit(key: string, windowMs: number, now: number): Promise<WindowCount> {
    return this.shared.hit(key, windowMs, now).catch((error: unknown) => {
      this.onUnavailable(error);
      return this.local.hit(key, windowMs, now);
    });
  }

  peek(key: string, now: number): Promise<WindowCount | null> {
    return this.shared.peek(key, now).catch((error: unknown) => {
      this.onUnavailable(error);
      return this.local.peek(key, now);
    });
  }

  async reset(key: string): Promise<void> {
    // Both: a window counted locally during an outage must not outlive a successful login either.
    await this.local.reset(key);
    await this.shared.reset(key).catch((error: unknown) => this.onUnavailable(error));
  }
}
