// The self-service profile part of the error catalogue: preferences, usernames, registration, own deletion and
// status, with Rocket.Chat 8.5's texts and errorTypes verbatim from its source.
import { domainError, failure, typedFailure, type RosterError } from '../../errors.js';
import { escapeHtml } from './user-validation.js';

export const profileErrors = {
  /** users.setPreferences: another user's preferences without edit-other-user-info. */
  editingNotAllowed: (): RosterError =>
    domainError('error-action-not-allowed', 'Editing user is not allowed'),
  /** users.setPreferences: an unknown `userId`. */
  optionalUserIdUnknown: (): RosterError =>
    domainError('error-invalid-user', 'The optional "userId" param provided does not match any users'),
  /** saveUserPreferences: `idleTimeLimit` with idleTimeLimitH/M/S adding up to less than a minute. */
  idleTimeLimitTooLow: (): RosterError =>
    domainError('invalid-idle-time-limit-value', 'Idle time limit must be at least 1 minutes.'),
  /** `API.v1.failure('User not found')` after a write whose user vanished. */
  userNotFound: (): RosterError => failure('User not found'),
  /**
   * users.getPreferences for a user without `settings`:
   * `i18n.t('Accounts_Default_User_Preferences_not_available').toUpperCase()` (English text).
   */
  preferencesNotAvailable: (): RosterError =>
    failure("FAILED TO RETRIEVE USER PREFERENCES BECAUSE THEY HAVEN'T BEEN SET UP BY THE USER YET"),

  /** checkUsernameAvailabilityWithValidation / setUsernameWithValidation. */
  invalidUsername: (): RosterError => domainError('error-invalid-username', 'Invalid username'),
  invalidUser: (): RosterError => domainError('error-invalid-user', 'Invalid user'),
  notAllowed: (): RosterError => domainError('error-not-allowed', 'Not allowed'),
  /** setUsernameWithValidation's validateUsername failure. */
  usernameNotValid: (username: string): RosterError =>
    domainError(
      'username-invalid',
      `${escapeHtml(username)} is not a valid username, use only letters, numbers, dots, hyphens and underscores`,
    ),

  /** users.register with a valid X-User-Id / X-Auth-Token. */
  loggedInCannotRegister: (): RosterError => failure('Logged in users can not register again.'),
  /** users.register: checkUsernameAvailability answered false. */
  usernameInUse: (): RosterError => failure('Username is already in use'),
  /** registerUser with `Accounts_RegistrationForm` = Disabled. */
  registrationDisabled: (): RosterError =>
    domainError('error-user-registration-disabled', 'User registration is disabled'),
  /** registerUser with `Accounts_RegistrationForm` = Secret URL and no or a wrong `secret`. */
  registrationSecret: (): RosterError =>
    domainError('error-user-registration-secret', 'User registration is only allowed via Secret URL'),
  /** registerUser's `check(formData, Match.ObjectIncluding({name: String, …}))` without `name`. */
  registrationNameMissing: (): RosterError => typedFailure("Match error: Missing key 'name'", 'Match.Error'),
  /** Meteor Accounts' createUser for a taken address: `Meteor.Error(403, 'Email already exists.')`. */
  emailExists: (): RosterError => domainError('403', 'Email already exists.'),

  /** deleteUserOwnAccount: a user without a password sent something other than SHA-256(username). */
  invalidUsernameForDeletion: (): RosterError => domainError('error-invalid-username', 'Invalid username'),
  /** Meteor's `check(value, String)` on a value of another type. */
  expectedString: (type: string): RosterError =>
    typedFailure(`Match error: Expected string, got ${type}`, 'Match.Error'),
  /** users.deleteOwnAccount without a `password`. */
  passwordRequired: (): RosterError => failure('Body parameter "password" is required.'),
  /** deleteUserOwnAccount: the SHA-256 digest does not match the stored bcrypt hash. */
  invalidPassword: (): RosterError => domainError('error-invalid-password', 'Invalid password'),

  /** users.setStatus with `Accounts_AllowUserStatusMessageChange` off. */
  statusChangeNotAllowed: (): RosterError => domainError('error-not-allowed', 'Change status is not allowed'),
  /** users.setStatus `offline` with `Accounts_AllowInvisibleStatusOption` off. */
  invisibleDisabled: (): RosterError =>
    domainError('error-status-not-allowed', 'Invisible status is disabled'),
  invalidStatus: (): RosterError =>
    domainError('error-invalid-status', 'Valid status types include online, away, offline, and busy.'),
  /** users.setStatus's `check(bodyParams, Match.OneOf(…))` without a string `status` or `message`. */
  statusMatchFailed: (): RosterError =>
    typedFailure('Match error: Failed Match.OneOf, Match.Maybe or Match.Optional validation', 'Match.Error'),
};
