// channels.join and channels./groups./rooms.leave: Rocket.Chat's joinRoom and leaveRoomMethod, each one
// transaction over the room and its subscriptions (the last-owner rule is checked inside it).
import type { Context } from '../context.js';
import type { RoomDoc, UserDoc } from '../documents.js';
import { hasRoomPermission, roomActor } from './room-access.js';
import { newSubscriptionDocument } from './room-documents.js';
import { roomErrors } from './room-errors.js';

const usersCountOf = (room: RoomDoc) => (typeof room.usersCount === 'number' ? room.usersCount : 0);

/**
 * joinRoom: a `joinCodeRequired` room needs its join code unless the caller holds join-without-join-code; a
 * member joining again changes nothing. Returns the room as stored.
 */
export async function joinRoom(
  context: Context,
  caller: UserDoc,
  room: RoomDoc,
  joinCode: unknown,
): Promise<RoomDoc> {
  if (room.t !== 'c') throw roomErrors.notAllowed();
  if (
    room.joinCodeRequired === true &&
    joinCode !== room.joinCode &&
    !(await context.permissions.has(caller.roles, 'join-without-join-code'))
  ) {
    throw roomErrors.invalidJoinCode();
  }
  const now = context.clock().toISOString();
  let stored = room;
  const written = await context.store.rooms.write(room._id, (state) => {
    stored = state.room;
    if (state.subscriptions.some((s) => s.u._id === caller._id)) return {};
    stored = { ...state.room, usersCount: usersCountOf(state.room) + 1, _updatedAt: now };
    return { room: stored, insertSubscriptions: [newSubscriptionDocument(state.room, caller, now)] };
  });
  if (!written) throw roomErrors.invalidRoom();
  return stored;
}

/**
 * leaveRoomMethod: leave-c / leave-p, never a direct message, the caller must be a member ("You are not in
 * this room") and not the room's last owner. The subscription goes and usersCount drops in one transaction.
 */
export async function leaveRoom(context: Context, caller: UserDoc, room: RoomDoc): Promise<RoomDoc> {
  const actor = await roomActor(context, caller, room);
  if (!(await hasRoomPermission(context, actor, room.t === 'p' ? 'leave-p' : 'leave-c')))
    throw roomErrors.notAllowed();
  if (room.t === 'd') throw roomErrors.notAllowed();
  const now = context.clock().toISOString();
  let stored = room;
  const written = await context.store.rooms.write(room._id, (state) => {
    const own = state.subscriptions.find((s) => s.u._id === caller._id);
    if (!own) throw roomErrors.youAreNotInRoom();
    if (own.roles?.includes('owner')) {
      const owners = state.subscriptions.filter((s) => s.roles?.includes('owner'));
      if (owners.length === 1) throw roomErrors.lastOwner();
    }
    stored = { ...state.room, usersCount: Math.max(0, usersCountOf(state.room) - 1), _updatedAt: now };
    return { room: stored, removeUserIds: [caller._id] };
  });
  if (!written) throw roomErrors.invalidRoom();
  return stored;
}
