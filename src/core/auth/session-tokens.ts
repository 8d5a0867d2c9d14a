// Signing out: /logout, users.removeOtherTokens, users.logoutOtherClients and users.logout (Rocket.Chat 8.5).
import type { Context } from '../context.js';
import { userErrors } from '../users/user-errors.js';
import type { Caller } from './sessions.js';
import { sessionTokenErrors } from './session-tokens-errors.js';

export const LOGOUT_OTHER_USER = 'logout-other-user';

/** users.removeOtherTokens: `Users.removeNonPATLoginTokensExcept(userId, currentToken)`; PATs stay. */
export async function removeOtherTokens(context: Context, caller: Caller): Promise<number> {
  return context.store.tokens.deleteLoginTokensOfUser(caller.user._id, caller.token.hashedToken);
}

/**
 * users.logoutOtherClients: the same removal, then the caller's current token (Rocket.Chat answers with the
 * x-auth-token it was called with, not a new one) and when it expires: its `when` plus Accounts_LoginExpiration
 * days; `''` for a token without `when` (a personal access token, as RC's `'when' in token` check).
 */
export async function logoutOtherClients(
  context: Context,
  caller: Caller,
  rawToken: string,
): Promise<{ token: string; tokenExpires: string }> {
  await removeOtherTokens(context, caller);
  if (caller.token.type !== 'login') return { token: rawToken, tokenExpires: '' };
  const { loginExpirationDays } = await context.settings.current();
  const expires = Date.parse(caller.token.when) + loginExpirationDays * 86_400_000;
  return { token: rawToken, tokenExpires: Number.isNaN(expires) ? '' : new Date(expires).toISOString() };
}

/**
 * users.logout: `userId` (default the caller); another user needs logout-other-user, else RC's
 * `API.v1.unauthorized()` (403 `unauthorized`), checked before the user is looked up. RC's `unsetLoginTokens`
 * sets `services.resume.loginTokens` to `[]`, so every token goes, personal access tokens included: one
 * transaction through store.users.update's revocation, which also finds the user (null: error-invalid-user-id).
 */
export async function logoutUser(
  context: Context,
  caller: Caller,
  userId: string | undefined,
): Promise<string> {
  const target = userId || caller.user._id;
  if (target !== caller.user._id && !(await context.permissions.has(caller.user.roles, LOGOUT_OTHER_USER))) {
    throw userErrors.forbiddenUnauthorized();
  }
  const user = await context.store.users.update(target, (current) => current, { revokeTokens: true });
  if (!user) throw sessionTokenErrors.invalidUserId();
  return target;
}

/** POST /api/v1/logout: the caller's own login token is deleted (Rocket.Chat's logout route). */
export async function logoutCaller(context: Context, caller: Caller): Promise<void> {
  await context.store.tokens.delete(caller.token.hashedToken);
}
