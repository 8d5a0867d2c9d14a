// users.info: lookup, the "myself" rules, the importId/email gate, visibility and rooms (users-info.md §4–§6).
import type { Context } from '../context.js';
import type { Json, SubscriptionDoc, UserDoc } from '../documents.js';
import { importIdsOf, normalizeEmail, normalizedEmailsOf, rolesOf } from './user-keys.js';
import { userErrors } from './user-errors.js';
import type { Store } from '../store.js';
import {
  LOOKUP_KEYS,
  type LookupKey,
  type UsersInfoLookup as UsersInfoQuery,
  type UsersInfoResponse,
  type UsersInfoUser,
} from '../../api/users-info.js';
import type { LookupKind } from './user-lookup-keys.js';
import type { ViewClass } from './user-cache.js';
import { visibleUser } from './user-visibility.js';
import { entityTagOf } from './users-info-etag.js';

// The lookup keys and the validated query are users.info's contract (src/api/users-info.ts).
export { LOOKUP_KEYS, type LookupKey, type UsersInfoQuery };

export type RoomView = { _id: string; [field: string]: Json };

/** The 200 body of users.info, already serialised: `{"user":…,"success":true}` (Rocket.Chat's API.v1.success). */
export type UsersInfoBody = string;

/** A users.info answer: its body and the entity tag of exactly those bytes (users-info-etag.ts). */
export interface UsersInfoAnswer {
  body: UsersInfoBody;
  etag: string;
}

/** Lookups that could reveal whether a user exists to someone who may not see their email or import ids. */
const GATED_KEYS: ReadonlySet<LookupKey> = new Set(['importId', 'email']);

/** The subscription fields Rocket.Chat projects into `rooms` (besides `_id`). */
const ROOM_FIELDS: ReadonlySet<string> = new Set(['rid', 'name', 't', 'roles', 'unread', 'federated']);

/**
 * users.info for `caller`, rendered once per (user, view class, settings) and then served from the user cache
 * (core/users/user-cache.ts states its bound). The gate, the permission checks and the settings read run on
 * every request, so a withdrawn permission or a changed Accounts_CustomFields picks another (or a new) body at
 * once; only the lookups, the rendering and the room lists are cached.
 */
export async function usersInfo(
  context: Context,
  caller: UserDoc,
  query: UsersInfoQuery,
): Promise<UsersInfoAnswer> {
  const answer = await findUsersInfo(context, caller, query);
  if (answer === null) throw userNotFound();
  return answer;
}

/**
 * users.info's answer, or null where users.info answers "User not found." (a miss and a refusal alike): what the
 * batch lookup (users-lookup.ts) shows per key. "Invalid search query." is still thrown.
 */
