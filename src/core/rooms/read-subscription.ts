// subscriptions.read: Rocket.Chat's readMessages, which clears the caller's unread state in a room.
import type { Context } from '../context.js';
import type { UserDoc } from '../documents.js';
import { canAccessRoom, roomActor } from './room-access.js';
import { roomErrors } from './room-errors.js';

/** Marks the room read for `caller`: unread, mentions and alert cleared, `ls` (last seen) now. */
export async function readSubscription(context: Context, caller: UserDoc, rid: string): Promise<void> {
  const room = await context.store.rooms.findById(rid);
  if (!room) throw roomErrors.roomDoesNotExist();
  const actor = await roomActor(context, caller, room);
  if (!canAccessRoom(room, actor)) throw roomErrors.notAllowed();
  if (!actor.subscription) return;
  const now = context.clock().toISOString();
  await context.store.subscriptions.update(rid, caller._id, (subscription) => ({
    ...subscription,
    alert: false,
    unread: 0,
    userMentions: 0,
    groupMentions: 0,
    ls: now,
    _updatedAt: now,
  }));
}
