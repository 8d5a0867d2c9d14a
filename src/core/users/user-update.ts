// users.update: Rocket.Chat's `saveUser` for an existing user — who may change what, and the same checks as create.
import type { Context } from '../context.js';
import type { Json, UserDoc } from '../documents.js';
import { forbidden } from '../../errors.js';
import { randomSecret } from '../ids.js';
import { assertNotLastActiveAdmin } from './last-admin.js';
import { assertProfileBounds, boundedStatusText } from './profile-bounds.js';
import { LoginGuard, userAccount } from '../auth/login-guard.js';
import { hashPassword } from '../auth/passwords.js';
import { assertRolesExist } from '../access/role-assignment.js';
import type { Caller } from '../auth/sessions.js';
import { FootprintEdit } from './footprint-edit.js';
import { conflictAsFieldUnavailable } from './user-create.js';
import { activeStatusWrites, prepareActiveStatus } from './user-status.js';
import { userErrors } from './user-errors.js';
import { renameReferences } from './username-references.js';
import { normalizeEmail, rolesOf } from './user-keys.js';
import {
  assertUsernameNotBlocked,
  assertValidEmail,
  assertValidUsername,
  fieldUnavailable,
  validateCustomFields,
} from './user-validation.js';

/** `data` of `UsersUpdateParamsPOST` after schema validation. */
export interface UpdateUserData {
  email?: string;
  name?: string;
  password?: string;
  username?: string;
  bio?: string;
  nickname?: string;
  statusText?: string;
  status?: string;
  active?: boolean;
  requirePasswordChange?: boolean;
  setRandomPassword?: boolean;
  verified?: boolean;
  roles?: string[];
  customFields?: Record<string, Json>;
  freeSwitchExtension?: string;
}

const PLAIN_FIELDS = ['bio', 'nickname', 'statusText', 'status'] as const;

/**
 * Fields a user without edit-other-user-info may not set on themselves (roles/active have own permissions).
 * `requirePasswordChange` is not one: validateUserEditing places no limit on it.
 */
const ADMIN_ONLY_FIELDS = ['freeSwitchExtension'] as const;

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((item) => b.includes(item));

/**
 * saveUserProfile's password change (users.updateOwnBasicInfo): the new password needs no permission, and
 * `removeOtherTokens` keeps the caller's current token (hashed) while every other token and PAT goes.
 */
export interface OwnPasswordChange {
  keepToken: string;
}

