// Rocket.Chat's checks on a user's username, email and custom fields, with its error texts and errorTypes.
import type { CustomFieldDefinitions } from '../settings/custom-fields.js';
import type { Json } from '../documents.js';
import { userErrors } from './user-errors.js';

/** Rocket.Chat's default `UTF8_User_Names_Validation`. */
const USERNAME_PATTERN = /^[0-9a-zA-Z-_.]+$/;

/** `packages/tools/src/validateEmail.ts`, 'basic' style. */
const EMAIL_PATTERN = /^[^@]+@[^@]+$/;

/** `all`/`here` and the default `Accounts_SystemBlockedUsernameList`, compared case-insensitively. */
const BLOCKED_USERNAMES = new Set(['all', 'here', 'admin', 'administrator', 'system', 'user']);

export { escapeHtml } from './user-errors.js';

/** `validateUserData`: the username's syntax (its availability is checked against the store separately). */
export function assertValidUsername(username: string): void {
  if (username.trim() === '') {
    throw userErrors.usernameRequired();
  }
  if (!USERNAME_PATTERN.test(username)) {
    throw userErrors.invalidUsername(username);
  }
}

/** `checkUsernameAvailability`: reserved names are refused before the store is asked. */
export function assertUsernameNotBlocked(username: string): void {
  if (BLOCKED_USERNAMES.has(username.toLowerCase())) {
    throw userErrors.blockedUsername(username);
  }
}

export function assertValidEmail(email: string): void {
  if (!EMAIL_PATTERN.test(email.trim())) {
    throw userErrors.invalidEmail(email);
  }
}

/** Rocket.Chat's answer for a username, email or extension another user holds. */
export function fieldUnavailable(value: string) {
  return userErrors.fieldUnavailable(value);
}

/**
 * `validateCustomFields`: required, select options, min/max length, with Rocket.Chat's texts. Roster is
 * stricter in one point compat.md §5 asks for: a key not defined in `Accounts_CustomFields` is refused
 * instead of silently dropped, and values must be strings (Rocket.Chat stringifies them).
 * `partial` (an update) checks only the given keys, so a required field need not be resent.
 */
export function validateCustomFields(
  values: Record<string, Json>,
  definitions: CustomFieldDefinitions,
  partial: boolean,
): Record<string, string> {
  for (const name of Object.keys(values)) {
    if (!definitions.has(name)) throw userErrors.customFieldNotDefined(name);
  }
  const accepted: Record<string, string> = {};
  for (const [name, definition] of definitions) {
    const given = values[name];
    if (given === undefined && partial) continue;
    if (given !== undefined && given !== null && typeof given !== 'string') {
      throw userErrors.customFieldInvalid(name);
    }
    const value = (given ?? '').trim();
    if (definition.required === true && value === '') throw userErrors.customFieldRequired(name);
    const options = definition.options;
    if (definition.type === 'select' && Array.isArray(options) && value !== '' && !options.includes(value)) {
      throw userErrors.customFieldInvalid(name);
    }
    if (typeof definition.maxLength === 'number' && value.length > definition.maxLength) {
      throw userErrors.customFieldMaxLength(name, definition.maxLength);
    }
    if (typeof definition.minLength === 'number' && value !== '' && value.length < definition.minLength) {
      throw userErrors.customFieldMinLength(name, definition.minLength);
    }
    if (given !== undefined) accepted[name] = value;
  }
  return accepted;
}
