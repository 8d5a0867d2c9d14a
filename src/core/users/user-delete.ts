// users.delete: Rocket.Chat's deleteUser function (apps/meteor/app/lib/server/functions/deleteUser.ts) — the
// user, their tokens and subscriptions, the rooms they leave behind and their direct messages, in one transaction.
import type { Context } from '../context.js';
import type { RoomDoc, UserDoc } from '../documents.js';
import { forbidden } from '../../errors.js';
import { roomErrors } from '../rooms/room-errors.js';
import { userErrors } from './user-errors.js';
import type { Caller } from '../auth/sessions.js';
import { planRelinquish, type Relinquish } from '../rooms/owner-relinquish.js';
import type { FootprintWrites, Store, UserFootprint } from '../store.js';
import { FootprintEdit, isOneToOneOf, uidsOf } from './footprint-edit.js';
import { assertNotLastAdminDeleted } from './last-admin.js';

/** The target of users.delete, found as Rocket.Chat's `getUserFromParams` finds it. */
export interface UserParams {
  userId?: string;
  username?: string;
  user?: string;
}

export async function userFromParams(store: Store, params: UserParams): Promise<UserDoc> {
  const userId = params.userId?.trim() ?? '';
  const username = params.username?.trim() || params.user?.trim() || '';
  if (userId === '' && username === '') throw roomErrors.userParamMissing();
  const user =
    userId !== ''
      ? await store.users.findById(userId)
      : await store.users.findByUsernameInsensitive(username);
  if (!user) throw roomErrors.userNotFound();
  return user;
}

/**
 * Refuses app users and the last admin (Roster's own rules, stricter than the 8.5 route), then the rooms the
 * user is the last owner or only member of unless `confirmRelinquish` (`user-last-owner`), then deletes.
 * Answers the removed rooms, one-to-one direct messages included, as deleteUser's `deletedRooms`.
 */
export async function deleteUser(
  context: Context,
  caller: Caller,
  params: UserParams & { confirmRelinquish?: boolean },
): Promise<{ deletedRooms: string[] }> {
  if (!(await context.permissions.has(caller.user.roles, 'delete-user'))) throw forbidden();
  const user = await userFromParams(context.store, params);
  return removeUser(context, user, params.confirmRelinquish === true);
}

/** The deletion itself, shared by users.delete and users.deleteOwnAccount (deleteUser(userId, confirmRelinquish)). */
export async function removeUser(
  context: Context,
  user: UserDoc,
  confirmRelinquish: boolean,
): Promise<{ deletedRooms: string[] }> {
  if (user.type === 'app') {
    throw userErrors.appUserNotDeletable();
  }
  await assertNotLastAdminDeleted(context.store, user);
  const relinquish = await planRelinquish(context, user._id, { confirmRelinquish });
  const now = context.clock().toISOString();
  let deletedRooms: string[] = [];
  const written = await context.store.accounts.writeFootprint(user._id, (footprint) => {
    const writes = deletionWrites(new FootprintEdit(footprint, now), relinquish);
    deletedRooms = deletedRoomsOf(footprint, relinquish);
    return writes;
  });
  if (!written) throw userErrors.invalidUserToDelete();
  return { deletedRooms };
}

/**
 * relinquishRoomOwnerships(userId, rooms, true): rooms handed on or removed, and the one-to-one direct
 * messages removed; Rooms.updateGroupDMsRemovingUsernamesByUsername: the user leaves group direct messages;
 * Subscriptions.removeByUserId → Rooms.incUsersCountNotDMsByIds(rids, -1): the other rooms lose a member.
 */
function deletionWrites(edit: FootprintEdit, relinquish: Relinquish): FootprintWrites {
  const { user, subscriptions, rooms } = edit.footprint;
  const removed = new Set(relinquish.removeRooms);
  for (const room of rooms) if (isOneToOneOf(room, user._id)) removed.add(room._id);
  const memberOf = new Set(subscriptions.map((subscription) => subscription.rid));
  for (const room of rooms) {
    if (removed.has(room._id)) continue;
    if (room.t === 'd') {
      const uids = uidsOf(room);
      const usernames = Array.isArray(room.usernames) ? room.usernames : [];
      if (!uids.includes(user._id) && !usernames.includes(user.username)) continue;
      edit.editRoom(room, (r) => ({
        ...r,
        uids: uids.filter((uid) => uid !== user._id),
        usernames: usernames.filter((name) => name !== user.username),
      }));
    } else if (memberOf.has(room._id)) {
      edit.editRoom(room, (r) => ({ ...r, usersCount: Math.max(0, usersCountOf(r) - 1) }));
    }
  }
  return { user: null, ownerGrants: relinquish.ownerGrants, deleteRooms: [...removed], ...edit.writes() };
}

/** bulkRoomCleanUp's answer: the removed rooms, then the one-to-one direct messages with another member. */
function deletedRoomsOf(footprint: UserFootprint, relinquish: Relinquish): string[] {
  const directs = footprint.rooms
    .filter((room) => isOneToOneOf(room, footprint.user._id) && uidsOf(room).length === 2)
    .map((room) => room._id);
  return [...new Set([...relinquish.removeRooms, ...directs])];
}

function usersCountOf(room: RoomDoc): number {
  return typeof room.usersCount === 'number' ? room.usersCount : 0;
}
