// channels/groups .invite and .kick: Rocket.Chat's addUsersToRoom and removeUserFromRoom rules.
import { forbidden } from '../../errors.js';
import type { Context } from '../context.js';
import type { RoomDoc, UserDoc } from '../documents.js';
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
  if (!allowed) throw forbidden();

  // addUsersToRoom: the missing subscriptions and the new usersCount in one transaction (security F10).
  const now = context.clock().toISOString();
  const subscriptions = users.map((user) => newSubscriptionDocument(room, user, now));
  const result = await context.store.rooms.addMembers(room._id, subscriptions, now);
  if (!result) throw roomErrors.invalidRoom();
  return result.room;
}

/**
 * Removes `target` from `room`: needs remove-user in the room (owners and moderators by default), access to
 * the room, a target who is a member and is not its last owner. Returns the room with its new usersCount.
 */
export async function kickUser(
  context: Context,
  caller: UserDoc,
  room: RoomDoc,
  target: UserDoc,
): Promise<RoomDoc> {
  const actor = await roomActor(context, caller, room);
  if (!(await hasRoomPermission(context, actor, 'remove-user'))) throw forbidden();
  const kickAny = room.t === 'c' ? 'kick-user-from-any-c-room' : 'kick-user-from-any-p-room';
  if (!canAccessRoom(room, actor) && !(await hasRoomPermission(context, actor, kickAny))) {
    // Rocket.Chat says "group" here for channels too.
    throw roomErrors.groupNotFound();
  }

  const { store } = context;
  const subscription = await store.subscriptions.find(room._id, target._id);
  if (!subscription) throw roomErrors.userNotInRoom();
  if (subscription.roles?.includes('owner')) {
    const owners = (await store.subscriptions.listOfRoom(room._id)).filter((s) => s.roles?.includes('owner'));
    if (owners.length === 1) throw roomErrors.lastOwner();
  }
  const removed = await store.subscriptions.delete(room._id, target._id);
  const now = context.clock().toISOString();
  return (await adjustUsersCount(context, room, removed ? -1 : 0, now)) ?? room;
}

/** Keeps the room's usersCount in step with its subscriptions (Rocket.Chat's incUsersCountById). */
async function adjustUsersCount(
  context: Context,
  room: RoomDoc,
  delta: number,
  now: string,
): Promise<RoomDoc | null> {
  if (delta === 0) return context.store.rooms.findById(room._id);
  return context.store.rooms.update(room._id, (current) => ({
    ...current,
    usersCount: Math.max(0, (typeof current.usersCount === 'number' ? current.usersCount : 0) + delta),
    _updatedAt: now,
  }));
}
