// Wraps every method of a Store's sub-ports (and its top-level calls) by name, e.g. `users.findById`, `bulkWrite`.
import { STORE_PORTS, type Store } from './store.js';

type Method = (...args: unknown[]) => unknown;

/**
 * Given a method's path (`users.findById`, `bulkWrite`) and the method bound to its port, returns what callers
 * get instead (the method itself to leave it alone). Called once per path; `watch` and `kind` are never wrapped.
 */
export type MethodWrapper = (path: string, method: Method) => Method;

const PORTS: ReadonlySet<string | symbol> = new Set(STORE_PORTS);

/** `store` with each method replaced by `wrap(path, method)`; every other member passes through unchanged. */
export function wrapStore(store: Store, wrap: MethodWrapper): Store {
  const wrapped = new Map<string, unknown>();
  const methodOf = (path: string, owner: object, value: Method) => {
    let method = wrapped.get(path);
    if (method === undefined) {
      method = wrap(path, value.bind(owner));
      wrapped.set(path, method);
    }
    return method;
  };
  const port = (name: string, target: object) =>
    new Proxy(target, {
      get(portTarget, property, receiver) {
        const value = Reflect.get(portTarget, property, receiver) as unknown;
        if (typeof value !== 'function') return value;
        return methodOf(`${name}.${String(property)}`, portTarget, value as Method);
      },
    });
  const ports = new Map<string, object>();
  return new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (
        typeof property === 'string' &&
        PORTS.has(property) &&
        typeof value === 'object' &&
        value !== null
      ) {
        let sub = ports.get(property);
        if (sub === undefined) {
          sub = port(property, value);
          ports.set(property, sub);
        }
        return sub;
      }
      if (typeof value !== 'function') return value;
      if (property === 'watch') return (value as Method).bind(target);
      return methodOf(String(property), target, value as Method);
    },
  });
}
