// users.updateOwnBasicInfo: Rocket.Chat 8.5's saveUserProfile for the caller — the current password (the second
// factor's password fallback) before an e-mail or password change, and a new password logs out every other client.
import { routeTwoFactorError } from '../auth/auth-errors.js';
import type { Caller } from '../auth/sessions.js';
import { verifyPassword } from '../auth/passwords.js';
import type { Context } from '../context.js';
import type { Json, UserDoc } from '../documents.js';
import { updateUser, type UpdateUserData } from './user-update.js';
import { MAX_BIO_LENGTH, MAX_NICKNAME_LENGTH } from './profile-bounds.js';
import { ownProfileErrors, userErrors } from './user-errors.js';

/** `UsersUpdateOwnBasicInfoParamsPOST`'s `data`. */
export interface OwnBasicInfo {
  email?: string;
  name?: string;
  username?: string;
  nickname?: string;
  bio?: string;
  statusText?: string;
  statusType?: string;
  /** SHA-256 hex of the current password, as Rocket.Chat's clients send it. */
  currentPassword?: string;
  newPassword?: string;
}

const STATUS_TYPES: ReadonlySet<string> = new Set(['online', 'away', 'busy', 'offline']);

function bcryptOf(user: UserDoc): string | null {
  const password = user.services?.password;
  if (password === null || typeof password !== 'object' || Array.isArray(password)) return null;
  const hash = (password as { bcrypt?: unknown }).bcrypt;
  return typeof hash === 'string' && hash !== '' ? hash : null;
}

export async function updateOwnBasicInfo(
  context: Context,
  caller: Caller,
  input: { data: OwnBasicInfo; customFields?: Record<string, Json> },
): Promise<UserDoc> {
  const { data } = input;
  const user = caller.user;
  // executeSaveUserProfile: an e-mail or password change runs through twoFactorRequired (requireSecondFactor),
  // the route passing `currentPassword` as the code of the `password` method.
  if (data.email || data.newPassword) {
    const outcome = await context.twoFactor.check({
      user,
      code: data.currentPassword,
      method: data.currentPassword ? 'password' : undefined,
    });
    if (!outcome.ok) throw routeTwoFactorError(outcome.failure, outcome.details);
  }
  if (data.bio !== undefined && data.bio.length > MAX_BIO_LENGTH) throw userErrors.bioTooLong(MAX_BIO_LENGTH);
  if (data.nickname && data.nickname.length > MAX_NICKNAME_LENGTH) {
    throw userErrors.nicknameTooLong(MAX_NICKNAME_LENGTH);
  }
  if (data.statusType && !STATUS_TYPES.has(data.statusType)) throw ownProfileErrors.invalidStatus();
  // The password is changed only for a user who has one (`services.password.bcrypt`), never to the same one.
  const hash = bcryptOf(user);
  const newPassword = data.newPassword && hash !== null ? data.newPassword : undefined;
  if (newPassword !== undefined && (await verifyPassword(newPassword, hash ?? ''))) {
    throw ownProfileErrors.samePassword();
  }
  const update: UpdateUserData = {
    ...(data.name ? { name: data.name } : {}),
    ...(data.username ? { username: data.username } : {}),
    ...(data.email ? { email: data.email } : {}),
    ...(data.bio !== undefined ? { bio: data.bio.trim() } : {}),
    ...(data.nickname ? { nickname: data.nickname.trim() } : {}),
    ...(data.statusText !== undefined ? { statusText: data.statusText } : {}),
    ...(data.statusType ? { status: data.statusType } : {}),
    ...(newPassword !== undefined ? { password: newPassword } : {}),
    ...(input.customFields && Object.keys(input.customFields).length > 0
      ? { customFields: input.customFields }
      : {}),
  };
  // removeOtherTokens(userId, connection.id): the REST connection's login token is the caller's, so it survives.
  return updateUser(
    context,
    caller,
    { userId: user._id, data: update },
    { keepToken: caller.token.hashedToken },
  );
}
