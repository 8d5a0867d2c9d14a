// users.create: Rocket.Chat's `saveUser` for a new user, its checks in Rocket.Chat's order.
import type { Context } from '../context.js';
import type { Json, UserDoc } from '../documents.js';
import { ConflictError, forbidden } from '../../errors.js';
import { userErrors } from './user-errors.js';
import { randomSecret } from '../ids.js';
import { newUserDocument } from './user-document.js';
import { hashPassword } from '../auth/passwords.js';
import type { Caller } from '../auth/sessions.js';
import { assertProfileBounds, boundedStatusText } from './profile-bounds.js';
import { assertRolesExist } from '../access/role-assignment.js';
import { joinDefaultChannels } from '../rooms/default-channels.js';
import {
  assertUsernameNotBlocked,
  assertValidEmail,
  assertValidUsername,
  fieldUnavailable,
  validateCustomFields,
} from './user-validation.js';

/** The body of `UserCreateParamsPOST` after schema validation. */
export interface CreateUserInput {
  email: string;
  name: string;
  password: string;
  username: string;
  active?: boolean;
  bio?: string;
  nickname?: string;
  statusText?: string;
  roles?: string[];
  requirePasswordChange?: boolean;
  setRandomPassword?: boolean;
  verified?: boolean;
  customFields?: Record<string, Json>;
  freeSwitchExtension?: string;
  phones?: Json[];
  /** False: the new user joins no default channel (Rocket.Chat's saveNewUser). */
  joinDefaultChannels?: boolean;
}

/** Roles a user gets when `roles` is empty (Rocket.Chat's `Accounts_Registration_Default_Roles` default). */
const DEFAULT_ROLES = ['user'];

export async function createUser(context: Context, caller: Caller, input: CreateUserInput): Promise<UserDoc> {
  const { store } = context;
  if (!(await context.permissions.has(caller.user.roles, 'create-user'))) throw forbidden();
  const settings = await context.settings.current();
  const customFields = input.customFields
    ? validateCustomFields(input.customFields, settings.customFields, false)
    : {};
  const roles = input.roles && input.roles.length > 0 ? [...new Set(input.roles)] : DEFAULT_ROLES;
  await assertRolesExist(store, roles);
  // Rocket.Chat guards admin grants with assign-admin-role; Roster's permission for role grants is assign-roles.
  if (roles.includes('admin') && !(await context.permissions.has(caller.user.roles, 'assign-roles'))) {
    throw forbidden();
  }
  if (input.name.trim() === '') throw userErrors.nameRequired();
  assertValidUsername(input.username);
  if (input.password === '' && input.setRandomPassword !== true) {
    throw userErrors.passwordRequired();
  }
  assertUsernameNotBlocked(input.username);
  assertProfileBounds(input);
  // bcrypt runs before the availability checks, so no slow step sits between check and insert (security F11).
  const randomPassword = input.setRandomPassword === true;
  const passwordHash = await hashPassword(randomPassword ? randomSecret() : input.password);
  if (await store.users.findByUsernameInsensitive(input.username)) throw fieldUnavailable(input.username);
  if (await store.users.findByEmail(input.email)) throw fieldUnavailable(input.email);
  assertValidEmail(input.email);
  const extension = input.freeSwitchExtension ?? '';
  if (extension !== '' && (await store.users.findByFreeSwitchExtension(extension))) {
    throw fieldUnavailable(extension);
  }

  const extra: Record<string, Json> = { settings: {} };
  for (const key of ['bio', 'nickname'] as const) {
    const value = input[key];
    if (value !== undefined) extra[key] = value;
  }
  if (input.statusText !== undefined) extra.statusText = boundedStatusText(input.statusText);
  if (extension !== '') extra.freeSwitchExtension = extension;
  if (input.phones !== undefined) extra.phones = input.phones;
  const user = newUserDocument(
    {
      username: input.username,
      email: input.email.trim(),
      name: input.name,
      passwordHash,
      roles,
      active: input.active ?? true,
      verified: input.verified ?? false,
      requirePasswordChange: randomPassword || input.requirePasswordChange === true,
      customFields,
      extra,
    },
    context.clock(),
  );
  try {
    await store.users.insert(user);
  } catch (error) {
    throw conflictAsFieldUnavailable(error, user);
  }
  if (input.joinDefaultChannels !== false) await joinDefaultChannels(context, user);
  return user;
}

/** A concurrent writer won the race for a unique key: answer as if the pre-check had seen it. */
export function conflictAsFieldUnavailable(error: unknown, user: UserDoc): unknown {
  if (!(error instanceof ConflictError)) return error;
  if (error.field === 'username' && user.username) return fieldUnavailable(user.username);
  if (error.field === 'email') return fieldUnavailable(user.emails?.[0]?.address ?? '');
  if (error.field === 'freeSwitchExtension' && user.freeSwitchExtension) {
    return fieldUnavailable(user.freeSwitchExtension);
  }
  return error;
}
