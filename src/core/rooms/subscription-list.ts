// subscriptions.get and subscriptions.getOne: Rocket.Chat's `subscriptions/get` method and
// Subscriptions.findOneByRoomIdAndUserId for the caller.
import type { Context } from '../context.js';
import type { SubscriptionDoc, UserDoc } from '../documents.js';
import { roomErrors } from './room-errors.js';

/**
 * The caller's subscriptions; with `updatedSince` (a date Date.parse accepts), only those whose `_updatedAt` is
 * later. `remove` lists Rocket.Chat's trash of deleted subscriptions; Roster keeps no trash, so it is empty.
 */
export async function subscriptionsOf(
  context: Context,
  caller: UserDoc,
  updatedSince: string | undefined,
): Promise<{ update: SubscriptionDoc[]; remove: [] }> {
  let after: string | undefined;
  if (updatedSince !== undefined && updatedSince !== '') {
    const parsed = Date.parse(updatedSince);
    if (Number.isNaN(parsed)) throw roomErrors.lastUpdateInvalid();
    after = new Date(parsed).toISOString();
  }
  const all = await context.store.subscriptions.listOfUser(caller._id);
  const update =
    after === undefined ? all : all.filter((s) => typeof s._updatedAt === 'string' && s._updatedAt > after);
  return { update, remove: [] };
}

/** subscriptions.getOne: the caller's subscription to the room, or null. */
export async function subscriptionOf(
  context: Context,
  caller: UserDoc,
  roomId: string,
): Promise<SubscriptionDoc | null> {
  if (roomId === '') throw roomErrors.roomIdParamRequired();
  return context.store.subscriptions.find(roomId, caller._id);
}
