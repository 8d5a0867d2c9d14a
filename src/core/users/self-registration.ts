// users.register: Rocket.Chat's route, its registerUser method (apps/meteor/server/methods/registerUser.ts) and
// setUsernameWithValidation, checked in that order and written as one document.
import type { Context } from '../context.js';
import type { Json, UserDoc } from '../documents.js';
import { hashPassword } from '../auth/passwords.js';
import { knownValue } from '../settings/known-value.js';
import { conflictAsFieldUnavailable } from './user-create.js';
import { newUserDocument } from './user-document.js';
import { profileErrors } from './profile-errors.js';
import { isUsernameAvailable } from './username-availability.js';
import { assertValidEmail, validateCustomFields } from './user-validation.js';

/** `UserRegisterParamsPOST`. */
export interface RegisterInput {
  username: string;
  email: string;
  pass: string;
  name?: string | null;
  secret?: string | null;
  reason?: string | null;
  customFields?: Record<string, Json> | null;
}

/** Rocket.Chat's default `UTF8_User_Names_Validation`, which setUsernameWithValidation applies. */
const USERNAME_PATTERN = /^[0-9a-zA-Z-_.]+$/;

/** `Accounts_RegistrationForm` Disabled, or Secret URL without the matching `secret` (invite tokens: none). */
function assertRegistrationOpen(form: string, secretUrl: string, secret: string | undefined): void {
  if (form === 'Disabled') throw profileErrors.registrationDisabled();
  if (form === 'Secret URL' && (!secret || secret !== secretUrl)) throw profileErrors.registrationSecret();
}

/**
 * The route: username availability (a blocked name throws), custom fields; then registerUser: `name` present,
 * the form's mode, the email's syntax, a taken email (Meteor's 403) unless it belongs to an imported user who
 * never logged in (who gets the password and is let through); then the username's syntax. Rocket.Chat creates
 * the user before setting the username and leaves it without one when that fails; Roster checks everything
 * first and writes once. New users are active unless `Accounts_ManuallyApproveNewUsers` (then `reason` is kept).
 */
export async function registerUser(context: Context, input: RegisterInput): Promise<UserDoc> {
  const { store } = context;
  if (!(await isUsernameAvailable(context, input.username))) throw profileErrors.usernameInUse();
  const settings = await context.settings.current();
  const customFields = input.customFields
    ? validateCustomFields(input.customFields, settings.customFields, false)
    : {};
  if (typeof input.name !== 'string') throw profileErrors.registrationNameMissing();
  assertRegistrationOpen(
    knownValue(settings, 'Accounts_RegistrationForm'),
    knownValue(settings, 'Accounts_RegistrationForm_SecretURL'),
    input.secret ?? undefined,
  );
  assertValidEmail(input.email);
  const email = input.email.toLowerCase().trim();
  const manualApproval = knownValue(settings, 'Accounts_ManuallyApproveNewUsers');
  const reason = (input.reason ?? '').trim();
  const name = input.name.trim();
  const existing = await store.users.findByEmail(email);
  if (existing && !(existing.importIds?.length && !existing.lastLogin)) throw profileErrors.emailExists();
  if (!input.username || !USERNAME_PATTERN.test(input.username)) {
    throw profileErrors.usernameNotValid(input.username);
  }
  // Meteor's createUser stores no password for an empty one.
  const passwordHash = input.pass === '' ? undefined : await hashPassword(input.pass);
  const now = context.clock();
  const fields = {
    name,
    ...(manualApproval && reason !== '' ? { reason } : {}),
    ...(Object.keys(customFields).length > 0 ? { customFields } : {}),
  };
  try {
    if (existing) return await claimImportedUser(context, existing._id, input.username, passwordHash, fields);
    const user = newUserDocument(
      {
        username: input.username,
        email,
        name,
        ...(passwordHash ? { passwordHash } : {}),
        roles: ['user'],
        active: !manualApproval,
        verified: false,
        customFields,
        extra: { settings: {}, ...(fields.reason ? { reason: fields.reason } : {}) },
      },
      now,
    );
    await store.users.insert(user);
    return user;
  } catch (error) {
    throw conflictAsFieldUnavailable(error, {
      _id: '',
      username: input.username,
      emails: [{ address: email }],
    });
  }
}

/** Accounts.setPasswordAsync on the imported user, then its name, username and custom fields, in one write. */
async function claimImportedUser(
  context: Context,
  userId: string,
  username: string,
  passwordHash: string | undefined,
  fields: { name: string; reason?: string; customFields?: Record<string, string> },
): Promise<UserDoc> {
  const now = context.clock().toISOString();
  const written = await context.store.users.update(
    userId,
    (user) => ({
      ...user,
      ...fields,
      customFields: { ...(user.customFields ?? {}), ...(fields.customFields ?? {}) },
      username,
      services: { ...(user.services ?? {}), ...(passwordHash ? { password: { bcrypt: passwordHash } } : {}) },
      _updatedAt: now,
    }),
    { revokeTokens: true },
  );
  if (!written) throw profileErrors.userNotFound();
  return written;
}
