// Room-scoped permission checks: the caller's global roles plus the room roles on their subscription, as
// Rocket.Chat's hasPermission(userId, permission, rid) resolves them.
import type { Context } from '../context.js';
import type { RoomDoc, SubscriptionDoc, UserDoc } from '../documents.js';
import type { PermissionId } from '../setup/defaults.js';

export interface RoomActor {
  user: UserDoc;
  /** The actor's subscription to the room, or null when not a member. */
  subscription: SubscriptionDoc | null;
}

export async function roomActor(context: Context, user: UserDoc, room: RoomDoc): Promise<RoomActor> {
  return { user, subscription: await context.store.subscriptions.find(room._id, user._id) };
}

/** True when a global role or a room role of the actor holds `permission` (e.g. an `owner` holding delete-c). */
export async function hasRoomPermission(
  context: Context,
  actor: RoomActor,
  permission: PermissionId,
): Promise<boolean> {
  const roles = [...(actor.user.roles ?? []), ...(actor.subscription?.roles ?? [])];
  return context.permissions.has(roles, permission);
}

/** canAccessRoom: anyone may see a public channel; any other room needs a subscription. */
export function canAccessRoom(room: RoomDoc, actor: RoomActor): boolean {
  return room.t === 'c' || actor.subscription !== null;
}
