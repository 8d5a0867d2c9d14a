// The TOTP method of the second factor: Rocket.Chat's TOTPCheck over lib/totp.ts, backup codes included.
import { createHash } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import type { UserDoc } from '../documents.js';

/** `services.totp` as Rocket.Chat's 2fa enable method stores it: a base32 secret and sha256 hex backup codes. */
export interface TotpService {
  enabled: boolean;
  secret: string | null;
  hashedBackup: string[] | null;
}

export function totpServiceOf(user: UserDoc): TotpService {
  const raw = user.services?.totp;
  const totp =
    raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  const backup = totp.hashedBackup;
  return {
    enabled: totp.enabled === true,
    secret: typeof totp.secret === 'string' && totp.secret !== '' ? totp.secret : null,
    hashedBackup: Array.isArray(backup)
      ? backup.filter((code): code is string => typeof code === 'string')
      : null,
  };
}

export type TotpVerdict =
  | { valid: false }
  | { valid: true }
  /** A backup code matched (its hash given): valid once it is removed from the stored list. */
  | { valid: true; backupCode: string };

/**
 * Rocket.Chat's `TOTP.verify`: an 8-character code is a backup code (its Meteor SHA256, looked up and removed from
 * `hashedBackup`), anything else a TOTP code checked as speakeasy does it (base32 secret, SHA-1, 6 digits, 30 s),
 * within `Accounts_TwoFactorAuthentication_MaxDelta` steps either side of now.
 */
export function verifyTotp(service: TotpService, code: string, maxDelta: number, now: Date): TotpVerdict {
  if (service.secret === null) return { valid: false };
  if (code.length === 8 && service.hashedBackup !== null) {
    const hashed = createHash('sha256').update(code, 'utf8').digest('hex');
    return service.hashedBackup.includes(hashed) ? { valid: true, backupCode: hashed } : { valid: false };
  }
  let secret: Secret;
  try {
    secret = Secret.fromBase32(service.secret.replace(/[\s=]/g, '').toUpperCase());
  } catch {
    return { valid: false };
  }
  const totp = new TOTP({ secret, algorithm: 'SHA1', digits: 6, period: 30 });
  const delta = totp.validate({ token: code, timestamp: now.getTime(), window: Math.max(0, maxDelta) });
  return delta === null ? { valid: false } : { valid: true };
}
