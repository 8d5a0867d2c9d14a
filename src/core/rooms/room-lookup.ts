// Finding the room and users a rooms request names, with Rocket.Chat's errors (findChannelByIdOrName,
// getRoomFromParams, getUserFromParams, getUserListFromParams).
import type { RoomDoc, UserDoc } from '../documents.js';
import { assertWithinUserLimit } from './user-limit.js';
import { roomErrors } from './room-errors.js';
import type { Context } from '../context.js';
import type { Store } from '../store.js';

/** The context (or anything holding the store): http passes its context, never the store itself. */
type StoreAccess = Pick<Context, 'store'>;

export interface RoomParams {
  roomId?: unknown;
  roomName?: unknown;
}

export interface UserParams {
  userId?: unknown;
  username?: unknown;
  user?: unknown;
}

export interface UserListParams extends UserParams {
  userIds?: unknown;
  usernames?: unknown;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

async function findByIdOrName(store: Store, params: RoomParams): Promise<RoomDoc | null | undefined> {
  const roomId = text(params.roomId);
  const roomName = text(params.roomName);
  if (roomId !== null) return store.rooms.findById(roomId);
  if (roomName !== null) return store.rooms.findByName(roomName);
  return undefined;
}

/**
 * A public channel (`c`) by roomId or roomName. Rocket.Chat's findChannelByIdOrName also serves livechat rooms
 * (`t: 'l'`), whose `v.token` is the visitor's credential (security review F19); Roster has no livechat, so an
 * imported livechat room is "not found" here (README, "Differences from Rocket.Chat").
 */
export async function findChannel({ store }: StoreAccess, params: RoomParams): Promise<RoomDoc> {
  const room = await findByIdOrName(store, params);
  if (room === undefined) throw roomErrors.channelParamMissing();
  if (!room || room.t !== 'c') throw roomErrors.channelNotFound();
  return room;
}

/** A private group (`p`) by roomId or roomName; callers add the access check where Rocket.Chat has one. */
export async function findGroup({ store }: StoreAccess, params: RoomParams): Promise<RoomDoc> {
  const room = await findByIdOrName(store, params);
  if (room === undefined) throw roomErrors.groupParamMissing();
  if (!room || room.t !== 'p') throw roomErrors.groupNotFound();
  return room;
}

/** getUserFromParams: userId, then username, then user (both usernames matched ignoring case, findOneByUsernameIgnoringCase). */
export async function findUserFromParams({ store }: StoreAccess, params: UserParams): Promise<UserDoc> {
  const userId = text(params.userId);
  const username = text(params.username);
  const user = text(params.user);
  let found: UserDoc | null;
  if (userId !== null) found = await store.users.findById(userId);
  else if (username !== null) found = await store.users.findByUsernameInsensitive(username);
  else if (user !== null) found = await store.users.findByUsernameInsensitive(user);
  else throw roomErrors.userParamMissing();
  if (!found) throw roomErrors.userNotFound();
  return found;
}

/**
 * getUserListFromParams: userIds/usernames plus userId/username/user, deduplicated; looked up by id when any id
 * is given, otherwise by username ignoring case. Unknown users are dropped, as in Rocket.Chat.
 */
export async function findUserListFromParams(
  { store }: StoreAccess,
  params: UserListParams,
): Promise<UserDoc[]> {
  assertWithinUserLimit(strings(params.userIds).length + strings(params.usernames).length);
  const ids = unique([...strings(params.userIds), ...strings(params.userId)]);
  const names = unique([...strings(params.usernames), ...strings(params.username), ...strings(params.user)]);
  if (ids.length === 0 && names.length === 0) throw roomErrors.usersParamMissing();
  // One IN (…) query per call, however long the list (security F10), then the request's order.
  const found = new Map<string, UserDoc>();
  if (ids.length > 0) {
    const byId = new Map((await store.users.findByIds(ids)).map((user) => [user._id, user] as const));
    for (const id of ids) {
      const user = byId.get(id);
      if (user) found.set(user._id, user);
    }
  } else {
    // Several stored users may share a name ignoring case; the first by id answers, as a LIMIT 1 lookup did.
    const byLower = new Map<string, UserDoc>();
    for (const user of await store.users.findByUsernamesInsensitive(names)) {
      const key = (user.username ?? '').toLowerCase();
      if (!byLower.has(key)) byLower.set(key, user);
    }
    for (const name of names) {
      const user = byLower.get(name.toLowerCase());
      if (user) found.set(user._id, user);
    }
  }
  return [...found.values()];
}

function strings(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];
  return list.filter((item): item is string => text(item) !== null);
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

/** findPrivateGroupByIdOrName: a group the user belongs to; to anyone else it does not exist. */
export async function findAccessibleGroup(
  { store }: StoreAccess,
  params: RoomParams,
  userId: string,
): Promise<RoomDoc> {
  const room = await findGroup({ store }, params);
  if (!(await store.subscriptions.find(room._id, userId))) throw roomErrors.groupNotFound();
  return room;
}

/**
 * groups.invite / groups.kick: the group, or "not found" to a caller who is not a member and does not hold
 * `anyRoomPermission` (add-user-to-any-p-room / kick-user-from-any-p-room) — security review F16. Rocket.Chat's
 * findPrivateGroupByIdOrName answers such a caller `error-not-allowed` instead, which tells an existing group
 * from a missing one; Roster answers as for a missing group (README, "Differences from Rocket.Chat").
 */
export async function findGroupForMemberAction(
  context: Context,
  params: RoomParams,
  caller: UserDoc,
  anyRoomPermission: 'add-user-to-any-p-room' | 'kick-user-from-any-p-room',
): Promise<RoomDoc> {
  const room = await findGroup(context, params);
  const subscription = await context.store.subscriptions.find(room._id, caller._id);
  if (!subscription && !(await context.permissions.has(caller.roles, anyRoomPermission))) {
    throw roomErrors.groupNotFound();
  }
  return room;
}

/**
 * findDirectMessageRoom: a direct message by roomId, or the caller's one-to-one direct message with `username`;
 * the caller must be in it (or hold view-room-administration), else `error-not-allowed`.
 */
export async function findDirectMessage(
  context: Context,
  params: { roomId?: unknown; username?: unknown },
  caller: UserDoc,
): Promise<RoomDoc> {
  const { store } = context;
  const roomId = text(params.roomId);
  const username = text(params.username);
  let room: RoomDoc | null;
  if (roomId !== null) room = await store.rooms.findById(roomId);
  else if (username !== null) {
    const other = await store.users.findByUsername(username);
    room = other ? await store.rooms.findById([caller._id, other._id].sort().join('')) : null;
  } else throw roomErrors.directParamMissing();
  if (!room || room.t !== 'd') throw roomErrors.directNotFound();
  if (
    !(await store.subscriptions.find(room._id, caller._id)) &&
    !(await context.permissions.has(caller.roles, 'view-room-administration'))
  ) {
    throw roomErrors.notAllowed();
  }
  return room;
}

/** A room by id (rooms.leave); null when there is none. */
export function findRoomById(context: StoreAccess, roomId: string): Promise<RoomDoc | null> {
  return context.store.rooms.findById(roomId);
}

/** Rooms.findOneByIdOrName (rooms.info): the room whose id, else whose name, is `key`. */
export async function findRoomByIdOrName(context: StoreAccess, key: string): Promise<RoomDoc | null> {
  return (await context.store.rooms.findById(key)) ?? (await context.store.rooms.findByName(key));
}
