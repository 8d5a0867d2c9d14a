// users.deleteOwnAccount: Rocket.Chat's route and deleteUserOwnAccount method
// (apps/meteor/app/lib/server/methods/deleteUserOwnAccount.ts): the caller deletes themself with their password.
import { createHash } from 'node:crypto';
import type { Context } from '../context.js';
import type { Caller } from '../auth/sessions.js';
import { verifyPassword } from '../auth/passwords.js';
import { knownValue } from '../settings/known-value.js';
import { profileErrors } from './profile-errors.js';
import { removeUser } from './user-delete.js';

export interface DeleteOwnAccountInput {
  password?: unknown;
  confirmRelinquish?: unknown;
}

function bcryptOf(services: unknown): string {
  if (typeof services !== 'object' || services === null) return '';
  const password = (services as Record<string, unknown>).password;
  if (typeof password !== 'object' || password === null) return '';
  const bcrypt = (password as Record<string, unknown>).bcrypt;
  return typeof bcrypt === 'string' ? bcrypt.trim() : '';
}

/**
 * `password` is the SHA-256 hex digest of the password, as Rocket.Chat's client sends it (checked as
 * `{digest: password.toLowerCase(), algorithm: 'sha-256'}`); a user without a password confirms with the
 * SHA-256 of their username instead. `Accounts_AllowDeleteOwnAccount` must be on; then deleteUser, so the
 * last-owner rooms need `confirmRelinquish`. The user, their tokens and subscriptions go in one transaction.
 */
export async function deleteOwnAccount(
  context: Context,
  caller: Caller,
  input: DeleteOwnAccountInput,
): Promise<void> {
  const { password } = input;
  if (!password) throw profileErrors.passwordRequired();
  const settings = await context.settings.current();
  if (!knownValue(settings, 'Accounts_AllowDeleteOwnAccount')) throw profileErrors.notAllowed();
  if (typeof password !== 'string') throw profileErrors.expectedString(typeof password);
  const user = await context.store.users.findById(caller.user._id);
  if (!user) throw profileErrors.invalidUser();
  const bcrypt = bcryptOf(user.services);
  if (bcrypt !== '') {
    const digest = { digest: password.toLowerCase(), algorithm: 'sha-256' };
    if (!(await verifyPassword(digest, bcrypt))) throw profileErrors.invalidPassword();
  } else {
    const expected = createHash('sha256')
      .update(user.username ?? '', 'utf8')
      .digest('hex');
    if (expected !== password.trim()) throw profileErrors.invalidUsernameForDeletion();
  }
  await removeUser(context, user, input.confirmRelinquish === true);
}
