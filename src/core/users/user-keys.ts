// The lookup keys of a user document, derived one way for every adapter and for the "myself" rules.
import type { UserDoc } from '../documents.js';

/** Emails are compared trimmed and lower-cased (users-info.md §4). */
export function normalizeEmail(address: string): string {
  return address.trim().toLowerCase();
}

/** The user's distinct normalised email addresses. */
export function normalizedEmailsOf(user: UserDoc): string[] {
  const addresses = (user.emails ?? [])
    .map((email) => (typeof email?.address === 'string' ? normalizeEmail(email.address) : ''))
    .filter((address) => address !== '');
  return [...new Set(addresses)];
}

export function importIdsOf(user: UserDoc): string[] {
  return [
    ...new Set((user.importIds ?? []).filter((id): id is string => typeof id === 'string' && id !== '')),
  ];
}

export function rolesOf(user: UserDoc): string[] {
  return [...new Set((user.roles ?? []).filter((role): role is string => typeof role === 'string'))];
}

/** The indexed `freeSwitchExtension`, or null when absent or empty. */
export function extensionOf(user: UserDoc): string | null {
  return typeof user.freeSwitchExtension === 'string' && user.freeSwitchExtension !== ''
    ? user.freeSwitchExtension
    : null;
}

export function usernameOf(user: UserDoc): string | null {
  return typeof user.username === 'string' ? user.username : null;
}
