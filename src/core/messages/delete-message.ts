// chat.delete: Rocket.Chat's route checks, canDeleteMessageAsync and deleteMessage (Message_KeepHistory and
// Message_ShowDeletedStatus at their default, off: the message is removed).
import type { Context } from '../context.js';
import type { MessageDoc, RoomDoc, UserDoc } from '../documents.js';
import { knownValue } from '../settings/known-value.js';
import { hasRoomPermission, roomActor } from '../rooms/room-access.js';
import { messageErrors } from './message-errors.js';

export interface DeleteRequest {
  msgId: string;
  roomId: string;
  asUser?: boolean;
}

/** canDeleteMessageAsync, in its order: force-delete-message, then the setting, the permission and the limits. */
async function canDelete(context: Context, caller: UserDoc, message: MessageDoc): Promise<boolean> {
  const room = await context.store.rooms.findById(message.rid);
  if (!room) return false;
  const actor = await roomActor(context, caller, room);
  if (await hasRoomPermission(context, actor, 'force-delete-message')) return true;
  const settings = await context.settings.current();
  if (!knownValue(settings, 'Message_AllowDeleting')) return false;
  const allowed =
    (await hasRoomPermission(context, actor, 'delete-message')) ||
    (caller._id === message.u._id && (await hasRoomPermission(context, actor, 'delete-own-message')));
  if (!allowed) return false;
  if (!(await context.permissions.has(caller.roles, 'bypass-time-limit-edit-and-delete'))) {
    const blockAfter = knownValue(settings, 'Message_AllowDeleting_BlockDeleteInMinutes');
    if (blockAfter) {
      const elapsed = Math.round((context.clock().getTime() - Date.parse(message.ts)) / 60_000);
      return elapsed <= blockAfter;
    }
  }
  if (room.ro === true && !(await hasRoomPermission(context, actor, 'post-readonly'))) {
    // Rocket.Chat looks the message's author up in `unmuted` here, not the caller.
    const unmuted = Array.isArray(room.unmuted) ? (room.unmuted as unknown[]) : [];
    if (!unmuted.includes(message.u.username)) throw messageErrors.deleteReadOnly();
  }
  return true;
}

/**
 * Deletes the message; `asUser` deletes another's message as its author (force-delete-message). The room's
 * `msgs` drops by one and, when it was the room's last message, `lastMessage` becomes the newest remaining user
 * message (resetLastMessageById), in the same transaction. Returns what chat.delete answers.
 */
export async function deleteMessage(
  context: Context,
  caller: UserDoc,
  request: DeleteRequest,
): Promise<{ _id: string; ts: string; message: Pick<MessageDoc, '_id' | 'rid' | 'u'> }> {
  const { store } = context;
  const message = await store.messages.findById(request.msgId);
  if (!message) throw messageErrors.messageNotFound(request.msgId);
  if (request.roomId !== message.rid) throw messageErrors.roomMismatch();
  let deleter: UserDoc | null = caller;
  if (request.asUser === true && message.u._id !== caller._id) {
    const room = await store.rooms.findById(message.rid);
    const actor = room ? await roomActor(context, caller, room) : { user: caller, subscription: null };
    if (!(await hasRoomPermission(context, actor, 'force-delete-message'))) {
      throw messageErrors.forceDeleteRequired();
    }
    deleter = await store.users.findById(message.u._id);
  }
  if (!deleter || !(await canDelete(context, deleter, message))) throw messageErrors.deleteNotAllowed();
  const now = context.clock().toISOString();
  await store.messages.delete(message._id, (room, lastVisible) => {
    const next: RoomDoc = { ...room, msgs: Math.max(0, (typeof room.msgs === 'number' ? room.msgs : 0) - 1) };
    const last = room.lastMessage as { _id?: unknown } | undefined;
    if (!last || last._id === message._id) {
      if (lastVisible) next.lastMessage = lastVisible;
      else delete next.lastMessage;
    }
    return { ...next, _updatedAt: now };
  });
  return {
    _id: message._id,
    ts: String(context.clock().getTime()),
    message: { _id: message._id, rid: message.rid, u: message.u },
  };
}
