// users.getPreferences / users.setPreferences: Rocket.Chat's route handlers and saveUserPreferences
// (apps/meteor/server/methods/saveUserPreferences.ts) over the user's `settings.preferences` and `language`.
import type { Context } from '../context.js';
import type { Json, UserDoc } from '../documents.js';
import type { Caller } from '../auth/sessions.js';
import { profileErrors } from './profile-errors.js';

export type PreferencesInput = Record<string, Json | undefined>;

export interface SetPreferencesInput {
  userId?: string | null;
  data: PreferencesInput;
}

function isObject(value: unknown): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * users.getPreferences: the caller's own stored preferences (no `Accounts_Default_User_Preferences_*` defaults,
 * unlike /me) with `language` added; a user whose document has no `settings` gets Rocket.Chat's failure.
 */
export async function getPreferences(context: Context, caller: Caller): Promise<Record<string, Json>> {
  const user = await context.store.users.findById(caller.user._id);
  if (!user || !isObject(user.settings)) throw profileErrors.preferencesNotAvailable();
  const preferences = isObject(user.settings.preferences) ? { ...user.settings.preferences } : {};
  if (user.language !== undefined) preferences.language = user.language as Json;
  else delete preferences.language;
  return preferences;
}

/** saveUserPreferences' "compatibility with old values" for emailNotificationMode. */
function migratedEmailMode(value: Json | undefined): Json | undefined {
  if (value === 'all') return 'mentions';
  if (value === 'disabled') return 'nothing';
  return value;
}

/**
 * saveUserPreferences: `language` goes to the user's top-level `language` (Users.setLanguage) and, like every
 * given key, into `settings.preferences` (Users.setPreferences sets each key given); `null` values are kept as
 * Rocket.Chat's `$set` keeps them. `idleTimeLimit` needs idleTimeLimitH/M/S adding up to a minute or more.
 * Rocket.Chat's propagation to subscriptions' notification preferences is not done: Roster keeps no
 * per-room notification settings.
 */
export function applyPreferences(user: UserDoc, data: PreferencesInput, now: string): UserDoc {
  const given: Record<string, Json> = {};
  for (const [key, value] of Object.entries(data)) if (value !== undefined) given[key] = value;
  if ('emailNotificationMode' in given) {
    given.emailNotificationMode = migratedEmailMode(given.emailNotificationMode) ?? null;
  }
  const settings = isObject(user.settings) ? user.settings : {};
  const preferences = isObject(settings.preferences) ? settings.preferences : {};
  const merged: Record<string, Json> = { ...preferences, ...given };
  // Users.setPreferences unsets clockMode when it parses as 0.
  if ('clockMode' in given && Number.parseInt(String(given.clockMode), 10) === 0) delete merged.clockMode;
  const next: UserDoc = {
    ...user,
    settings: { ...settings, preferences: merged },
    _updatedAt: now,
  };
  if (typeof given.language === 'string') next.language = given.language;
  return next;
}

function assertIdleTimeLimit(data: PreferencesInput): void {
  if (data.idleTimeLimit === undefined || data.idleTimeLimit === null) return;
  const part = (key: string) => (typeof data[key] === 'number' ? data[key] : 0);
  if (part('idleTimeLimitH') * 3600 + part('idleTimeLimitM') * 60 + part('idleTimeLimitS') < 60) {
    throw profileErrors.idleTimeLimitTooLow();
  }
}

/**
 * users.setPreferences: another user's preferences need edit-other-user-info; answers
 * `{_id, settings: {preferences: {...preferences, language}}}` read back after the write.
 */
export async function setPreferences(
  context: Context,
  caller: Caller,
  input: SetPreferencesInput,
): Promise<{ _id: string; settings: { preferences: Record<string, Json> } }> {
  const userId = input.userId ? input.userId : caller.user._id;
  if (
    userId !== caller.user._id &&
    !(await context.permissions.has(caller.user.roles, 'edit-other-user-info'))
  ) {
    throw profileErrors.editingNotAllowed();
  }
  if (!(await context.store.users.findById(userId))) throw profileErrors.optionalUserIdUnknown();
  assertIdleTimeLimit(input.data);
  const now = context.clock().toISOString();
  const written = await context.store.users.update(userId, (user) => applyPreferences(user, input.data, now));
  if (!written) throw profileErrors.userNotFound();
  const stored =
    isObject(written.settings) && isObject(written.settings.preferences) ? written.settings.preferences : {};
  const preferences: Record<string, Json> = { ...stored };
  if (written.language !== undefined) preferences.language = written.language as Json;
  else delete preferences.language;
  return { _id: written._id, settings: { preferences } };
}
