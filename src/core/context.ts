// Everything a request handler needs from the domain, built once per process from a Store.
import type { Logger } from './logger.js';
import { Permissions } from './access/permissions.js';
import { InMemoryRateLimitCounter, type RateLimitCounter } from './rate-limit/rate-limit-counter.js';
import { Sessions } from './auth/sessions.js';
import { Settings } from './settings/settings.js';
import { TwoFactor } from './auth/two-factor.js';
import type { Store } from './store.js';
import { DEFAULT_USER_CACHE_MB, UserCache } from './users/user-cache.js';
import { invalidatingStore } from './users/user-cache-writes.js';
import { LookupAudit, type LookupAuditOptions } from './users/lookup-audit.js';

export interface Context {
  /** The store, with user and subscription writes dropping what they change from `userCache` before returning. */
  store: Store;
  /** users.info's lookups, room lists and rendered bodies (core/users/user-cache.ts). */
  userCache: UserCache;
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
  /** The audit of gated lookups (README "Beyond Rocket.Chat"): buffered, flushed by `closeContext`. */
  lookupAudit: LookupAudit;
}

export function createContext(options: {
  store: Store;
  log: Logger;
  version: string;
  clock?: () => Date;
  rateLimits?: RateLimitCounter;
  /** Megabytes of users.info answers kept in memory (`--user-cache`); 0 turns the cache off. */
  userCacheMb?: number;
  createTokensSecret?: string;
  lookupAudit?: LookupAuditOptions;
}): Context {
  const clock = options.clock ?? (() => new Date());
  const users = new UserCache(options.store, options.userCacheMb ?? DEFAULT_USER_CACHE_MB);
  const store = invalidatingStore(options.store, users);
  const settings = new Settings(store, options.log);
  return {
    store,
    userCache: users,
    log: options.log,
    clock,
    permissions: new Permissions(store),
    settings,
    sessions: new Sessions(store, settings, clock),
    twoFactor: new TwoFactor(store, settings, clock),
    ...(options.createTokensSecret !== undefined ? { createTokensSecret: options.createTokensSecret } : {}),
    rateLimits: options.rateLimits ?? new InMemoryRateLimitCounter(),
    version: options.version,
    lookupAudit: new LookupAudit({ store, settings, clock, log: options.log }, options.lookupAudit),
  };
}

/**
 * Writes the lookup audit's waiting entries and stops the context's store watchers (the store itself is closed
 * by whoever opened it, after this resolves).
 */
export async function closeContext(context: Context): Promise<void> {
  await context.lookupAudit.close();
  context.permissions.close();
  context.settings.close();
  context.sessions.close();
  context.userCache.close();
}
