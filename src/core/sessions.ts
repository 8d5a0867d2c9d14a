// Resolves X-User-Id + X-Auth-Token to the calling user: one indexed lookup of the token's hash.
import type { StoredToken, UserDoc } from './documents.js';
import { hashLoginToken, isTokenExpired } from './login-tokens.js';
import type { Settings } from './settings.js';
import type { Store } from './store.js';

export interface Caller {
  user: UserDoc;
  token: StoredToken;
}

export class Sessions {
  constructor(
    private readonly store: Store,
    private readonly settings: Settings,
    private readonly clock: () => Date,
  ) {}

  /**
   * The caller, or null for every failure the spec lists (users-info.md §2): unknown token, token of another
   * user, expired login token, deactivated user. No cache: a revoked token fails on the very next request.
   */
  async authenticate(userId: string, rawToken: string): Promise<Caller | null> {
    if (userId === '') return null;
    const caller = await this.resume(rawToken);
    return caller && caller.user._id === userId ? caller : null;
  }

  /** The owner of a raw token, as Meteor's `resume` login handler finds it: by the token alone. */
  async resume(rawToken: string): Promise<Caller | null> {
    if (rawToken === '') return null;
    const session = await this.store.findSession(hashLoginToken(rawToken));
    if (!session || session.token.userId !== session.user._id) return null;
    if (session.user.active === false) return null;
    const { loginExpirationDays } = await this.settings.current();
    if (isTokenExpired(session.token, loginExpirationDays, this.clock())) return null;
    return { user: session.user, token: session.token };
  }
}
