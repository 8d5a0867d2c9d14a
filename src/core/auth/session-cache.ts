// Recently resolved sessions by hashed token, dropped whenever users or tokens change, so a token lookup is
// a map read instead of a database query on the hot path.
import type { ChangeTopic, Store, UserSession } from '../store.js';

/** The topics that can revoke or change a cached session: logout, deactivation, deletion, role changes. */
const SESSION_TOPICS: ReadonlySet<ChangeTopic> = new Set(['users', 'tokens', 'all']);

/**
 * Staleness bound, the same as LiveSnapshot's: a commit by this process empties the cache before the write call
 * returns (so a logout or deactivation refuses the very next request); a commit by another process empties it
 * within the store's change-feed bound (SQLite: one data_version poll, 200 ms; PostgreSQL: one NOTIFY, ≤ 1 s).
 * A lookup that started before an emptying is never cached. Expiry is not cached: callers check it per request.
 */
export class SessionCache {
  private readonly entries = new Map<string, UserSession>();
  private generation = 0;
  private readonly unwatch: () => void;

  constructor(
    store: Store,
    private readonly capacity: number,
  ) {
    this.unwatch = store.watch((topic) => {
      if (SESSION_TOPICS.has(topic)) this.clear();
    });
  }

  get(hashedToken: string): UserSession | undefined {
    return this.entries.get(hashedToken);
  }

  /** The generation to pass to `set` for a lookup starting now. */
  currentGeneration(): number {
    return this.generation;
  }

  /** Caches a lookup's result unless the cache was emptied since the lookup began; evicts the oldest entry. */
  set(hashedToken: string, session: UserSession, lookupGeneration: number): void {
    if (lookupGeneration !== this.generation || this.capacity <= 0) return;
    if (this.entries.size >= this.capacity) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(hashedToken, session);
  }

  get size(): number {
    return this.entries.size;
  }

  clear(): void {
    this.generation++;
    this.entries.clear();
  }

  close(): void {
    this.unwatch();
  }
}
