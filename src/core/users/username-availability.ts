// users.checkUsernameAvailability and users.getUsernameSuggestion: Rocket.Chat's
// checkUsernameAvailabilityWithValidation, checkUsernameAvailability and generateUsernameSuggestion.
import type { Context } from '../context.js';
import type { UserDoc } from '../documents.js';
import type { Caller } from '../auth/sessions.js';
import { knownValue } from '../settings/known-value.js';
import { profileErrors } from './profile-errors.js';
import { assertUsernameNotBlocked } from './user-validation.js';

/**
 * checkUsernameAvailability: a blocked name throws `error-blocked-username`; otherwise true unless a user holds
 * the name, ignoring case. Rocket.Chat also refuses a team's name; Roster has no teams.
 */
export async function isUsernameAvailable(context: Context, username: string): Promise<boolean> {
  assertUsernameNotBlocked(username.trim());
  return !(await context.store.users.findByUsernameInsensitive(username));
}

/**
 * checkUsernameAvailabilityWithValidation: an empty name is invalid; a caller who has a username may only ask
 * while `Accounts_AllowUsernameChange` is on; the caller's own username is available to them.
 */
export async function checkUsernameAvailability(
  context: Context,
  caller: Caller,
  username: string,
): Promise<boolean> {
  if (!username) throw profileErrors.invalidUsername();
  const user = await context.store.users.findById(caller.user._id);
  if (!user) throw profileErrors.invalidUser();
  const settings = await context.settings.current();
  if (user.username && !knownValue(settings, 'Accounts_AllowUsernameChange'))
    throw profileErrors.notAllowed();
  if (user.username === username) return true;
  return isUsernameAvailable(context, username);
}

/**
 * limax(text, {replacement: '.'}) then `[^0-9a-z-_.]` removed (UTF8_Names_Slugify's default, on): letters lose
 * their accents, runs of other characters become one dot. limax also transliterates non-Latin scripts, which
 * Roster does not: such characters are dropped.
 */
export function slug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^0-9a-z]+/g, '.')
    .replace(/^\.+|\.+$/g, '')
    .replace(/[^0-9a-z-_.]/g, '');
}

/** generateUsernameSuggestion's candidates, in its order: the name, its initials forms, verified emails. */
function candidatesOf(user: UserDoc): string[] {
  const names: string[] = [];
  if (typeof user.name === 'string' && user.name !== '') {
    names.push(slug(user.name));
    const parts = user.name.split(' ');
    if (parts.length > 1) {
      const first = parts[0] ?? '';
      const last = parts[parts.length - 1] ?? '';
      names.push(slug(`${first.slice(0, 1)}${last}`), slug(`${first}${last.slice(0, 1)}`));
    }
    names.push(slug(user.name));
  }
  for (const email of user.emails ?? []) {
    if (typeof email?.address === 'string' && email.address !== '' && email.verified === true) {
      names.push(
        slug(email.address.replace(/@.+$/, '')),
        slug(email.address.replace(/(.+)@(\w+).+/, '$1.$2')),
      );
    }
  }
  return names.filter((name) => name !== '');
}

/** usernameIsAvailable of getUsernameSuggestion: not empty, not `all`, no user holding it ignoring case. */
async function freeForSuggestion(context: Context, username: string): Promise<boolean> {
  if (username.length === 0 || username === 'all') return false;
  return !(await context.store.users.findByUsernameInsensitive(username));
}

/**
 * users.getUsernameSuggestion: the first free candidate; else `<first candidate, or
 * Accounts_DefaultUsernamePrefixSuggestion>-<n>`. Rocket.Chat starts n at the count of usernames matching
 * `^<base>-[0-9]+`; Roster starts at that same count's lower bound, 0, and takes the first free n, so it may
 * fill a gap Rocket.Chat would skip.
 */
export async function suggestUsername(context: Context, caller: Caller): Promise<string> {
  const user = await context.store.users.findById(caller.user._id);
  if (!user) throw profileErrors.invalidUser();
  const candidates = candidatesOf(user);
  for (const candidate of candidates) if (await freeForSuggestion(context, candidate)) return candidate;
  const settings = await context.settings.current();
  const base = candidates[0] ?? knownValue(settings, 'Accounts_DefaultUsernamePrefixSuggestion');
  // Numbered candidates are looked up a batch at a time: one query per SUFFIX_BATCH of them.
  for (let start = 0; ; start += SUFFIX_BATCH) {
    const names = Array.from({ length: SUFFIX_BATCH }, (_, i) => `${base}-${start + i}`);
    const taken = await context.store.users.findByUsernamesInsensitive(names.map((n) => n.toLowerCase()));
    const held = new Set(taken.map((u) => u.username?.toLowerCase()));
    const free = names.find((name) => !held.has(name.toLowerCase()));
    if (free !== undefined) return free;
  }
}

const SUFFIX_BATCH = 50;
