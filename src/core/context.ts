// Everything a request handler needs from the domain, built once per process from a Store.
import type { Logger } from './logger.js';
import { Permissions } from './access/permissions.js';
import { InMemoryRateLimitCounter, type RateLimitCounter } from './rate-limit/rate-limit-counter.js';
import { Sessions } from './auth/sessions.js';
import { Settings } from './settings/settings.js';
import { TwoFactor } from './auth/two-factor.js';
import type { Store } from './store.js';

export interface Context {
  store: Store;
  log: Logger;
  clock: () => Date;
  permissions: Permissions;
  settings: Settings;
  sessions: Sessions;
  /** The second factor at login and on Rocket.Chat's `twoFactorRequired` routes. */
  twoFactor: TwoFactor;
  /**
   * Rocket.Chat's CREATE_TOKENS_FOR_USERS_SECRET (config.ts): the secret users.createToken must be sent;
   * undefined: users.createToken refuses every call, as Rocket.Chat does without it.
   */
  createTokensSecret?: string;
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
  createTokensSecret?: string;
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
    twoFactor: new TwoFactor(options.store, settings, clock),
    ...(options.createTokensSecret !== undefined ? { createTokensSecret: options.createTokensSecret } : {}),
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
