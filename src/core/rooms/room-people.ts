// channels./groups. moderators and online: Rocket.Chat's findByRoomIdAndRoles(['moderator']) and the online
// endpoints' findUsersNotOffline filtered to the room's members.
import type { Context } from '../context.js';
import type { RoomDoc, SubscriptionDoc, UserDoc } from '../documents.js';
import { canAccessRoom, roomActor } from './room-access.js';
import { roomErrors } from './room-errors.js';

/** The `u` of every subscription holding the room role `moderator`. */
export async function roomModerators(context: Context, room: RoomDoc): Promise<SubscriptionDoc['u'][]> {
  return (await context.store.subscriptions.listOfRoom(room._id))
    .filter((s) => s.roles?.includes('moderator'))
    .map((s) => s.u);
}

export interface OnlineQuery {
  /** The `_id` query parameter. */
  _id?: string;
  /** parseJsonQuery's `query`, already parsed. */
  query?: Record<string, unknown>;
}

/**
 * The room an online request names: `_id` and the `query` object's fields must all match, with `t` set to the
 * endpoint's type. Roster matches a query on `_id` and `name` (strings) only; any other field matches no room.
 */
async function findOnlineRoom(context: Context, t: 'c' | 'p', request: OnlineQuery): Promise<RoomDoc | null> {
  const filter: Record<string, unknown> = { ...request.query, ...(request._id ? { _id: request._id } : {}) };
  delete filter.t;
  const { _id: id, name, ...others } = filter;
  if (Object.keys(others).length > 0) return null;
  if (id !== undefined && typeof id !== 'string') return null;
  if (name !== undefined && typeof name !== 'string') return null;
  const room =
    id !== undefined
      ? await context.store.rooms.findById(id)
      : await context.store.rooms.findByName(name ?? '');
  if (!room || room.t !== t || (name !== undefined && room.name !== name)) return null;
  return room;
}

/**
 * channels.online / groups.online: members of the room whose status is not offline, as `{_id, username}`.
 * Roster holds no realtime connections: a user's stored `status` decides, as users.getStatus reads it.
 */
export async function onlineMembers(
  context: Context,
  caller: UserDoc,
  t: 'c' | 'p',
  request: OnlineQuery,
): Promise<Array<{ _id: string; username: string }>> {
  const hasQuery = request.query !== undefined && Object.keys(request.query).length > 0;
  if (!hasQuery && !request._id) throw roomErrors.invalidQuery();
  const room = await findOnlineRoom(context, t, request);
  if (!room) throw t === 'c' ? roomErrors.channelDoesNotExist() : roomErrors.groupDoesNotExist();
  if (!canAccessRoom(room, await roomActor(context, caller, room))) throw roomErrors.onlineNotAllowed();
  const ids = (await context.store.subscriptions.listOfRoom(room._id)).map((s) => s.u._id);
  return (await context.store.users.findByIds(ids))
    .filter((user) => typeof user.username === 'string' && isOnline(user))
    .map((user) => ({ _id: user._id, username: user.username ?? '' }));
}

/** findUsersNotOffline: `status` in online, away, busy. */
function isOnline(user: UserDoc): boolean {
  return user.status === 'online' || user.status === 'away' || user.status === 'busy';
}
