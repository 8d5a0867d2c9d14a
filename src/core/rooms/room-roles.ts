// Room roles: Rocket.Chat's addRoomOwner / removeRoomOwner / addRoomModerator / removeRoomModerator /
// addRoomLeader / removeRoomLeader methods and getRoomRoles, each a one-transaction subscription write.
import type { Context } from '../context.js';
import type { PermissionId } from '../setup/defaults.js';
import type { RoomDoc, SubscriptionDoc, UserDoc } from '../documents.js';
import { canAccessRoom, hasRoomPermission, roomActor } from './room-access.js';
import { roomErrors, type RoomRoleName } from './room-errors.js';

const SET_PERMISSION: Record<RoomRoleName, PermissionId> = {
  owner: 'set-owner',
  moderator: 'set-moderator',
  leader: 'set-leader',
};

/** The roles of scope `Subscriptions` that carry a description (getRoomRoles' query), in Roster's defaults. */
const LISTED_ROOM_ROLES: readonly string[] = ['owner', 'moderator', 'leader'];

/**
 * Gives (`grant`) or takes `role` in `room` from `target`, with the method's checks in its order: the caller
 * holds set-<role> in the room, the target has a username and a subscription, the role changes, and (removing
 * an owner) another owner remains — checked inside the write's transaction, so two removals cannot both pass.
 */
export async function changeRoomRole(
  context: Context,
  caller: UserDoc,
  room: RoomDoc,
  target: UserDoc,
  role: RoomRoleName,
  grant: boolean,
): Promise<void> {
  const actor = await roomActor(context, caller, room);
  if (!(await hasRoomPermission(context, actor, SET_PERMISSION[role]))) throw roomErrors.notAllowed();
  if (!target.username) throw roomErrors.invalidUser();
  const now = context.clock().toISOString();
  const written = await context.store.rooms.write(room._id, ({ subscriptions }) => {
    const subscription = subscriptions.find((s) => s.u._id === target._id);
    if (!subscription) throw roomErrors.userNotInRoom();
    const roles = subscription.roles ?? [];
    if (grant && roles.includes(role)) throw roomErrors.userAlready(role);
    if (!grant && !roles.includes(role)) throw roomErrors.userNot(role);
    if (!grant && role === 'owner') {
      const owners = subscriptions.filter((s) => s.roles?.includes('owner'));
      if (owners.length === 1) throw roomErrors.removeLastOwner();
    }
    const next: SubscriptionDoc = {
      ...subscription,
      roles: grant ? [...roles, role] : roles.filter((r) => r !== role),
      _updatedAt: now,
    };
    return { subscriptions: [next] };
  });
  if (!written) throw roomErrors.invalidRoom();
}

export interface RoomRoleEntry {
  _id: string;
  rid: string;
  u: SubscriptionDoc['u'];
  roles: string[];
}

/**
 * getRoomRoles (channels.roles / groups.roles): the members holding a room role, by username; to a caller who
 * cannot access the room, `error-invalid-room`.
 */
export async function roomRoles(context: Context, caller: UserDoc, room: RoomDoc): Promise<RoomRoleEntry[]> {
  const actor = await roomActor(context, caller, room);
  if (!canAccessRoom(room, actor)) throw roomErrors.invalidRoom();
  const holders = (await context.store.subscriptions.listOfRoom(room._id)).filter((s) =>
    (s.roles ?? []).some((r) => LISTED_ROOM_ROLES.includes(r)),
  );
  holders.sort((a, b) => compareBinary(a.u.username ?? '', b.u.username ?? ''));
  return holders.map((s) => ({ _id: s._id, rid: s.rid, u: s.u, roles: s.roles ?? [] }));
}

function compareBinary(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
