// The cache keys of users.info's lookups: one string per (finder, value), and every key a document answers.
import type { UserDoc } from '../documents.js';
import { extensionOf, importIdsOf, normalizeEmail, normalizedEmailsOf, usernameOf } from './user-keys.js';

/** The store finders users.info uses; `idOrUsername` is Rocket.Chat's `findOneByIdOrUsername`. */
export type LookupKind = 'idOrUsername' | 'importId' | 'email' | 'freeSwitchExtension';

const PREFIX: Record<LookupKind, string> = {
  idOrUsername: 'n:',
  importId: 'i:',
  email: 'e:',
  freeSwitchExtension: 'f:',
};

/** Emails are keyed as the store matches them: trimmed and lower-cased. */
export function lookupKey(kind: LookupKind, value: string): string {
  return PREFIX[kind] + (kind === 'email' ? normalizeEmail(value) : value);
}

/** Every key whose lookup could return `user` (so a write to it must drop them all). */
export function lookupKeysOf(user: UserDoc): string[] {
  const keys = [PREFIX.idOrUsername + user._id];
  const username = usernameOf(user);
  if (username !== null) keys.push(PREFIX.idOrUsername + username);
  for (const address of normalizedEmailsOf(user)) keys.push(PREFIX.email + address);
  for (const id of importIdsOf(user)) keys.push(PREFIX.importId + id);
  const extension = extensionOf(user);
  if (extension !== null) keys.push(PREFIX.freeSwitchExtension + extension);
  return keys;
}
