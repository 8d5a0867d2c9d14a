// The second factor in tests: Rocket.Chat's password fallback headers and TOTP codes for a known secret.
import { createHash } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';

/** A base32 TOTP secret as Rocket.Chat's 2fa enable method stores it in services.totp.secret. */
export const TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

/** The headers a user with a password and no 2FA sends to a `twoFactorRequired` route (PasswordCheckFallback). */
export function passwordTwoFactor(password: string): Record<string, string> {
  return { 'x-2fa-code': createHash('sha256').update(password).digest('hex'), 'x-2fa-method': 'password' };
}

/** The TOTP code an authenticator app shows for TOTP_SECRET at `at`. */
export function totpCode(at: Date = new Date(), secret = TOTP_SECRET): string {
  const totp = new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 });
  return totp.generate({ timestamp: at.getTime() });
}

/** Meteor's SHA256 of a backup code, as services.totp.hashedBackup holds it. */
export function hashedBackupCode(code: string): string {
  return createHash('sha256').update(code).digest('hex');
}
