// POST /api/v1/login's domain: password and resume logins, guarded against guessing, with the second factor.
import { loginFailed } from '../../errors.js';
import {
  loginBlockedForIp,
  loginBlockedForUser,
  loginTwoFactorError,
  userNotActivated,
} from './auth-errors.js';
import type { UserDoc } from '../documents.js';
import { randomSecret } from '../ids.js';
import { userAccount, type LoginGuard } from './login-guard.js';
import type { LoginRequest } from './login-request.js';
import { issueLoginToken } from './login-tokens.js';
import { hashPassword, verifyPassword } from './passwords.js';
import type { Sessions } from './sessions.js';
import type { TwoFactor } from './two-factor.js';
import type { Store } from '../store.js';

export interface LoginResult {
  user: UserDoc;
  /** The raw token: returned to the client once, never stored or logged. */
  authToken: string;
}

/**
 * A bcrypt hash of a random secret, compared against when the user is unknown or has no password, so that a
 * miss costs the same bcrypt work as a wrong password and response times do not reveal who exists.
 */
let decoyHash: Promise<string> | undefined;
function decoy(): Promise<string> {
  decoyHash ??= hashPassword(randomSecret());
  return decoyHash;
}

function bcryptOf(user: UserDoc | null): string | null {
  const password = user?.services?.password;
  if (password === null || typeof password !== 'object' || Array.isArray(password)) return null;
  const hash = (password as { bcrypt?: unknown }).bcrypt;
  return typeof hash === 'string' && hash !== '' ? hash : null;
}

export class LoginService {
  constructor(
    private readonly store: Store,
    private readonly sessions: Sessions,
    private readonly guard: LoginGuard,
    private readonly twoFactor: TwoFactor,
    private readonly clock: () => Date,
  ) {}

  /**
   * Logs in, or throws `loginFailed()` (unknown user, wrong password, expired or unknown token), the deactivated
   * error (right password, deactivated user) or a second-factor error.
   */
  async login(request: LoginRequest | null, ip: string): Promise<LoginResult> {
    if (request === null) throw loginFailed();
    return request.kind === 'resume' ? this.resume(request.token, ip) : this.password(request, ip);
  }

  private async password(
    request: Extract<LoginRequest, { kind: 'password' }>,
    ip: string,
  ): Promise<LoginResult> {
    const { by, identifier, password } = request;
    const user = await this.findUser(by, identifier);
    const account = user ? userAccount(user._id) : `${by}:${identifier.trim().toLowerCase()}`;
    // validateLoginAttemptAsync checks the blocks (IP, then user) whatever the password: a blocked attempt is
    // answered error-login-blocked-for-ip/-user without checking the password, so it reveals no guess.
    const block = await this.guard.blocked(account, ip);
    if (block) throw block === 'ip' ? loginBlockedForIp() : loginBlockedForUser();
    const hash = bcryptOf(user);
    const matches = await verifyPassword(password, hash ?? (await decoy()));
    if (!user || hash === null || !matches) {
      await this.guard.recordFailure(account, ip);
      throw loginFailed();
    }
    // validateLoginAttempt runs after the password handler succeeded: only who knows the password learns this.
    if (user.active === false) {
      await this.guard.recordFailure(account, ip);
      throw userNotActivated();
    }
    // loginHandler.ts's onValidateLogin: resume logins skip it, and a login never falls back to the password.
    const second = await this.twoFactor.check({ user, code: request.code, disablePasswordFallback: true });
    if (!second.ok) {
      // hooks/login.ts counts every failed login but 'totp-required': asking for the code is no guess.
      if (second.failure !== 'totp-required') await this.guard.recordFailure(account, ip);
      throw loginTwoFactorError(second.failure, second.details);
    }
    await this.guard.recordSuccess(account, ip);
    const now = this.clock();
    const { rawToken, stored } = issueLoginToken(user._id, now);
    await this.store.tokens.insert(stored);
    return { user: await this.touchLastLogin(user, now), authToken: rawToken };
  }

  /** Meteor's resume handler answers with the same token; no new token is issued. */
  private async resume(token: string, ip: string): Promise<LoginResult> {
    if (await this.guard.blocked(null, ip)) throw loginBlockedForIp();
    const caller = await this.sessions.resume(token);
    // Roster refuses a PAT as `resume` (Rocket.Chat accepts it, security F22): a login answers login tokens only.
    if (!caller || caller.token.type === 'personalAccessToken') {
      await this.guard.recordFailure(null, ip);
      throw loginFailed();
    }
    return { user: await this.touchLastLogin(caller.user, this.clock()), authToken: token };
  }

  private async findUser(by: 'id' | 'username' | 'email', identifier: string): Promise<UserDoc | null> {
    if (by === 'id') return this.store.users.findById(identifier);
    return by === 'email' ? this.store.users.findByEmail(identifier) : this.findByUsername(identifier);
  }

  /** Meteor finds a username exactly, then case-insensitively. */
  private async findByUsername(username: string): Promise<UserDoc | null> {
    return (
      (await this.store.users.findByUsername(username)) ??
      (await this.store.users.findByUsernameInsensitive(username))
    );
  }

  /** Rocket.Chat records `lastLogin` on every successful login (its model layer also bumps `_updatedAt`). */
  private async touchLastLogin(user: UserDoc, now: Date): Promise<UserDoc> {
    const at = now.toISOString();
    const updated = await this.store.users.update(user._id, (doc) => ({
      ...doc,
      lastLogin: at,
      _updatedAt: at,
    }));
    return updated ?? user;
  }
}
