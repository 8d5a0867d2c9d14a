// The second factor, as Rocket.Chat's checkCodeForUser (2fa/server/code/index.ts) asks for it at login and on
// the routes it marks `twoFactorRequired`.
import { createHash } from 'node:crypto';
import type { Json, StoredToken, UserDoc } from '../documents.js';
import type { TwoFactorDetails, TwoFactorFailure } from './auth-errors.js';
import { verifyPassword } from './passwords.js';
import { totpServiceOf, verifyTotp } from './two-factor-totp.js';
import type { Settings, TwoFactorSettings } from '../settings/settings.js';
import type { Store } from '../store.js';

export interface SecondFactorRequest {
  user: UserDoc;
  code?: string | undefined;
  method?: string | undefined;
  /** The route's caller; absent at login, where loginHandler.ts passes no connection. */
  connection?: { token: StoredToken; fingerprint: string };
  /** loginHandler.ts sets it: a login never falls back to asking for the password again. */
  disablePasswordFallback?: boolean;
}

export type SecondFactorOutcome =
  { ok: true } | { ok: false; failure: TwoFactorFailure; details: TwoFactorDetails };

type MethodName = 'totp' | 'email' | 'password';

/**
 * Rocket.Chat's `getFingerprintFromConnection`: md5 of `{userAgent, clientAddress}` as JSON, which a token's
 * `twoFactorAuthorizedHash` is compared with.
 */
export function connectionFingerprint(userAgent: string | undefined, clientAddress: string): string {
  return createHash('md5').update(JSON.stringify({ userAgent, clientAddress })).digest('hex');
}

export class TwoFactor {
  constructor(
    private readonly store: Store,
    private readonly settings: Settings,
    private readonly clock: () => Date,
  ) {}

  async check(request: SecondFactorRequest): Promise<SecondFactorOutcome> {
    const settings = (await this.settings.current()).twoFactor;
    if (!settings.enabled) return { ok: true };
    const { user, connection } = request;
    const now = this.clock();
    if (connection && isAuthorizedForToken(connection, user, settings, now)) return { ok: true };
    const method = selectMethod(user, request.method, settings, request.disablePasswordFallback === true);
    if (method === null) return { ok: true };
    // processInvalidCode: `{codeGenerated: false}` for TOTP and the password (no e-mail method, see isEnabled).
    const details = { method, codeGenerated: false, availableMethods: availableMethods(user, settings) };
    if (!request.code) return { ok: false, failure: 'totp-required', details };
    const valid = await this.verify(method, user, request.code, settings, now);
    return valid ? { ok: true } : { ok: false, failure: 'totp-invalid', details };
  }

  private async verify(
    method: MethodName,
    user: UserDoc,
    code: string,
    settings: TwoFactorSettings,
    now: Date,
  ): Promise<boolean> {
    if (!isEnabled(method, user, settings)) return false;
    if (method === 'password') {
      // PasswordCheckFallback: the code is the password's SHA-256 hex, checked like a Meteor digest login.
      return verifyPassword({ digest: code.toLowerCase(), algorithm: 'sha-256' }, bcryptOf(user) ?? '');
    }
    const verdict = verifyTotp(totpServiceOf(user), code, settings.maxDelta, now);
    if (verdict.valid && 'backupCode' in verdict) return this.useBackupCode(user._id, verdict.backupCode);
    return verdict.valid;
  }

  /**
   * Users.update2FABackupCodesByUserId: a backup code works once. The code is removed inside the store's update,
   * from the list as it is then, so two logins racing with the same code cannot both use it.
   * (The change is not pure, as store.users.update asks: it reports what it found, nothing else.)
   */
  private async useBackupCode(userId: string, hashed: string): Promise<boolean> {
    let used = false;
    await this.store.users.update(userId, (doc) => {
      const current = totpServiceOf(doc).hashedBackup ?? [];
      const index = current.indexOf(hashed);
      // Assigned on every call: a store that retries the transaction decides by its last run.
      used = index !== -1;
      if (!used) return doc;
      const services = doc.services ?? {};
      const totp = (services.totp ?? {}) as Record<string, Json>;
      const hashedBackup = current.filter((_, position) => position !== index);
      return { ...doc, services: { ...services, totp: { ...totp, hashedBackup } } };
    });
    return used;
  }
}

/**
 * TOTPCheck.isEnabled, EmailCheck.isEnabled and PasswordCheckFallback.isEnabled. Roster has no mail transport, so
 * it can never deliver an e-mail code: the e-mail method is never enabled (as in Rocket.Chat with
 * Accounts_TwoFactorAuthentication_By_Email_Enabled off), whatever `services.email2fa` says (README "Limits").
 */
function isEnabled(method: MethodName, user: UserDoc, settings: TwoFactorSettings): boolean {
  if (method === 'totp') return settings.byTotp && totpServiceOf(user).enabled;
  if (method === 'email') return false;
  return settings.enforcePasswordFallback && bcryptOf(user) !== null;
}

const CODE_METHODS: readonly MethodName[] = ['totp', 'email'];

function availableMethods(user: UserDoc, settings: TwoFactorSettings): string[] {
  return CODE_METHODS.filter((method) => isEnabled(method, user, settings));
}

/** getSecondFactorMethod: the named code method, else the user's first enabled one, else the password fallback. */
function selectMethod(
  user: UserDoc,
  requested: string | undefined,
  settings: TwoFactorSettings,
  disablePasswordFallback: boolean,
): MethodName | null {
  if (requested === 'totp' || requested === 'email') return requested;
  const enabled = CODE_METHODS.find((method) => isEnabled(method, user, settings));
  if (enabled) return enabled;
  return !disablePasswordFallback && isEnabled('password', user, settings) ? 'password' : null;
}

/**
 * isAuthorizedForToken: a personal access token made with `bypassTwoFactor`; a user registered less than
 * RememberFor seconds ago; or a token whose `twoFactorAuthorizedUntil`/`Hash` (written by Rocket.Chat after a
 * second factor on the same client, kept by an import) still holds for this client.
 */
function isAuthorizedForToken(
  connection: { token: StoredToken; fingerprint: string },
  user: UserDoc,
  settings: TwoFactorSettings,
  now: Date,
): boolean {
  const token = connection.token as StoredToken & Record<string, unknown>;
  if (token.bypassTwoFactor === true) return true;
  if (settings.rememberForSeconds > 0) {
    const createdAt = typeof user.createdAt === 'string' ? Date.parse(user.createdAt) : Number.NaN;
    if (createdAt + settings.rememberForSeconds * 1000 >= now.getTime()) return true;
  }
  const until =
    typeof token.twoFactorAuthorizedUntil === 'string' ? Date.parse(token.twoFactorAuthorizedUntil) : NaN;
  return until >= now.getTime() && token.twoFactorAuthorizedHash === connection.fingerprint;
}

function bcryptOf(user: UserDoc): string | null {
  const password = user.services?.password;
  if (password === null || typeof password !== 'object' || Array.isArray(password)) return null;
  const hash = (password as { bcrypt?: unknown }).bcrypt;
  return typeof hash === 'string' && hash !== '' ? hash : null;
}
