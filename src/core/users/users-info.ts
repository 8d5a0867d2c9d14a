// users.info: lookup, the "myself" rules, the importId/email gate, visibility and rooms (users-info.md §4–§6).
import type { Context } from '../context.js';
import type { Json, SubscriptionDoc, UserDoc } from '../documents.js';
import { failure } from '../../errors.js';
import { importIdsOf, normalizeEmail, normalizedEmailsOf, rolesOf } from './user-keys.js';
import type { UsersInfoResponse, UsersInfoRoom, UsersInfoUser } from './users-info-response.js';
import { visibleUser } from './user-visibility.js';

/** The lookup keys, in the order Rocket.Chat 8.5 tries them. */
export const LOOKUP_KEYS = ['userId', 'username', 'importId', 'email', 'freeSwitchExtension'] as const;
export type LookupKey = (typeof LOOKUP_KEYS)[number];

/** A query that passed validation: one lookup key, optionally `includeUserRooms` and `fields` (ignored). */
export type UsersInfoQuery = Partial<Record<LookupKey | 'includeUserRooms' | 'fields', string>>;

export type RoomView = { _id: string; [field: string]: Json };

/** The 200 body of users.info, already serialised: `{"user":…,"success":true}` (Rocket.Chat's API.v1.success). */
export type UsersInfoBody = string;

/** Lookups that could reveal whether a user exists to someone who may not see their email or import ids. */
const GATED_KEYS: ReadonlySet<LookupKey> = new Set(['importId', 'email']);

/** The subscription fields Rocket.Chat projects into `rooms` (besides `_id`). */
const ROOM_FIELDS: ReadonlySet<string> = new Set(['rid', 'name', 't', 'roles', 'unread', 'federated']);

/**
 * users.info for `caller`, rendered once per (user, view, settings, room list) and then served from the user
 * cache: the permission checks and the settings read happen on every request, so a withdrawn permission or a
 * changed Accounts_CustomFields picks another (or a new) body at once; only the document lookups, the room
 * list and the rendering are cached (core/users/user-cache.ts states their bound).
 */
export async function usersInfo(
  context: Context,
  caller: UserDoc,
  query: UsersInfoQuery,
): Promise<UsersInfoBody> {
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
  const view = myself ? 'self' : canViewAllInfo ? 'full' : 'default';
  const cache = context.userCache;
  let rooms: { list: UsersInfoRoom[]; token: object | undefined } | undefined;
  if (query.includeUserRooms === 'true' && (await mayListRooms(context, caller, roles, user))) {
    rooms = await cache.rooms(
      user,
      async () => (await context.store.listSubscriptionsOfUser(user._id)).map(roomView) as UsersInfoRoom[],
    );
  }
  // A room list read while a room write was under way is served once and not kept: nor is its body.
  const keep = !rooms || rooms.token !== undefined;
  const cached = keep ? cache.body(user, view, customFields, rooms?.token) : undefined;
  if (cached !== undefined) return cached;
  // visibleUser copies stored values of the listed fields; UsersInfoUser is what those fields hold in valid data.
  const shown = visibleUser(user, { myself, canViewAllInfo, customFields }) as UsersInfoUser;
  if (rooms) shown.rooms = rooms.list;
  const response: UsersInfoResponse = { user: shown, success: true };
  const body = JSON.stringify(response);
  if (keep) cache.keepBody(user, view, customFields, body, rooms?.token);
  return body;
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

/** The one place users.info reads users: through the user cache, with the store finder as its loader. */
function findBy(context: Context, key: LookupKey, value: string): Promise<UserDoc | null> {
  const { store, userCache } = context;
  switch (key) {
    case 'userId':
    case 'username':
      // Rocket.Chat uses one finder (`findOneByIdOrUsername`) for both keys.
      return userCache.find('idOrUsername', value, () => store.findUserByIdOrUsername(value));
    case 'importId':
      return userCache.find('importId', value, () => store.findUserByImportId(value));
    case 'email':
      return userCache.find('email', value, () => store.findUserByEmail(value));
    case 'freeSwitchExtension':
      return userCache.find('freeSwitchExtension', value, () => store.findUserByFreeSwitchExtension(value));
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
