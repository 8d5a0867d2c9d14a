// users.info: lookup, the "myself" rules, the importId/email gate, visibility and rooms (users-info.md §4–§6).
import type { Context } from '../context.js';
import type { Json, SubscriptionDoc, UserDoc } from '../documents.js';
import { failure } from '../../errors.js';
import { importIdsOf, normalizeEmail, normalizedEmailsOf, rolesOf } from './user-keys.js';
import type { UsersInfoRoom, UsersInfoUser } from './users-info-response.js';
import { visibleUser } from './user-visibility.js';

/** The lookup keys, in the order Rocket.Chat 8.5 tries them. */
export const LOOKUP_KEYS = ['userId', 'username', 'importId', 'email', 'freeSwitchExtension'] as const;
export type LookupKey = (typeof LOOKUP_KEYS)[number];

/** A query that passed validation: one lookup key, optionally `includeUserRooms` and `fields` (ignored). */
export type UsersInfoQuery = Partial<Record<LookupKey | 'includeUserRooms' | 'fields', string>>;

export type RoomView = { _id: string; [field: string]: Json };

export interface UsersInfoResult {
  user: UsersInfoUser;
}

/** Lookups that could reveal whether a user exists to someone who may not see their email or import ids. */
const GATED_KEYS: ReadonlySet<LookupKey> = new Set(['importId', 'email']);

/** The subscription fields Rocket.Chat projects into `rooms` (besides `_id`). */
const ROOM_FIELDS: ReadonlySet<string> = new Set(['rid', 'name', 't', 'roles', 'unread', 'federated']);

export async function usersInfo(
  context: Context,
  caller: UserDoc,
  query: UsersInfoQuery,
): Promise<UsersInfoResult> {
  const key = LOOKUP_KEYS.find((name) => typeof query[name] === 'string' && query[name] !== '');
  if (key === undefined) throw failure('Invalid search query.');
  const value = query[key] as string;
  const roles = rolesOf(caller);
  let fullInfoPermission: boolean | undefined;
  const holdsFullInfo = async () =>
    (fullInfoPermission ??= await context.permissions.has(roles, 'view-full-other-user-info'));

  // The gate is decided before the lookup, as Rocket.Chat does, so a miss and a refusal take the same path.
  const claimsSelf = namesCaller(caller, key, value);
  if (GATED_KEYS.has(key) && !claimsSelf && !(await holdsFullInfo())) throw userNotFound();

  const user = await findBy(context, key, value);
  if (!user) throw userNotFound();
  // Rocket.Chat trusts the key alone; Roster also requires the found user to be the caller, so that a user whose
  // `_id` equals the caller's username can never be shown with the caller's self view.
  const myself = claimsSelf && user._id === caller._id;
  const canViewAllInfo = myself || (await holdsFullInfo());
  if (GATED_KEYS.has(key) && !canViewAllInfo) throw userNotFound();

  const { customFields } = await context.settings.current();
  // visibleUser copies stored values of the listed fields; UsersInfoUser is what those fields hold in valid data.
  const view = visibleUser(user, { myself, canViewAllInfo, customFields }) as UsersInfoUser;
  if (query.includeUserRooms === 'true' && (await mayListRooms(context, caller, roles, user))) {
    view.rooms = (await context.store.listSubscriptionsOfUser(user._id)).map(roomView) as UsersInfoRoom[];
  }
  return { user: view };
}

function userNotFound() {
  return failure('User not found.');
}

/** The "myself" rules of users-info.md §4: the lookup value names the caller. */
export function namesCaller(caller: UserDoc, key: LookupKey, value: string): boolean {
  switch (key) {
    case 'userId':
      return value === caller._id;
    case 'username':
      return value === caller.username;
    case 'importId':
      return importIdsOf(caller).includes(value);
    case 'email':
      return normalizedEmailsOf(caller).includes(normalizeEmail(value));
    case 'freeSwitchExtension':
      return typeof caller.freeSwitchExtension === 'string' && value === caller.freeSwitchExtension;
  }
}

function findBy(context: Context, key: LookupKey, value: string): Promise<UserDoc | null> {
  const { store } = context;
  switch (key) {
    case 'userId':
    case 'username':
      // Rocket.Chat uses one finder (`findOneByIdOrUsername`) for both keys.
      return store.findUserByIdOrUsername(value);
    case 'importId':
      return store.findUserByImportId(value);
    case 'email':
      return store.findUserByEmail(value);
    case 'freeSwitchExtension':
      return store.findUserByFreeSwitchExtension(value);
  }
}

/** Rooms are listed for the caller's own user (by `_id`, whatever the key) or with `view-other-user-channels`. */
async function mayListRooms(context: Context, caller: UserDoc, roles: string[], user: UserDoc) {
  return user._id === caller._id || context.permissions.has(roles, 'view-other-user-channels');
}

/** A subscription as `rooms` shows it: `_id` and the projected fields it has, in stored order. */
function roomView(subscription: SubscriptionDoc): RoomView {
  const room: RoomView = { _id: subscription._id };
  for (const field of Object.keys(subscription)) {
    const value = subscription[field];
    if (ROOM_FIELDS.has(field) && value !== undefined) room[field] = value as Json;
  }
  return room;
}
