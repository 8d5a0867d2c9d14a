// Everything a request handler needs from the domain, built once per process from a Store: the one place where
// core's services are composed. http/ reaches the store only through them (eslint forbids `context.store` there).
import type { Logger } from './logger.js';
import { Permissions } from './access/permissions.js';
import { InMemoryRateLimitCounter, type RateLimitCounter } from './rate-limit/rate-limit-counter.js';
import { Sessions } from './auth/sessions.js';
import { Settings } from './settings/settings.js';
import { TwoFactor } from './auth/two-factor.js';
import { LoginGuard } from './auth/login-guard.js';
import { LoginService } from './auth/login.js';
import { PersonalAccessTokens } from './auth/personal-access-tokens.js';
import type { Store } from './store.js';
import { DEFAULT_USER_CACHE_MB, UserCache } from './users/user-cache.js';
import { invalidatingStore } from './users/user-cache-writes.js';
import { LookupAudit, type LookupAuditOptions } from './users/lookup-audit.js';

export interface Context {
  /**
   * The store, with user and subscription writes dropping what they change from `userCache` before returning.
   * For core only: http/ calls core's services and functions instead (eslint.config.js forbids it there).
   */
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
  /** POST /api/v1/login: password and resume logins, guarded against guessing. */
  login: LoginService;
  /** users.generatePersonalAccessToken and its siblings. */
  personalAccessTokens: PersonalAccessTokens;
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
  const rateLimits = options.rateLimits ?? new InMemoryRateLimitCounter();
  const permissions = new Permissions(store);
  const sessions = new Sessions(store, settings, clock);
  const twoFactor = new TwoFactor(store, settings, clock);
  const guard = LoginGuard.fromSettings(rateLimits, settings, clock);
  return {
    store,
    userCache: users,
    log: options.log,
    clock,
    permissions,
    settings,
    sessions,
    twoFactor,
    login: new LoginService(store, sessions, guard, twoFactor, clock),
    personalAccessTokens: new PersonalAccessTokens(store, permissions, clock),
    ...(options.createTokensSecret !== undefined ? { createTokensSecret: options.createTokensSecret } : {}),
    rateLimits,
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

/** Resolves when the store answers (/readyz). */
export async function storeAnswers(context: Context): Promise<void> {
  await context.store.ping();
}
