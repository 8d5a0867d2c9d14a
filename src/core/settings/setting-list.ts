// settings.public / GET settings: pages of the settings Roster honours, filtered, sorted and projected as Rocket.Chat.
import type { Context } from '../context.js';
import type { Json } from '../documents.js';
import type { Caller } from '../auth/sessions.js';
import { KNOWN_SETTINGS, type KnownSettingId } from '../setup/defaults.js';
import { pagination, parseSort } from '../users/user-list.js';

/** A typed query coerces an empty nullable value to null (rest-typings' ajvQuery): null means absent. */
export interface SettingListParams {
  count?: number | null;
  offset?: number | null;
  sort?: string | null;
}

export interface PublicSettingParams extends SettingListParams {
  /** Comma-separated ids. */
  _id?: string;
}

export interface PrivilegedSettingParams extends SettingListParams {
  includeDefaults?: boolean;
}

type ListedSetting = { _id: string; value: Json; packageValue?: Json };

export interface SettingPage {
  settings: ListedSetting[];
  count: number;
  offset: number;
  total: number;
}

const isPublic = (id: KnownSettingId): boolean => {
  const definition = KNOWN_SETTINGS[id];
  return 'public' in definition && definition.public === true;
};

/**
 * Rocket.Chat 8.5 `settings.public` (authRequired false): public, not hidden settings, `_id` a comma-separated
 * list of ids; `fetchSettings` projects `_id` and `value` (Roster has no enterprise/invalidValue/modules fields).
 */
export async function listPublicSettings(
  context: Context,
  params: PublicSettingParams,
): Promise<SettingPage> {
  const ids =
    typeof params._id === 'string' && params._id !== ''
      ? new Set(params._id.split(',').map((id) => id.trim()))
      : null;
  return page(context, params, (id) => isPublic(id) && (ids === null || ids.has(id)), false);
}

/**
 * `GET settings`: every setting for a `view-privileged-setting` holder, otherwise only the public ones (no 403);
 * `includeDefaults` adds `packageValue` (Rocket.Chat's default).
 */
export async function listSettings(
  context: Context,
  caller: Caller,
  params: PrivilegedSettingParams,
): Promise<SettingPage> {
  const privileged = await context.permissions.has(caller.user.roles, 'view-privileged-setting');
  return page(context, params, (id) => privileged || isPublic(id), params.includeDefaults === true);
}

async function page(
  context: Context,
  params: SettingListParams,
  included: (id: KnownSettingId) => boolean,
  withDefaults: boolean,
): Promise<SettingPage> {
  const { offset, count } = pagination({
    offset: params.offset == null ? undefined : String(params.offset),
    count: params.count == null ? undefined : String(params.count),
  });
  // parseJsonQuery's sort (a JSON object of 1/-1); fetchSettings sorts by `_id` without one.
  const sort = params.sort ? parseSort(params.sort) : [['_id', 1] as const];
  const { values } = await context.settings.current();
  const matching = (Object.keys(KNOWN_SETTINGS) as KnownSettingId[]).filter(included).map((id) => {
    // A database from an older Roster lacks settings added since: they read as their default (setting-values.ts).
    const setting: ListedSetting = { _id: id, value: values.get(id) ?? KNOWN_SETTINGS[id].value };
    if (withDefaults) setting.packageValue = KNOWN_SETTINGS[id].value;
    return setting;
  });
  matching.sort((a, b) => {
    for (const [field, direction] of sort) {
      const order = compareValues(fieldOf(a, field), fieldOf(b, field));
      if (order !== 0) return order * direction;
    }
    return 0;
  });
  const settings = matching.slice(offset, offset + count);
  return { settings, count: settings.length, offset, total: matching.length };
}

const fieldOf = (setting: ListedSetting, field: string): unknown =>
  (setting as Record<string, unknown>)[field];

/** MongoDB's order across types: missing/null, numbers, strings, objects, arrays, booleans. */
function compareValues(a: unknown, b: unknown): number {
  const rank = (value: unknown) =>
    value === undefined || value === null
      ? 0
      : typeof value === 'number'
        ? 1
        : typeof value === 'string'
          ? 2
          : Array.isArray(value)
            ? 4
            : typeof value === 'object'
              ? 3
              : 5;
  const byType = rank(a) - rank(b);
  if (byType !== 0) return Math.sign(byType);
  if (typeof a === 'number' || typeof a === 'string' || typeof a === 'boolean') {
    return a < (b as typeof a) ? -1 : a > (b as typeof a) ? 1 : 0;
  }
  return 0;
}
