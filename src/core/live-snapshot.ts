// An in-memory copy of store data that is dropped whenever the store reports a change to its topics.
import type { ChangeTopic, Store } from './store.js';

/**
 * Staleness bound: a commit by this process invalidates the copy before the write call returns; a commit by
 * another process invalidates it within the adapter's change-feed bound (SQLite: one data_version poll).
 * A load that started before an invalidation is never cached.
 */
export class LiveSnapshot<T> {
  private value: T | undefined;
  private pending: Promise<T> | undefined;
  private generation = 0;
  private readonly unwatch: () => void;
  /** Reads served from memory, and loads from the store, for the cache hit-ratio metric. */
  readonly stats = { hits: 0, loads: 0 };

  constructor(
    store: Store,
    topics: readonly ChangeTopic[],
    private readonly load: () => Promise<T>,
  ) {
    this.unwatch = store.watch((topic) => {
      if (topic === 'all' || topics.includes(topic)) this.invalidate();
    });
  }

  /** The cached value, if loaded and still valid; lets the hot path skip a promise. */
  peek(): T | undefined {
    if (this.value !== undefined) this.stats.hits++;
    return this.value;
  }

  get(): Promise<T> {
    if (this.value !== undefined) {
      this.stats.hits++;
      return Promise.resolve(this.value);
    }
    if (this.pending) return this.pending;
    this.stats.loads++;
    const generation = this.generation;
    const loading = this.load().then(
      (value) => {
        if (generation === this.generation) this.value = value;
        if (this.pending === loading) this.pending = undefined;
        return value;
      },
      (error: unknown) => {
        if (this.pending === loading) this.pending = undefined;
        throw error;
      },
    );
    this.pending = loading;
    return loading;
  }

  invalidate(): void {
    this.generation++;
    this.value = undefined;
    this.pending = undefined;
  }

  close(): void {
    this.unwatch();
  }
}
