// Which parts of a user document a caller may see in users.info (users-info.md §5), as one pure function.
import type { CustomFieldDefinitions } from '../settings/custom-fields.js';
import type { Json, UserDoc } from '../documents.js';
import { setOwnField } from '../own-field.js';
import { sanitiseOwnServices } from './self-services.js';

/** Rocket.Chat 8.5's getFullUserData `defaultFields`: what anyone may see. */
export const DEFAULT_FIELDS: ReadonlySet<string> = new Set([
  'name',
  'username',
  'nickname',
  'status',
  'utcOffset',
  'type',
  'active',
  'bio',
  'reason',
  'statusText',
  'avatarETag',
  'federated',
  'statusLivechat',
  'abacAttributes',
  'freeSwitchExtension',
]);

/** getFullUserData `fullFields`: added when the caller can view all info (themselves, or the permission). */
export const FULL_FIELDS: ReadonlySet<string> = new Set([
  'emails',
  'phone',
  'statusConnection',
  'createdAt',
  'lastLogin',
  'requirePasswordChange',
  'requirePasswordChangeReason',
  'roles',
  'importIds',
]);

export interface Viewer {
  /** The lookup named the caller and found the caller (users-info.md §4). */
  myself: boolean;
  /** myself, or the caller holds `view-full-other-user-info`. */
  canViewAllInfo: boolean;
  /** The parsed `Accounts_CustomFields` setting. */
  customFields: CustomFieldDefinitions;
}

export type UserView = { _id: string; [field: string]: Json };

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * The user as users.info shows it to `viewer`. Fields come in the stored document's order, as a MongoDB
 * projection returns them; `canViewAllInfo` is appended, as Rocket.Chat sets it after the query.
 * Nothing outside the field sets above, the defined custom fields and the caller's own sanitised `services`
 * ever appears.
 */
export function visibleUser(user: UserDoc, viewer: Viewer): UserView & { canViewAllInfo: boolean } {
  const view: UserView & { canViewAllInfo?: boolean } = { _id: user._id };
  for (const field of Object.keys(user)) {
    const value = user[field];
    if (value === undefined || field === '_id') continue;
    if (DEFAULT_FIELDS.has(field) || (viewer.canViewAllInfo && FULL_FIELDS.has(field))) {
      view[field] = value as Json;
    } else if (field === 'customFields') {
      const custom = visibleCustomFields(value, viewer);
      if (custom) view.customFields = custom;
    } else if (field === 'services' && viewer.myself && isPlainObject(value)) {
      view.services = sanitiseOwnServices(value);
    }
  }
  view.canViewAllInfo = viewer.canViewAllInfo;
  return view as UserView & { canViewAllInfo: boolean };
}

/** Per parsed setting (a new map on every change): whether any field / any public field is defined. */
const definedKinds = new WeakMap<CustomFieldDefinitions, { any: boolean; anyPublic: boolean }>();

function kindsOf(definitions: CustomFieldDefinitions): { any: boolean; anyPublic: boolean } {
  let kinds = definedKinds.get(definitions);
  if (!kinds) {
    kinds = { any: definitions.size > 0, anyPublic: [...definitions.values()].some((d) => d.public) };
    definedKinds.set(definitions, kinds);
  }
  return kinds;
}

/**
 * Rocket.Chat projects `customFields.<name>` for each defined field (only `public` ones without full view), so
 * a field stored but not defined never shows, and a stored object with none of them shows as `{}` (MongoDB
 * keeps the parent of a projected path that exists). No defined field visible: no `customFields` at all.
 */
function visibleCustomFields(stored: unknown, viewer: Viewer): Record<string, Json> | undefined {
  if (!isPlainObject(stored)) return undefined;
  const kinds = kindsOf(viewer.customFields);
  if (!(viewer.canViewAllInfo ? kinds.any : kinds.anyPublic)) return undefined;
  const visible: Record<string, Json> = {};
  for (const name of Object.keys(stored)) {
    const definition = viewer.customFields.get(name);
    if (stored[name] === undefined || !definition || !(viewer.canViewAllInfo || definition.public)) continue;
    setOwnField(visible, name, stored[name]);
  }
  return visible;
}
