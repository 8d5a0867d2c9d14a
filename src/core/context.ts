// Everything a request handler needs from the domain, built once per process from a Store.
import type { Logger } from './logger.js';
import { Permissions } from './access/permissions.js';
import { InMemoryRateLimitCounter, type RateLimitCounter } from './rate-limit/rate-limit-counter.js';
import { Sessions } from './auth/sessions.js';
import { Settings } from './settings/settings.js';
import type { Store } from './store.js';

export interface Context {
  store: Store;
  log: Logger;
  clock: () => Date;
  permissions: Permissions;
  settings: Settings;
  sessions: Sessions;
  /** Rate-limit and failed-login counts; in-memory unless a shared counter is given (multi-instance). */
  rateLimits: RateLimitCounter;
  /** Roster's version, for /api/info. */
  version: string;
}

export function createContext(options: {
  store: Store;
  log: Logger;
  version: string;
  clock?: () => Date;
  rateLimits?: RateLimitCounter;
}): Context {
  const clock = options.clock ?? (() => new Date());
  const settings = new Settings(options.store, options.log);
  return {
    store: options.store,
    log: options.log,
    clock,
    permissions: new Permissions(options.store),
    settings,
    sessions: new Sessions(options.store, settings, clock),
    rateLimits: options.rateLimits ?? new InMemoryRateLimitCounter(),
    version: options.version,
  };
}

/** Stops the context's store watchers (the store itself is closed by whoever opened it). */
export function closeContext(context: Context): void {
  context.permissions.close();
  context.settings.close();
  context.sessions.close();
}
