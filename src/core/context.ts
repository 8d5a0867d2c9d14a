// Everything a request handler needs from the domain, built once per process from a Store.
import type { Logger } from './logger.js';
import { Permissions } from './permissions.js';
import { Sessions } from './sessions.js';
import { Settings } from './settings.js';
import type { Store } from './store.js';

export interface Context {
  store: Store;
  log: Logger;
  clock: () => Date;
  permissions: Permissions;
  settings: Settings;
  sessions: Sessions;
  /** Roster's version, for /api/info. */
  version: string;
}

export function createContext(options: {
  store: Store;
  log: Logger;
  version: string;
  clock?: () => Date;
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
    version: options.version,
  };
}

/** Stops the context's store watchers (the store itself is closed by whoever opened it). */
export function closeContext(context: Context): void {
  context.permissions.close();
  context.settings.close();
}
