// Sending a message: Rocket.Chat's canSendMessage (validateRoomMessagePermissionsAsync), validateMessage,
// prepareMessageObject, the mentions callback and notifyUsersOnMessage, stored as one transaction.
import { ConflictError } from '../../errors.js';
import type { Context } from '../context.js';
import type { Json, MessageDoc, RoomDoc, UserDoc } from '../documents.js';
import { randomId } from '../ids.js';
import { knownValue } from '../settings/known-value.js';
import { canAccessRoom, hasRoomPermission, roomActor } from '../rooms/room-access.js';
import { resolveMentions } from './mentions.js';
import { messageErrors } from './message-errors.js';
import { unreadPlan, type UnreadCountSetting } from './unread-plan.js';

/** A message as a route hands it over: its text, an optional `_id` and the other stored fields in order. */
export interface OutgoingMessage {
  _id?: string;
  msg: string;
  /** Fields stored before `msg`'s companions (alias, attachments, parseUrls, groupable, emoji, avatar, …). */
  fields?: Readonly<Record<string, Json>>;
}

/**
 * validateRoomMessagePermissionsAsync: the room is readable to the caller (canAccessRoom), a direct message is
 * not blocked, a read-only room needs post-readonly (or the caller unmuted), a muted caller may not post.
 * Roster also refuses an archived room.
 */
export async function assertCanSend(context: Context, caller: UserDoc, room: RoomDoc): Promise<void> {
  const actor = await roomActor(context, caller, room);
  if (!canAccessRoom(room, actor)) throw messageErrors.notAllowed();
  if (room.t === 'd' && (actor.subscription?.blocked === true || actor.subscription?.blocker === true)) {
    throw messageErrors.roomIsBlocked();
  }
  if (room.archived === true) throw messageErrors.archived();
  const username = caller.username ?? '';
  const listed = (field: string) =>
    Array.isArray(room[field]) && (room[field] as unknown[]).includes(username);
  if (room.ro === true && !(await hasRoomPermission(context, actor, 'post-readonly'))) {
    if (username && !listed('unmuted')) throw messageErrors.readOnly();
  }
  if (username && listed('muted')) throw messageErrors.muted();
}

/** canSendMessageAsync: the room by id (`error-invalid-room` when there is none) the caller may post in. */
export async function findSendableRoom(context: Context, caller: UserDoc, rid: string): Promise<RoomDoc> {
  const room = await context.store.rooms.findById(rid);
  if (!room) throw messageErrors.invalidRoom();
  await assertCanSend(context, caller, room);
  return room;
}

/**
 * sendMessage: alias / avatar need message-impersonate in the room; the message gets `ts`, `u`, `rid`, its
 * `mentions` and `channels`; then, in one transaction, it is stored, the room's `msgs`, `lm` and `lastMessage`
 * move on (incMsgCountAndSetLastMessageById) and the other members' subscriptions are raised (unread-plan.ts).
 */
export async function sendMessage(
  context: Context,
  caller: UserDoc,
  room: RoomDoc,
  outgoing: OutgoingMessage,
): Promise<MessageDoc> {
  const fields = outgoing.fields ?? {};
  if (fields.alias || fields.avatar) {
    const actor = await roomActor(context, caller, room);
    if (!(await hasRoomPermission(context, actor, 'message-impersonate')))
      throw messageErrors.impersonation();
  }
  const now = context.clock().toISOString();
  const message: MessageDoc = {
    ...(outgoing._id !== undefined ? { _id: outgoing._id } : {}),
    ...fields,
    msg: outgoing.msg,
    ts: now,
    u: {
      _id: caller._id,
      username: caller.username ?? '',
      ...(caller.name !== undefined ? { name: caller.name } : {}),
    },
    rid: room._id,
    ...(await resolveMentions(context.store, outgoing.msg)),
    _updatedAt: now,
    _id: outgoing._id ?? randomId(),
  };
  const settings = await context.settings.current();
  const setting = (
    room.t === 'd' ? knownValue(settings, 'Unread_Count_DM') : knownValue(settings, 'Unread_Count')
  ) as UnreadCountSetting;
  try {
    const posted = await context.store.messages.post({
      message,
      senderId: caller._id,
      room: (current) => ({
        ...current,
        msgs: (typeof current.msgs === 'number' ? current.msgs : 0) + 1,
        lm: now,
        lastMessage: message,
        _updatedAt: now,
      }),
      ...unreadPlan(message, room.t, setting),
    });
    if (!posted) throw messageErrors.invalidRoom();
  } catch (error) {
    if (error instanceof ConflictError && error.field === 'id') throw messageErrors.duplicateId();
    throw error;
  }
  return message;
}

/** Message_MaxAllowedSize, as both chat routes read it. */
export async function maxMessageSize(context: Context): Promise<number> {
  return knownValue(await context.settings.current(), 'Message_MaxAllowedSize');
}
