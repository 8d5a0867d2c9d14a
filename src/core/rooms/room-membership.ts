// channels/groups .invite and .kick: Rocket.Chat's addUsersToRoom and removeUserFromRoom, each one room write
// with its `au` / `ru` system messages.
import { permissionErrors } from '../access/permission-errors.js';
import type { Context } from '../context.js';
import type { RoomDoc, UserDoc } from '../documents.js';
import { systemMessage } from '../messages/system-messages.js';
import { canAccessRoom, hasRoomPermission, roomActor } from './room-access.js';
import { newSubscriptionDocument } from './room-documents.js';
import { roomErrors } from './room-errors.js';

/**
 * Adds `users` to `room`. Allowed to a member holding add-user-to-joined-room in the room (owners and moderators
 * by default) or to holders of add-user-to-any-c-room / add-user-to-any-p-room. Members already in the room are
 * left as they are (Rocket.Chat only notifies the inviter). Returns the room with its new usersCount.
 */
export async function inviteUsers(
  context: Context,
  caller: UserDoc,
  room: RoomDoc,
  users: readonly UserDoc[],
): Promise<RoomDoc> {
  const actor = await roomActor(context, caller, room);
  const allowed =
    (actor.subscription !== null && (await hasRoomPermission(context, actor, 'add-user-to-joined-room'))) ||
    (room.t === 'c' && (await hasRoomPermission(context, actor, 'add-user-to-any-c-room'))) ||
    (room.t === 'p' && (await hasRoomPermission(context, actor, 'add-user-to-any-p-room')));
  if (!allowed) throw permissionErrors.notAllowed('addUsersToRoom');

  // addUsersToRoom: the missing subscriptions, the new usersCount and an `au` system message per user added,
  // in one transaction (security F10).
  const now = context.clock().toISOString();
  let stored = room;
  const written = await context.store.rooms.write(room._id, (state) => {
    const members = new Set(state.subscriptions.map((s) => s.u._id));
    const added = unique(users).filter((user) => !members.has(user._id));
    stored = state.room;
    if (added.length === 0) return {};
    stored = { ...state.room, usersCount: usersCountOf(state.room) + added.length, _updatedAt: now };
    return {
      room: stored,
      insertSubscriptions: added.map((user) => newSubscriptionDocument(state.room, user, now)),
      insertMessages: added.map((user) => systemMessage('au', room._id, user.username ?? '', caller, now)),
    };
  });
  if (!written) throw roomErrors.invalidRoom();
  return stored;
}

/**
 * Removes `target` from `room` (Rocket.Chat's removeUserFromRoomMethod): needs remove-user in the room (owners
 * and moderators by default), access to the room or kick-user-from-any-c-room / -p-room, a target who is a
 * member (unless the caller holds kick-user-from-any-*) and is not its last owner. Returns the room with its
 * new usersCount.
 */
export async function kickUser(
  context: Context,
  caller: UserDoc,
  room: RoomDoc,
  target: UserDoc,
): Promise<RoomDoc> {
  const actor = await roomActor(context, caller, room);
  if (!(await hasRoomPermission(context, actor, 'remove-user')))
    throw permissionErrors.notAllowed('removeUserFromRoom');
  const kickAny = room.t === 'c' ? 'kick-user-from-any-c-room' : 'kick-user-from-any-p-room';
  const canKickAnyUser = await hasRoomPermission(context, actor, kickAny);
  if (!canKickAnyUser && !canAccessRoom(room, actor)) {
    // Rocket.Chat says "group" here for channels too.
    throw roomErrors.groupNotFound();
  }

  // removeUserFromRoom: the subscription, usersCount - 1 and the `ru` system message in one transaction; the
  // last-owner rule is checked inside it.
  const now = context.clock().toISOString();
  let stored = room;
  const written = await context.store.rooms.write(room._id, (state) => {
    const subscription = state.subscriptions.find((s) => s.u._id === target._id);
    if (!subscription) {
      // removeUserFromRoomMethod checks membership only without kick-user-from-any-*; with it, a non-member
      // "kick" succeeds: nothing to remove, usersCount unchanged, and the `ru` system message is still saved.
      if (!canKickAnyUser) throw roomErrors.userNotInRoom();
      stored = state.room;
      return { insertMessages: [systemMessage('ru', room._id, target.username ?? '', caller, now)] };
    }
    if (subscription.roles?.includes('owner')) {
      const owners = state.subscriptions.filter((s) => s.roles?.includes('owner'));
      if (owners.length === 1) throw roomErrors.lastOwner();
    }
    stored = { ...state.room, usersCount: Math.max(0, usersCountOf(state.room) - 1), _updatedAt: now };
    return {
      room: stored,
      removeUserIds: [target._id],
      insertMessages: [systemMessage('ru', room._id, target.username ?? '', caller, now)],
    };
  });
  if (!written) throw roomErrors.invalidRoom();
  return stored;
}

const usersCountOf = (room: RoomDoc) => (typeof room.usersCount === 'number' ? room.usersCount : 0);

function unique(users: readonly UserDoc[]): UserDoc[] {
  return [...new Map(users.map((user) => [user._id, user] as const)).values()];
}
