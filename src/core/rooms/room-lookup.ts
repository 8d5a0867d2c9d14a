// Finding the room and users a rooms request names, with Rocket.Chat's errors (findChannelByIdOrName,
// getRoomFromParams, getUserFromParams, getUserListFromParams).
import type { RoomDoc, UserDoc } from '../documents.js';
import { roomErrors } from './room-errors.js';
import type { Store } from '../store.js';

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
  if (roomId !== null) return store.findRoomById(roomId);
  if (roomName !== null) return store.findRoomByName(roomName);
  return undefined;
}

/** A public channel (`c`, or a livechat room as Rocket.Chat allows) by roomId or roomName. */
export async function findChannel(store: Store, params: RoomParams): Promise<RoomDoc> {
  const room = await findByIdOrName(store, params);
  if (room === undefined) throw roomErrors.channelParamMissing();
  if (!room || (room.t !== 'c' && room.t !== 'l')) throw roomErrors.channelNotFound();
  return room;
}

/** A private group (`p`) by roomId or roomName; callers add the access check where Rocket.Chat has one. */
export async function findGroup(store: Store, params: RoomParams): Promise<RoomDoc> {
  const room = await findByIdOrName(store, params);
  if (room === undefined) throw roomErrors.groupParamMissing();
  if (!room || room.t !== 'p') throw roomErrors.groupNotFound();
  return room;
}

/** getUserFromParams: userId, then username, then user (a username, case-insensitive). */
export async function findUserFromParams(store: Store, params: UserParams): Promise<UserDoc> {
  const userId = text(params.userId);
  const username = text(params.username);
  const user = text(params.user);
  let found: UserDoc | null;
  if (userId !== null) found = await store.findUserById(userId);
  else if (username !== null) found = await store.findUserByUsername(username);
  else if (user !== null) found = await store.findUserByUsernameInsensitive(user);
  else throw roomErrors.userParamMissing();
  if (!found) throw roomErrors.userNotFound();
  return found;
}

/**
 * getUserListFromParams: userIds/usernames plus userId/username/user, deduplicated; looked up by id when any id
 * is given, otherwise by username ignoring case. Unknown users are dropped, as in Rocket.Chat.
 */
export async function findUserListFromParams(store: Store, params: UserListParams): Promise<UserDoc[]> {
  const ids = unique([...strings(params.userIds), ...strings(params.userId)]);
  const names = unique([...strings(params.usernames), ...strings(params.username), ...strings(params.user)]);
  if (ids.length === 0 && names.length === 0) throw roomErrors.usersParamMissing();
  // One IN (…) query per call, however long the list (security F10), then the request's order.
  const found = new Map<string, UserDoc>();
  if (ids.length > 0) {
    const byId = new Map((await store.findUsersByIds(ids)).map((user) => [user._id, user] as const));
    for (const id of ids) {
      const user = byId.get(id);
      if (user) found.set(user._id, user);
    }
  } else {
    // Several stored users may share a name ignoring case; the first by id answers, as a LIMIT 1 lookup did.
    const byLower = new Map<string, UserDoc>();
    for (const user of await store.findUsersByUsernamesInsensitive(names)) {
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
  store: Store,
  params: RoomParams,
  userId: string,
): Promise<RoomDoc> {
  const room = await findGroup(store, params);
  if (!(await store.findSubscription(room._id, userId))) throw roomErrors.groupNotFound();
  return room;
}
