// users.createToken: a login token for a user, minted by a trusted backend that knows the server's secret.
import { createHash, timingSafeEqual } from 'node:crypto';
import { createTokenNotAuthorized } from './auth-errors.js';
import { issueLoginToken } from './login-tokens.js';
import type { Caller } from './sessions.js';
import type { Context } from '../context.js';
import { userFromParams, type UserParams } from '../users/user-delete.js';

export const CREATE_TOKEN_PERMISSION = 'user-generate-access-token';

/** Constant-time, over digests so the lengths compared are equal whatever was sent. */
function sameSecret(sent: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(sent), digest(expected));
}

/**
 * Rocket.Chat 8.x (users.ts `users.createToken` → `generateAccessToken`): the user is found as getUserFromParams
 * finds it; the secret must equal CREATE_TOKENS_FOR_USERS_SECRET (unset: nothing matches); a token for someone
 * else needs `user-generate-access-token`. The token is an ordinary login token (it expires like one).
 */
export async function createTokenForUser(
  context: Context,
  caller: Caller,
  params: UserParams & { secret: string },
): Promise<{ userId: string; authToken: string }> {
  const user = await userFromParams(context.store, params);
  const expected = context.createTokensSecret;
  if (expected === undefined || !sameSecret(params.secret, expected)) throw createTokenNotAuthorized();
  if (
    caller.user._id !== user._id &&
    !(await context.permissions.has(caller.user.roles, CREATE_TOKEN_PERMISSION))
  ) {
    throw createTokenNotAuthorized();
  }
  const { rawToken, stored } = issueLoginToken(user._id, context.clock());
  await context.store.tokens.insert(stored);
  return { userId: user._id, authToken: rawToken };
}
