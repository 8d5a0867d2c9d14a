// subscriptions.unread: Rocket.Chat's unreadMessages, which moves the caller's last-seen mark back.
import type { Context } from '../context.js';
import type { UserDoc } from '../documents.js';
import { messageErrors } from './message-errors.js';

export interface UnreadRequest {
  roomId?: string;
  firstUnreadMessage?: { _id?: unknown; ts?: unknown };
}

/**
 * unreadMessages: by `roomId`, from the room's newest message; by `firstUnreadMessage`, from that message (not
 * one's own). Either way setAsUnreadByRoomIdAndUserId sets `open`, `alert` and `ls` (the message's `ts`) on the
 * caller's subscription — Rocket.Chat keeps `unread` as it is, and so does Roster.
 */
export async function markUnread(context: Context, caller: UserDoc, request: UnreadRequest): Promise<void> {
  const { store } = context;
  if (typeof request.roomId === 'string' && request.roomId !== '') {
    const [last] = (await store.messages.list({ rid: request.roomId, offset: 0, count: 1 })).messages;
    if (!last) throw messageErrors.noMessageForUnread();
    await setAsUnread(context, last.rid, caller._id, last.ts);
    return;
  }
  const id = request.firstUnreadMessage?._id;
  if (typeof id !== 'string') throw messageErrors.unreadNotAllowed();
  const message = await store.messages.findById(id);
  if (!message || message.u._id === caller._id) throw messageErrors.unreadNotAllowed();
  const subscription = await store.subscriptions.find(message.rid, caller._id);
  const lastSeen = typeof subscription?.ls === 'string' ? subscription.ls : undefined;
  if (!lastSeen) throw messageErrors.subscriptionNotFound();
  // "Provided message is already marked as unread": the client's own `ts` at or after the last-seen mark.
  const given = request.firstUnreadMessage?.ts;
  if (typeof given === 'string' && !Number.isNaN(Date.parse(given))) {
    if (new Date(Date.parse(given)).toISOString() >= lastSeen) return;
  }
  await setAsUnread(context, message.rid, caller._id, message.ts);
}

async function setAsUnread(context: Context, rid: string, userId: string, ts: string): Promise<void> {
  const now = context.clock().toISOString();
  await context.store.subscriptions.update(rid, userId, (subscription) => ({
    ...subscription,
    open: true,
    alert: true,
    ls: ts,
    _updatedAt: now,
  }));
}