export async function findUsersInfo(
  context: Context,
  caller: UserDoc,
  query: UsersInfoQuery,
  fromCache = true,
): Promise<UsersInfoAnswer | null> {
  const key = LOOKUP_KEYS.find((name) => typeof query[name] === 'string' && query[name] !== '');
  if (key === undefined) throw userErrors.invalidSearchQuery();
  const value = query[key] as string;
  const roles = callerRoles(caller);
  // Answered from memory when the permission table is loaded (no promise); else from the store, once.
  let fullInfoPermission = context.permissions.hasNow(roles, 'view-full-other-user-info');
  const holdsFullInfo = async () =>
    (fullInfoPermission ??= await context.permissions.has(roles, 'view-full-other-user-info'));

  // The gate is decided before the lookup, as Rocket.Chat does, so a miss and a refusal take the same path.
  // The audit (lookup-audit.ts): a gated key's every answer, and a full view of someone else, are recorded.
  const audit = (targetId: string | null) =>
    context.lookupAudit.record({ callerId: caller._id, targetId, key, value, found: targetId !== null });
  const miss = async () => {
    if (GATED_KEYS.has(key)) await audit(null);
    return null;
  };
  const claimsSelf = namesCaller(caller, key, value);
  if (GATED_KEYS.has(key) && !claimsSelf && !(fullInfoPermission ?? (await holdsFullInfo()))) return miss();

  const cache = context.userCache;
  const kind = LOOKUP_KINDS[key];
  const read = () => findBy(context.store, key, value);
  const cached = fromCache ? cache.peek(kind, value) : undefined;
  if (cached === null) return miss();
  const loaded = cached ? undefined : await cache.load(kind, value, read);
  if (!cached && !loaded) return miss();
  const userId = cached ? cached.id : (loaded as { user: UserDoc }).user._id;
  // Rocket.Chat trusts the key alone; Roster also requires the found user to be the caller, so that a user whose
  // `_id` equals the caller's username can never be shown with the caller's self view.
  const myself = claimsSelf && userId === caller._id;
  const canViewAllInfo = myself || (fullInfoPermission ?? (await holdsFullInfo()));
  if (GATED_KEYS.has(key) && !canViewAllInfo) return miss();

  const { customFields } = context.settings.peek() ?? (await context.settings.current());
  const view: ViewClass = myself ? 'self' : canViewAllInfo ? 'full' : 'default';
  const entry = cached ?? loaded?.entry;
  let answer: UsersInfoAnswer | undefined;
  const kept = entry ? cache.body(entry, view, customFields) : undefined;
  if (kept) answer = { body: kept.json, etag: kept.etag };
  if (answer === undefined) {
    // A cached user without this view yet: read the document again (no write happened, or the entry would be gone).
    const fresh = loaded ?? (await cache.load(kind, value, read));
    if (fresh?.user._id !== userId) return findUsersInfo(context, caller, query, false);
    // visibleUser copies stored values of the listed fields; UsersInfoUser is what those fields hold in valid data.
    const shown = visibleUser(fresh.user, { myself, canViewAllInfo, customFields }) as UsersInfoUser;
    const response: UsersInfoResponse = { user: shown, success: true };
    const body = JSON.stringify(response);
    const etag = fresh.entry ? cache.keepBody(fresh.entry, view, customFields, body) : entityTagOf(body);
    answer = { body, etag };
  }
  if (query.includeUserRooms === 'true' && (await mayListRooms(context, caller, roles, userId))) {
    const rooms = await cache.roomsJson(entry, async () =>
      JSON.stringify((await context.store.subscriptions.listOfUser(userId)).map(roomView)),
    );
    const body = withRooms(answer.body, rooms);
    answer = { body, etag: cache.roomsTag(entry, view, answer.body, rooms, body) };
  }
  if (GATED_KEYS.has(key) || (canViewAllInfo && !myself)) {
    const waiting = audit(userId);
    if (waiting) await waiting;
  }
  return answer;
}

const BODY_END = '},"success":true}';

/**
 * The body with `user.rooms` appended as its last field, exactly as JSON.stringify renders the object with
 * `rooms` set after visibleUser (which never emits a `rooms` field of its own).
 */
function withRooms(body: string, roomsJson: string): string {
  return `${body.slice(0, -BODY_END.length)},"rooms":${roomsJson}${BODY_END}`;
}

function userNotFound() {
  return userErrors.infoUserNotFound();
}

/** The caller's roles per (frozen, cached) caller document: the session cache serves the same one each time. */
const rolesByCaller = new WeakMap<UserDoc, string[]>();

function callerRoles(caller: UserDoc): string[] {
  const known = rolesByCaller.get(caller);
  if (known) return known;
  const roles = rolesOf(caller);
  if (Object.isFrozen(caller)) rolesByCaller.set(caller, roles);
  return roles;
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

/** The user cache's finder per key: Rocket.Chat uses one (`findOneByIdOrUsername`) for userId and username. */
const LOOKUP_KINDS: Record<LookupKey, LookupKind> = {
  userId: 'idOrUsername',
  username: 'idOrUsername',
  importId: 'importId',
  email: 'email',
  freeSwitchExtension: 'freeSwitchExtension',
};

/** The one place users.info reads users from the store (the user cache's loader). */
function findBy(store: Store, key: LookupKey, value: string): Promise<UserDoc | null> {
  switch (LOOKUP_KINDS[key]) {
    case 'idOrUsername':
      return store.users.findByIdOrUsername(value);
    case 'importId':
      return store.users.findByImportId(value);
    case 'email':
      return store.users.findByEmail(value);
    case 'freeSwitchExtension':
      return store.users.findByFreeSwitchExtension(value);
  }
}

/** Rooms are listed for the caller's own user (by `_id`, whatever the key) or with `view-other-user-channels`. */
async function mayListRooms(context: Context, caller: UserDoc, roles: string[], userId: string) {
  if (userId === caller._id) return true;
  return (
    context.permissions.hasNow(roles, 'view-other-user-channels') ??
    context.permissions.has(roles, 'view-other-user-channels')
  );
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
