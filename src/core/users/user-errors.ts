// The users part of the error catalogue: Rocket.Chat's account errors, texts verbatim from its source.
import { domainError, failure, RosterError } from '../../errors.js';

/** The rooms a deletion or deactivation would change, by display name (getUserSingleOwnedRooms). */
export interface LastOwnerRooms {
  shouldBeRemoved: string[];
  shouldChangeOwner: string[];
}

export const userErrors = {
  /**
   * `API.v1.forbidden()` (apps/meteor/app/api/server/api.ts): 403 `{"success":false,"error":"unauthorized"}`,
   * answered by users.list for an `email` filter without view-full-other-user-info (users.ts `users.list`).
   */
  forbiddenUnauthorized: (): RosterError => new RosterError(403, { success: false, error: 'unauthorized' }),
  /**
   * deleteUser / setUserActiveStatus: `new Meteor.Error('user-last-owner', '', rooms)`. An empty reason makes
   * Meteor's message the bare `[user-last-owner]`; API.v1.failure adds the rooms as `details`.
   */
  lastOwner: (rooms: LastOwnerRooms): RosterError =>
    new RosterError(400, {
      success: false,
      error: '[user-last-owner]',
      errorType: 'user-last-owner',
      details: { shouldBeRemoved: rooms.shouldBeRemoved, shouldChangeOwner: rooms.shouldChangeOwner },
    }),
  /** users.update / users.setActiveStatus: `API.v1.failure('User not found')` for an unknown userId. */
  userNotFound: (): RosterError => failure('User not found'),
  /** users.info (users.ts `users.info`): no user for the lookup key; the text ends with a full stop. */
  infoUserNotFound: (): RosterError => failure('User not found.'),
  /** users.info without any lookup key. */
  invalidSearchQuery: (): RosterError => failure('Invalid search query.'),
  /** setUserActiveStatus: deactivating (or un-admining) the only active admin. */
  lastActiveAdmin: (): RosterError =>
    domainError('error-action-not-allowed', 'Leaving the app without an active admin is not allowed'),
  /** deleteUser: deleting the only admin. */
  lastAdminDeleted: (): RosterError =>
    domainError('error-action-not-allowed', 'Leaving the app without admins is not allowed'),
  /** removeUserFromRole: taking the admin role from the only admin. */
  adminRequired: (): RosterError =>
    domainError('error-admin-required', 'You need to have at least one admin'),
  /** validateUserEditing: a user may not change their own email verification. */
  verificationEditNotAllowed: (): RosterError =>
    domainError('error-action-not-allowed', 'Editing email verification is not allowed'),
  /** validateUserEditing: a username change while `Accounts_AllowUsernameChange` is off. */
  usernameEditNotAllowed: (): RosterError =>
    domainError('error-action-not-allowed', 'Edit username is not allowed'),
  /** validateUserEditing: a status text change while `Accounts_AllowUserStatusMessageChange` is off. */
  statusTextEditNotAllowed: (): RosterError =>
    domainError('error-action-not-allowed', 'Edit user status is not allowed'),
  /** validateUserData: `The field Name is required`. */
  nameRequired: (): RosterError => domainError('error-the-field-is-required', 'The field Name is required'),
  /** validateUserData (create): no password and no setRandomPassword. */
  passwordRequired: (): RosterError =>
    domainError('error-the-field-is-required', 'The field Password is required'),
  /** validateUserData: an empty username. */
  usernameRequired: (): RosterError =>
    domainError('error-the-field-is-required', 'The field Username is required'),
  /** validateUserData: the username fails UTF8_User_Names_Validation (echoed HTML-escaped). */
  invalidUsername: (username: string): RosterError =>
    domainError('error-input-is-not-a-valid-field', `${escapeHtml(username)} is not a valid username`),
  /** checkUsernameAvailability: a reserved name (echoed HTML-escaped). */
  blockedUsername: (username: string): RosterError =>
    domainError('error-blocked-username', `${escapeHtml(username)} is blocked and can't be used!`),
  /** validateEmailDomain / validateUserData: the email as given, not escaped. */
  invalidEmail: (email: string): RosterError => domainError('error-invalid-email', `Invalid email ${email}`),
  /** A username, email or extension another user holds (echoed HTML-escaped). */
  fieldUnavailable: (value: string): RosterError =>
    domainError('error-field-unavailable', `${escapeHtml(value)} is already in use :(`),
  /** validateCustomFields (app/lib/server/functions/saveCustomFields.ts and friends), one text per rule. */
  customFieldNotDefined: (name: string): RosterError => customFieldError(`Field ${name} is not defined`),
  customFieldInvalid: (name: string): RosterError => customFieldError(`Value for field ${name} is invalid`),
  customFieldRequired: (name: string): RosterError => customFieldError(`Field ${name} is required`),
  customFieldMaxLength: (name: string, max: number): RosterError =>
    customFieldError(`Max length of field ${name} ${max}`),
  customFieldMinLength: (name: string, min: number): RosterError =>
    customFieldError(`Min length of field ${name} ${min}`),
  /** deleteUser: app users are not deleted through the REST API. */
  appUserNotDeletable: (): RosterError =>
    domainError('error-cannot-delete-app-user', 'Deleting app user is not allowed'),
  /** deleteUser: the user vanished between the lookup and the write. */
  invalidUserToDelete: (): RosterError => domainError('error-invalid-user', 'Invalid user to delete'),
  /** parseJsonQuery: a sort that is not a JSON object of 1/-1, quoted as given. */
  invalidSort: (raw: string): RosterError =>
    domainError('error-invalid-sort', `Invalid sort parameter provided: "${raw}"`),
  /** users.listByStatus: an unknown `status`. */
  invalidStatus: (): RosterError => domainError('error-invalid-status', 'Invalid status parameter'),
  /**
   * voip-freeswitch.extension.assign: Rocket.Chat throws a plain Error here, so the body has the code as text
   * and no errorType.
   */
  extensionNotAvailable: (): RosterError => failure('error-extension-not-available'),
  /** users.create / users.update: `API.v1.failure('Name contains invalid characters')` (validateNameChars). */
  invalidNameChars: (): RosterError => failure('Name contains invalid characters'),
  /** saveUser/handleBio.ts. */
  bioTooLong: (max: number): RosterError =>
    domainError('error-bio-size-exceeded', `Bio size exceeds ${max} characters`),
  /** saveUser/handleNickname.ts. */
  nicknameTooLong: (max: number): RosterError =>
    domainError('error-nickname-size-exceeded', `Nickname size exceeds ${max} characters`),
};

const customFieldError = (message: string): RosterError =>
  domainError('error-user-registration-custom-field', message);

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** lodash's `escape`, which Rocket.Chat applies to user input it echoes in error messages. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/** saveUserProfile's (server/methods/saveUserProfile.ts) errors, texts verbatim. */
export const ownProfileErrors = {
  samePassword: (): RosterError =>
    domainError('error-password-same-as-current', 'Entered password same as current password'),
  /** setUserStatusMethod's check of the status type. */
  invalidStatus: (): RosterError => domainError('error-invalid-status', 'Invalid status'),
};
