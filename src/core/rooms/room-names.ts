// Rocket.Chat's room name rules (getValidRoomName): the UTF8_Channel_Names_Validation pattern and blocked names.
import { roomErrors } from './room-errors.js';

/** UTF8_Channel_Names_Validation's default, applied anchored as Rocket.Chat does (`^${setting}$`). */
const CHANNEL_NAME_PATTERN = /^[0-9a-zA-Z-_.]+$/;

/** Accounts_SystemBlockedUsernameList's default; validateName rejects these (compared lower-cased). */
const BLOCKED_NAMES: ReadonlySet<string> = new Set(['administrator', 'system', 'user']);

/**
 * The stored `name` for a requested room name: trimmed (createRoom passes `name.trim()`), or Rocket.Chat's
 * error. Empty after trimming is `error-invalid-name`, as createRoom checks that before getValidRoomName.
 */
export function validRoomName(requested: string): string {
  const name = requested.trim();
  if (name === '') throw roomErrors.invalidName();
  if (!CHANNEL_NAME_PATTERN.test(name) || BLOCKED_NAMES.has(name.toLowerCase())) {
    throw roomErrors.invalidRoomName(name);
  }
  return name;
}
