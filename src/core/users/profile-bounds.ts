// Rocket.Chat's bounds on profile fields (saveUser's handleBio/handleNickname, setStatusText, validateNameChars).
import { userErrors } from './user-errors.js';

/** `MAX_BIO_LENGTH` of apps/meteor/app/lib/server/functions/saveUser/handleBio.ts. */
export const MAX_BIO_LENGTH = 260;
/** `MAX_NICKNAME_LENGTH` of saveUser/handleNickname.ts. */
export const MAX_NICKNAME_LENGTH = 120;
/** `setStatusText` keeps `statusText.trim().substr(0, 120)`. */
export const MAX_STATUS_TEXT_LENGTH = 120;

/** validateNameChars.ts: `<`, `>`, `\` and `/`, also once URI-decoded. */
const INVALID_NAME_CHARS = /[<>\\/]/;

/** Rocket.Chat's `validateNameChars` (apps/meteor/app/lib/server/functions/validateNameChars.ts). */
export function validNameChars(name: string): boolean {
  if (INVALID_NAME_CHARS.test(name)) return false;
  try {
    return !INVALID_NAME_CHARS.test(decodeURI(name));
  } catch {
    return false;
  }
}

/**
 * users.create / users.update: `if (name && !validateNameChars(name)) return API.v1.failure(...)`, then
 * handleBio / handleNickname, which measure the untrimmed value when its trimmed form is not empty.
 */
export function assertProfileBounds(fields: { name?: string; bio?: string; nickname?: string }): void {
  if (fields.name && !validNameChars(fields.name)) throw userErrors.invalidNameChars();
  if (fields.bio?.trim() && fields.bio.length > MAX_BIO_LENGTH) throw userErrors.bioTooLong(MAX_BIO_LENGTH);
  if (fields.nickname?.trim() && fields.nickname.length > MAX_NICKNAME_LENGTH) {
    throw userErrors.nicknameTooLong(MAX_NICKNAME_LENGTH);
  }
}

/** `setStatusText`'s normalisation: trimmed, then cut at 120 UTF-16 units. */
export function boundedStatusText(statusText: string): string {
  return statusText.trim().slice(0, MAX_STATUS_TEXT_LENGTH);
}
