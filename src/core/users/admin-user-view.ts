// The user objects the admin endpoints answer with, projected as Rocket.Chat projects them.
import type { Context } from '../context.js';
import type { UserDoc } from '../documents.js';
import type { CustomFieldDefinitions } from '../settings/custom-fields.js';

/**
 * users.create / users.update answer with the stored document minus `parseJsonQuery`'s exclusions for a
 * caller holding view-full-other-user-info; Roster keeps tokens outside the document, and still drops
 * `services` so no password hash ever leaves the server.
 */
const EXCLUDED_FROM_FULL_VIEW = new Set([
  'services',
  'inviteToken',
  'joinCode',
  'members',
  'importIds',
  'e2e',
]);

export function adminUserView(user: UserDoc): Record<string, unknown> {
  return Object.fromEntries(Object.entries(user).filter(([key]) => !EXCLUDED_FROM_FULL_VIEW.has(key)));
}

/**
 * parseJsonQuery's exclusions on users.* routes for a caller without view-full-other-user-info:
 * defaultFieldsToExclude plus API.v1.limitedUserFieldsToExclude (defaultLimitedUserFieldsToExclude, and
 * `customFields.<name>` of each non-public custom field, setLimitedCustomFields).
 */
const EXCLUDED_FROM_LIMITED_VIEW = new Set([
  ...EXCLUDED_FROM_FULL_VIEW,
  'avatarOrigin',
  'emails',
  'phone',
  'statusConnection',
  'createdAt',
  'lastLogin',
  'requirePasswordChange',
  'requirePasswordChangeReason',
  'roles',
  'statusDefault',
  '_updatedAt',
  'settings',
]);

export function limitedUserView(
  user: UserDoc,
  customFields: CustomFieldDefinitions,
): Record<string, unknown> {
  const view = Object.fromEntries(
    Object.entries(user).filter(([key]) => !EXCLUDED_FROM_LIMITED_VIEW.has(key)),
  );
  const stored = user.customFields;
  if (stored && typeof stored === 'object' && !Array.isArray(stored)) {
    view.customFields = Object.fromEntries(
      Object.entries(stored).filter(([name]) => customFields.get(name)?.public !== false),
    );
  }
  return view;
}

/** users.list's projection (`getInclusiveFields` over the defaults), in Rocket.Chat's field order. */
const LIST_FIELDS_FULL = [
  '_id',
  'name',
  'username',
  'emails',
  'roles',
  'status',
  'active',
  'avatarETag',
  'lastLogin',
  'type',
];
const LIST_FIELDS_PLAIN = ['_id', 'name', 'username', 'status', 'active', 'avatarETag', 'type'];

/** The fields of `user` named in `keys`, in that order; absent ones left out. */
function pickFields(user: UserDoc, keys: readonly string[]): Record<string, unknown> {
  const view: Record<string, unknown> = {};
  for (const key of keys) {
    if (user[key] !== undefined) view[key] = user[key];
  }
  return view;
}

/** One users.list entry; `nameInsensitive` is the aggregation's `$toLower: '$name'`, which Rocket.Chat returns too. */
export function listedUserView(user: UserDoc, canViewFullInfo: boolean): Record<string, unknown> {
  const view = pickFields(user, canViewFullInfo ? LIST_FIELDS_FULL : LIST_FIELDS_PLAIN);
  view.nameInsensitive = typeof user.name === 'string' ? user.name.toLowerCase() : '';
  return view;
}

/**
 * One users.listByStatus entry: `findPaginatedUsersByStatus`'s projection (a `find`, so no `nameInsensitive`),
 * users.list's fields plus `reason` and `federated`, with `freeSwitchExtension` only for
 * view-full-other-user-info or view-user-voip-extension holders.
 * Rocket.Chat projects emails, roles and lastLogin for every caller; Roster, whose listByStatus is open to every
 * `view-d-room` holder (every user), keeps them to view-full-other-user-info holders as users.list does
 * (README, "Differences from Rocket.Chat").
 */
const BY_STATUS_PLAIN = [...LIST_FIELDS_PLAIN, 'reason', 'federated'];
const BY_STATUS_FULL = [...LIST_FIELDS_FULL, 'reason', 'federated'];

export function byStatusUserView(
  user: UserDoc,
  canViewFullInfo: boolean,
  canSeeExtension: boolean,
): Record<string, unknown> {
  const fields = canViewFullInfo ? BY_STATUS_FULL : BY_STATUS_PLAIN;
  return pickFields(user, canSeeExtension ? [...fields, 'freeSwitchExtension'] : fields);
}

/** The users.update answer: the full view with view-full-other-user-info, the limited one otherwise. */
export async function updatedUserView(
  context: Context,
  caller: UserDoc,
  user: UserDoc,
): Promise<Record<string, unknown>> {
  if (await context.permissions.has(caller.roles, 'view-full-other-user-info')) return adminUserView(user);
  return limitedUserView(user, (await context.settings.current()).customFields);
}
