// Rocket.Chat's checks on a user's username, email and custom fields, with its error texts and errorTypes.
import type { CustomFieldDefinitions } from '../settings/custom-fields.js';
import type { Json } from '../documents.js';
import { domainError } from '../../errors.js';

/** Rocket.Chat's default `UTF8_User_Names_Validation`. */
const USERNAME_PATTERN = /^[0-9a-zA-Z-_.]+$/;

/** `packages/tools/src/validateEmail.ts`, 'basic' style. */
const EMAIL_PATTERN = /^[^@]+@[^@]+$/;

/** `all`/`here` and the default `Accounts_SystemBlockedUsernameList`, compared case-insensitively. */
const BLOCKED_USERNAMES = new Set(['all', 'here', 'admin', 'administrator', 'system', 'user']);

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

/** `validateUserData`: the username's syntax (its availability is checked against the store separately). */
export function assertValidUsername(username: string): void {
  if (username.trim() === '') {
    throw domainError('error-the-field-is-required', 'The field Username is required');
  }
  if (!USERNAME_PATTERN.test(username)) {
    throw domainError('error-input-is-not-a-valid-field', `${escapeHtml(username)} is not a valid username`);
  }
}

/** `checkUsernameAvailability`: reserved names are refused before the store is asked. */
export function assertUsernameNotBlocked(username: string): void {
  if (BLOCKED_USERNAMES.has(username.toLowerCase())) {
    throw domainError('error-blocked-username', `${escapeHtml(username)} is blocked and can't be used!`);
  }
}

export function assertValidEmail(email: string): void {
  if (!EMAIL_PATTERN.test(email.trim())) {
    throw domainError('error-invalid-email', `Invalid email ${email}`);
  }
}

/** Rocket.Chat's answer for a username, email or extension another user holds. */
export function fieldUnavailable(value: string) {
  return domainError('error-field-unavailable', `${escapeHtml(value)} is already in use :(`);
}

const customFieldError = (message: string) => domainError('error-user-registration-custom-field', message);

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
    if (!definitions.has(name)) throw customFieldError(`Field ${name} is not defined`);
  }
  const accepted: Record<string, string> = {};
  for (const [name, definition] of definitions) {
    const given = values[name];
    if (given === undefined && partial) continue;
    if (given !== undefined && given !== null && typeof given !== 'string') {
      throw customFieldError(`Value for field ${name} is invalid`);
    }
    const value = (given ?? '').trim();
    if (definition.required === true && value === '') throw customFieldError(`Field ${name} is required`);
    const options = definition.options;
    if (definition.type === 'select' && Array.isArray(options) && value !== '' && !options.includes(value)) {
      throw customFieldError(`Value for field ${name} is invalid`);
    }
    if (typeof definition.maxLength === 'number' && value.length > definition.maxLength) {
      throw customFieldError(`Max length of field ${name} ${definition.maxLength}`);
    }
    if (typeof definition.minLength === 'number' && value !== '' && value.length < definition.minLength) {
      throw customFieldError(`Min length of field ${name} ${definition.minLength}`);
    }
    if (given !== undefined) accepted[name] = value;
  }
  return accepted;
}
