// Wraps a Store so that every call reports its duration (for the store-timing metric), without changing it.
import type { Store } from './store.js';

export type StoreTimer = (method: string, seconds: number, failed: boolean) => void;

/** A Store whose async methods call `observe` when they settle; `watch` and `kind` pass through untouched. */
export function timedStore(store: Store, observe: StoreTimer): Store {
  return new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function' || property === 'watch') {
        return typeof value === 'function' ? value.bind(target) : value;
      }
      const method = String(property);
      return (...args: unknown[]) => {
        const started = performance.now();
        const done = (failed: boolean) => observe(method, (performance.now() - started) / 1000, failed);
        return (value as (...a: unknown[]) => Promise<unknown>).apply(target, args).then(
          (result) => {
            done(false);
            return result;
          },
          (error: unknown) => {
            done(true);
            throw error;
          },
        );
      };
    },
  });
}
