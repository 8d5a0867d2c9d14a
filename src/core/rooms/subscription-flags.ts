// A member's own flags on a room: Rocket.Chat's openRoom, hideRoomMethod and toggleFavoriteMethod, each one
// subscription write (the users.info cache drops the member's room list through the store's write).
import type { Context } from '../context.js';
import type { SubscriptionDoc, UserDoc } from '../documents.js';
import { roomErrors } from './room-errors.js';

async function rewrite(
  context: Context,
  rid: string,
  userId: string,
  change: (subscription: SubscriptionDoc, now: string) => SubscriptionDoc,
): Promise<SubscriptionDoc | null> {
  const now = context.clock().toISOString();
  return context.store.subscriptions.update(rid, userId, (subscription) => change(subscription, now));
}

/** openRoom: `Subscriptions.openByRoomIdAndUserId` — the room shows in the member's sidebar again. */
export async function openSubscription(context: Context, caller: UserDoc, rid: string): Promise<void> {
  await rewrite(context, rid, caller._id, (s, now) => ({ ...s, open: true, _updatedAt: now }));
}

/** hideRoomMethod: `Subscriptions.hideByRoomIdAndUserId` — `open: false` and `alert: false`. */
export async function hideSubscription(context: Context, caller: UserDoc, rid: string): Promise<void> {
  await rewrite(context, rid, caller._id, (s, now) => ({ ...s, alert: false, open: false, _updatedAt: now }));
}

/**
 * toggleFavoriteMethod: the caller must have a subscription ("You must be part of a room to favorite it");
 * `setFavoriteByRoomIdAndUserId(rid, uid, favorite = true)` sets `f`.
 */
export async function setFavorite(
  context: Context,
  caller: UserDoc,
  rid: string,
  favorite: boolean | undefined,
): Promise<void> {
  const written = await rewrite(context, rid, caller._id, (s, now) => ({
    ...s,
    f: favorite ?? true,
    _updatedAt: now,
  }));
  if (!written) throw roomErrors.notSubscribedToFavorite();
}
