// Passwords as Rocket.Chat/Meteor store them: bcrypt (cost 10) over the lowercase hex SHA-256 of the password.
import bcrypt from 'bcrypt';
import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import pLimit from 'p-limit';

export const BCRYPT_COST = 10;

/** What a client sends: a plain password, or Meteor's pre-hashed `{digest, algorithm: 'sha-256'}`. */
export type PasswordInput = string | { digest: string; algorithm: string };

/** The SHA-256 hex digest bcrypt is applied to; null for an unsupported algorithm or malformed digest. */
export function passwordDigest(input: PasswordInput): string | null {
  if (typeof input === 'string') return createHash('sha256').update(input, 'utf8').digest('hex');
  if (input.algorithm !== 'sha-256' || !/^[0-9a-fA-F]{64}$/.test(input.digest)) return null;
  return input.digest.toLowerCase();
}

/**
 * bcrypt runs on libuv's thread pool, never on the event loop, and on at most all cores but one at a time: a
 * burst of logins (about 60 ms of CPU each) queues instead of taking every core from the requests being served.
 */
export const bcryptSlots = pLimit(Math.max(1, availableParallelism() - 1));

export async function hashPassword(password: PasswordInput): Promise<string> {
  const digest = passwordDigest(password);
  if (digest === null) throw new Error('unsupported password digest');
  return bcryptSlots(() => bcrypt.hash(digest, BCRYPT_COST));
}

export async function verifyPassword(password: PasswordInput, bcryptHash: string): Promise<boolean> {
  const digest = passwordDigest(password);
  if (digest === null || typeof bcryptHash !== 'string' || bcryptHash === '') return false;
  try {
    return await bcryptSlots(() => bcrypt.compare(digest, bcryptHash));
  } catch {
    return false;
  }
}
