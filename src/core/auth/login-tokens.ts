// Login tokens: the raw token goes to the client once; only Meteor's hash of it (sha256, base64) is stored.
import { createHash } from 'node:crypto';
import type { StoredToken } from '../documents.js';
import { randomSecret } from '../ids.js';

/** Meteor's `Accounts._hashLoginToken`: base64 (with padding) of the SHA-256 of the raw token. */
export function hashLoginToken(rawToken: string): string {
  return createHash('sha256').update(rawToken, 'utf8').digest('base64');
}

export function issueLoginToken(userId: string, now: Date): { rawToken: string; stored: StoredToken } {
  const rawToken = randomSecret();
  return {
    rawToken,
    stored: { hashedToken: hashLoginToken(rawToken), userId, when: now.toISOString(), type: 'login' },
  };
}

/** Login tokens expire `expirationDays` after `when`; personal access tokens never do. */
export function isTokenExpired(token: StoredToken, expirationDays: number, now: Date): boolean {
  if (token.type === 'personalAccessToken') return false;
  const issuedAt = Date.parse(token.when);
  if (Number.isNaN(issuedAt)) return true;
  return issuedAt + expirationDays * 86_400_000 <= now.getTime();
}
