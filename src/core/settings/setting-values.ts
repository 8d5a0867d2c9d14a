// GET / POST settings/:_id for the settings Roster knows: lookup, permission and type checking of new values.
import type { Context } from '../context.js';
import {
  defaultSetting,
  isKnownSetting,
  KNOWN_SETTINGS,
  type KnownSettingId,
  type PermissionId,
} from '../setup/defaults.js';
import type { Json, SettingDoc } from '../documents.js';
import { bareFailure, forbidden } from '../../errors.js';
import { settingErrors } from './setting-errors.js';
import type { Caller } from '../auth/sessions.js';

async function assertHolds(context: Context, caller: Caller, permission: PermissionId): Promise<void> {
  if (!(await context.permissions.has(caller.user.roles, permission))) throw forbidden();
}

/** Rocket.Chat answers a setting it does not have (or hides) with a bare `{"success":false}`. */
export async function readSetting(
  context: Context,
  caller: Caller,
  id: string,
): Promise<{ _id: string; value: Json }> {
  await assertHolds(context, caller, 'view-privileged-setting');
  const setting = isKnownSetting(id) ? await storedOrDefault(context, id) : null;
  if (!setting) throw bareFailure();
  return { _id: setting._id, value: setting.value };
}

/**
 * Rocket.Chat stores any value; Roster checks it against the setting's type, because its settings drive
 * token expiry and the rate limiter. The change reaches every request after this write (the settings
 * snapshot is invalidated by the store's change feed).
 */
export async function writeSetting(
  context: Context,
  caller: Caller,
  id: string,
  body: Record<string, unknown>,
): Promise<void> {
  await assertHolds(context, caller, 'edit-privileged-setting');
  const setting = isKnownSetting(id) ? await storedOrDefault(context, id) : null;
  if (!setting || !isKnownSetting(id) || !('value' in body)) throw bareFailure();
  const value = checkedValue(id, KNOWN_SETTINGS[id].type, body.value);
  await context.store.settings.save({ ...setting, value, _updatedAt: context.clock().toISOString() });
}

/**
 * A database written by an older Roster lacks the settings added since (it was initialised once); Rocket.Chat's
 * settings registry adds a new setting with its default at start-up, so such a setting reads as its default.
 */
async function storedOrDefault(context: Context, id: KnownSettingId): Promise<SettingDoc> {
  return (await context.store.settings.find(id)) ?? defaultSetting(id);
}

const invalidValue = settingErrors.invalidValue;

export function checkedValue(id: string, type: 'code' | 'string' | 'int' | 'boolean', value: unknown): Json {
  if (type === 'int') {
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
      throw invalidValue(id, 'a non-negative integer');
    }
    return value;
  }
  if (type === 'boolean') {
    if (typeof value !== 'boolean') throw invalidValue(id, 'a boolean');
    return value;
  }
  if (typeof value !== 'string') throw invalidValue(id, 'a string');
  if (id === 'Accounts_CustomFields') assertCustomFieldsJson(value);
  return value;
}

/** Accounts_CustomFields must be empty or a JSON object; Rocket.Chat's text for bad JSON in it. */
function assertCustomFieldsJson(value: string): void {
  if (value.trim() === '') return;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    parsed = undefined;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw settingErrors.invalidCustomFieldsJson();
  }
}