export async function updateUser(
  context: Context,
  caller: Caller,
  input: { userId: string; data: UpdateUserData; confirmRelinquish?: boolean },
  own?: OwnPasswordChange,
): Promise<UserDoc> {
  const { store, permissions } = context;
  const { data } = input;
  const callerRoles = caller.user.roles;
  const editingMyself = input.userId === caller.user._id;
  // `validateUserEditing`: others need edit-other-user-info; a user may edit their own profile, but not
  // the fields only an administrator sets.
  const mayEditOthers = await permissions.has(callerRoles, 'edit-other-user-info');
  if (!editingMyself && !mayEditOthers) throw forbidden();
  if (!mayEditOthers && ADMIN_ONLY_FIELDS.some((key) => data[key] !== undefined)) throw forbidden();
  const user = await store.users.findById(input.userId);
  if (!user) throw userErrors.userNotFound();
  // Nothing to change (`data: {}`) is no write at all: the stored user, `_updatedAt` untouched (security F14).
  if (Object.values(data).every((value) => value === undefined)) return user;
  assertProfileBounds(data);
  if (data.verified !== undefined && editingMyself) {
    throw userErrors.verificationEditNotAllowed();
  }
  const roles = data.roles ? [...new Set(data.roles)] : undefined;
  const rolesChange = roles !== undefined && !sameSet(roles, rolesOf(user));
  if (rolesChange && !(await permissions.has(callerRoles, 'assign-roles'))) throw forbidden();
  if (data.active !== undefined && !(await permissions.has(callerRoles, 'edit-other-user-active-status'))) {
    throw forbidden();
  }
  if (roles) await assertRolesExist(store, roles);
  if (data.name !== undefined && data.name.trim() === '') {
    throw userErrors.nameRequired();
  }
  // bcrypt runs before the availability checks, not between them and the write (security F11); the unique
  // username_lower index still settles a race, as a ConflictError.
  const deactivates = data.active === false && user.active !== false;
  const randomPassword = data.setRandomPassword === true;
  const password = randomPassword ? randomSecret() : data.password;
  // saveUser sets a password only for a holder of edit-other-user-password, even on oneself, and otherwise
  // skips it without an error (setRandomPassword still raises requirePasswordChange, as in saveUser).
  const passwordAllowed =
    password !== undefined &&
    password.trim() !== '' &&
    (own !== undefined || (await permissions.has(callerRoles, 'edit-other-user-password')));
  const passwordHash = passwordAllowed ? await hashPassword(password) : null;
  // setPasswordUpdater's `logout: true`: a new password revokes every login token and PAT of the user in the
  // same transaction, the caller's own included (security F1).
  const revokeTokens = deactivates || passwordHash !== null;
  const keepToken = passwordHash !== null && !deactivates ? own?.keepToken : undefined;
  if (data.username !== undefined && data.username !== user.username) {
    assertValidUsername(data.username);
    assertUsernameNotBlocked(data.username);
    const holder = await store.users.findByUsernameInsensitive(data.username);
    if (holder && holder._id !== user._id) throw fieldUnavailable(data.username);
  }
  if (data.email !== undefined) {
    assertValidEmail(data.email);
    const holder = await store.users.findByEmail(data.email);
    if (holder && holder._id !== user._id) throw fieldUnavailable(data.email);
  }
  const customFields = data.customFields
    ? validateCustomFields(data.customFields, (await context.settings.current()).customFields, true)
    : {};
  const extension = data.freeSwitchExtension;
  if (extension) {
    const holder = await store.users.findByFreeSwitchExtension(extension);
    if (holder && holder._id !== user._id) throw fieldUnavailable(extension);
  }
  const losesAdmin = roles !== undefined && rolesOf(user).includes('admin') && !roles.includes('admin');
  if (losesAdmin || deactivates) await assertNotLastActiveAdmin(store, user);
  // The 8.5 route runs executeSetUserActiveStatus(…, confirmRelinquish) after saveUser; here it is checked first
  // and written with the rest, so a refused deactivation changes nothing.
  const relinquish =
    data.active !== undefined
      ? await prepareActiveStatus(context, user, data.active, input.confirmRelinquish === true)
      : null;

  const now = context.clock().toISOString();
  const change = (current: UserDoc): UserDoc => {
    const next: UserDoc = { ...current, _updatedAt: now };
    if (data.username !== undefined) next.username = data.username;
    if (data.name !== undefined) next.name = data.name;
    for (const key of PLAIN_FIELDS) if (data[key] !== undefined) next[key] = data[key];
    if (data.statusText !== undefined) next.statusText = boundedStatusText(data.statusText);
    if (data.email !== undefined || data.verified !== undefined) next.emails = nextEmails(current, data);
    if (roles !== undefined) next.roles = roles;
    if (data.active !== undefined) next.active = data.active;
    if (data.active === true) delete next.reason;
    if (data.requirePasswordChange !== undefined || randomPassword) {
      next.requirePasswordChange = randomPassword || data.requirePasswordChange === true;
    }
    if (passwordHash) next.services = { ...(current.services ?? {}), password: { bcrypt: passwordHash } };
    if (Object.keys(customFields).length > 0) {
      next.customFields = { ...(current.customFields ?? {}), ...customFields };
    }
    if (extension === '') delete next.freeSwitchExtension;
    else if (extension !== undefined) next.freeSwitchExtension = extension;
    return next;
  };
  const renames =
    (data.username !== undefined && data.username !== user.username) ||
    (data.name !== undefined && data.name !== user.name);
  try {
    const updated =
      renames || data.active !== undefined
        ? await writeWithFootprint(context, user._id, change, {
            active: data.active,
            relinquish,
            now,
            revokeTokens,
            keepToken,
          })
        : await store.users.update(user._id, change, { revokeTokens, ...(keepToken ? { keepToken } : {}) });
    if (!updated) throw userErrors.userNotFound();
    // Roster's admin unblock (security F4; Rocket.Chat has none): a password set by an admin clears the
    // user's failed-login counts from every IP, so the owner can log in with it at once.
    if (passwordHash !== null && own === undefined) {
      await LoginGuard.fromSettings(context.rateLimits, context.settings, context.clock).clearAccount(
        userAccount(user._id),
      );
    }
    return updated;
  } catch (error) {
    throw conflictAsFieldUnavailable(error, {
      ...user,
      username: data.username ?? user.username,
      emails: data.email !== undefined ? [{ address: data.email }] : user.emails,
      freeSwitchExtension: extension ?? user.freeSwitchExtension,
    });
  }
}

/**
 * A rename or an active-status change: the user and what refers to them in one transaction — saveUserIdentity's
 * updateUsernameReferences, and setUserActiveStatus's effects when `active` is given.
 */
async function writeWithFootprint(
  context: Context,
  userId: string,
  change: (current: UserDoc) => UserDoc,
  options: {
    active: boolean | undefined;
    relinquish: Awaited<ReturnType<typeof prepareActiveStatus>>;
    now: string;
    revokeTokens: boolean;
    keepToken: string | undefined;
  },
): Promise<UserDoc | null> {
  const { active, relinquish, now, revokeTokens, keepToken } = options;
  const written = await context.store.accounts.writeFootprint(userId, (footprint) => {
    const next = change(footprint.user);
    const edit = new FootprintEdit(footprint, now);
    renameReferences(edit, footprint.user, next);
    const writes =
      active !== undefined
        ? activeStatusWrites(edit, next, active, relinquish)
        : { user: next, ...edit.writes() };
    if (!revokeTokens) return writes;
    return { ...writes, revokeTokens: true, ...(keepToken ? { keepToken } : {}) };
  });
  return written?.user ?? null;
}

/** `setEmail` replaces the address (unverified unless `verified` says otherwise). */
function nextEmails(user: UserDoc, data: UpdateUserData): UserDoc['emails'] {
  const [first, ...rest] = user.emails ?? [];
  const changed =
    data.email !== undefined && normalizeEmail(data.email) !== normalizeEmail(first?.address ?? '');
  const address = data.email !== undefined ? data.email.trim() : (first?.address ?? '');
  const verified = data.verified ?? (changed ? false : (first?.verified ?? false));
  return [{ address, verified }, ...(changed ? [] : rest)];
}
