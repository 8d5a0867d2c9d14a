// Wraps a Store so that every call reports its duration (for the store-timing metric), without changing it.
import type { Store } from './store.js';
import { wrapStore } from './store-wrap.js';

/** `method` is the call's path: `users.findById`, `tokens.findSession`, `bulkWrite`, … */
export type StoreTimer = (method: string, seconds: number, failed: boolean) => void;

/** A Store whose async methods call `observe` when they settle; `watch` and `kind` pass through untouched. */
export function timedStore(store: Store, observe: StoreTimer): Store {
  return wrapStore(store, (method, call) => (...args: unknown[]) => {
    const started = performance.now();
    const done = (failed: boolean) => observe(method, (performance.now() - started) / 1000, failed);
    return (call(...args) as Promise<unknown>).then(
      (result) => {
        done(false);
        return result;
      },
      (error: unknown) => {
        done(true);
        throw error;
      },
    );
  });
}
