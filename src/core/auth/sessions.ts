// Resolves X-User-Id + X-Auth-Token to the calling user: the token's hash, looked up in the session cache or
// with one indexed store lookup.
import type { StoredToken, UserDoc } from '../documents.js';
import { hashLoginToken, isTokenExpired } from './login-tokens.js';
import { SessionCache } from './session-cache.js';
import type { Settings } from '../settings/settings.js';
import type { Store, UserSession } from '../store.js';

export interface Caller {
  user: UserDoc;
  token: StoredToken;
}

/** Sessions kept in memory: enough for every active client of a large deployment, a few MB at most. */
const SESSION_CACHE_CAPACITY = 10_000;

export class Sessions {
  private readonly cache: SessionCache;

  constructor(
    private readonly store: Store,
    private readonly settings: Settings,
    private readonly clock: () => Date,
  ) {
    this.cache = new SessionCache(store, SESSION_CACHE_CAPACITY);
  }

  /**
   * The caller, or null for every failure the spec lists (users-info.md §2): unknown token, token of another
   * user, expired login token, deactivated user. A revocation in this process fails the very next request;
   * one in another process within the session cache's bound (session-cache.ts).
   */
  async authenticate(userId: string, rawToken: string): Promise<Caller | null> {
    const now = this.authenticateNow(userId, rawToken);
    if (now !== undefined) return now;
    const caller = await this.resume(rawToken);
    return caller && caller.user._id === userId ? caller : null;
  }

  /**
   * `authenticate` answered from memory (the session cache and the loaded settings, the same checks), or
   * undefined when the store must be asked: the hot path's synchronous form.
   */
  authenticateNow(userId: string, rawToken: string): Caller | null | undefined {
    if (userId === '' || rawToken === '') return null;
    const session = this.cache.get(hashLoginToken(rawToken));
    const settings = this.settings.peek();
    if (!session || !settings) return undefined;
    const caller = this.admit(session, settings.loginExpirationDays);
    return caller && caller.user._id === userId ? caller : null;
  }

  /** The owner of a raw token, as Meteor's `resume` login handler finds it: by the token alone. */
  async resume(rawToken: string): Promise<Caller | null> {
    if (rawToken === '') return null;
    const session = await this.find(hashLoginToken(rawToken));
    if (!session) return null;
    const { loginExpirationDays } = await this.settings.current();
    return this.admit(session, loginExpirationDays);
  }

  /** The caller a found session names, unless its token is another user's, the user inactive, the token expired. */
  private admit(session: UserSession, loginExpirationDays: number): Caller | null {
    if (session.token.userId !== session.user._id) return null;
    if (session.user.active === false) return null;
    if (isTokenExpired(session.token, loginExpirationDays, this.clock())) return null;
    // One frozen Caller per cached (frozen) session: no allocation per request.
    let caller = callers.get(session);
    if (!caller) {
      caller = Object.freeze({ user: session.user, token: session.token });
      if (Object.isFrozen(session)) callers.set(session, caller);
    }
    return caller;
  }

  close(): void {
    this.cache.close();
  }

  private async find(hashedToken: string): Promise<UserSession | null> {
    const cached = this.cache.get(hashedToken);
    if (cached) return cached;
    const generation = this.cache.currentGeneration();
    const session = await this.store.tokens.findSession(hashedToken);
    // Frozen: one cached caller serves many requests, so no request may change it for the others.
    if (session) this.cache.set(hashedToken, deepFreeze(session), generation);
    return session;
  }
}

const callers = new WeakMap<UserSession, Caller>();

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
