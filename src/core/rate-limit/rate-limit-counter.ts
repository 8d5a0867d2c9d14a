// Fixed-window hit counters behind a small port, so several instances can later share one (PostgreSQL, Redis).

/** The state of one key's current window after a hit. */
export interface WindowCount {
  /** Hits in the current window, this one included. */
  count: number;
  /** Epoch milliseconds at which the window ends and the count starts again from zero. */
  resetAt: number;
}

/**
 * Counts hits per key in fixed windows. A window opens at a key's first hit and lasts `windowMs`; a hit after
 * `resetAt` opens a new one. A shared implementation must make `hit` atomic across instances (compat.md §4:
 * a user cannot multiply the limit by the number of instances).
 */
export interface RateLimitCounter {
  hit(key: string, windowMs: number, now: number): Promise<WindowCount>;
  /** The key's current window, or null when it has none open at `now`. */
  peek(key: string, now: number): Promise<WindowCount | null>;
  /** Forgets the key's window. */
  reset(key: string): Promise<void>;
}

/** How often the in-memory counter drops closed windows, so memory stays bounded by the keys of one window. */
const SWEEP_EVERY_MS = 60_000;

/** One process's counts, in a Map. Correct for a single instance only. */
export class InMemoryRateLimitCounter implements RateLimitCounter {
  private readonly windows = new Map<string, WindowCount>();
  private nextSweep = 0;

  hit(key: string, windowMs: number, now: number): Promise<WindowCount> {
    this.sweep(now);
    const current = this.windows.get(key);
    // A window shortened by a settings change ends at once rather than outliving the new setting.
    if (current && current.resetAt > now && current.resetAt - now <= windowMs) {
      current.count++;
      return Promise.resolve({ ...current });
    }
    const opened = { count: 1, resetAt: now + windowMs };
    this.windows.set(key, opened);
    return Promise.resolve({ ...opened });
  }

  peek(key: string, now: number): Promise<WindowCount | null> {
    const current = this.windows.get(key);
    return Promise.resolve(current && current.resetAt > now ? { ...current } : null);
  }

  reset(key: string): Promise<void> {
    this.windows.delete(key);
    return Promise.resolve();
  }

  private sweep(now: number): void {
    if (now < this.nextSweep) return;
    this.nextSweep = now + SWEEP_EVERY_MS;
    for (const [key, window] of this.windows) if (window.resetAt <= now) this.windows.delete(key);
  }
}
