// The settings part of the error catalogue: the errors of changing a setting's value.
import { domainError, RosterError } from '../../errors.js';

export const settingErrors = {
  /** A value of the wrong type for the setting (Roster's check; Rocket.Chat's settings.ts checks the type too). */
  invalidValue: (id: string, expected: string): RosterError =>
    domainError('error-invalid-setting-value', `Invalid value for setting ${id}: expected ${expected}`),
  /** Accounts_CustomFields that is not empty or a JSON object: Rocket.Chat's text for bad JSON in it. */
  invalidCustomFieldsJson: (): RosterError =>
    domainError('error-invalid-customfield-json', 'Invalid JSON for Custom Fields'),
};
