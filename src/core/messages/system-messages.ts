// Rocket.Chat's system messages (Message.saveSystemMessage → createWithTypeRoomIdMessageUserAndUnread): the
// "user joined", "added", "renamed", "role set" lines history shows, written in the transaction of their change.
import type { MessageDoc, UserDoc } from '../documents.js';
import { randomId } from '../ids.js';

/** The system message types Roster writes (MessageTypes in @rocket.chat/message-types). */
export type SystemMessageType =
  'uj' | 'ul' | 'au' | 'ru' | 'r' | 'subscription-role-added' | 'subscription-role-removed';

/** Every system message type Rocket.Chat registers that a client could try to send (isSystemMessage). */
const SYSTEM_TYPES: ReadonlySet<string> = new Set([
  'uj',
  'ul',
  'au',
  'ru',
  'r',
  'ut',
  'ujt',
  'ult',
  'rm',
  'user-muted',
  'user-unmuted',
  'subscription-role-added',
  'subscription-role-removed',
  'room-archived',
  'room-unarchived',
  'room_changed_privacy',
  'room_changed_topic',
  'room_changed_announcement',
  'room_changed_description',
  'room_changed_avatar',
  'room-removed-read-only',
  'room-set-read-only',
  'room-allowed-reacting',
  'room-disallowed-reacting',
  'message_pinned',
  'discussion-created',
  'e2e',
  'otr',
  'livechat-close',
  'livechat-started',
  'command',
]);

/** MessageTypes.isSystemMessage: a `t` Rocket.Chat registers as a system message. */
export function isSystemMessageType(t: unknown): boolean {
  return typeof t === 'string' && SYSTEM_TYPES.has(t);
}

/**
 * createWithTypeRoomIdMessageUserAndUnread: `{t, rid, ts, msg, u, groupable: false, ...extra}` and the model's
 * `_updatedAt`; `u` is who did it (the inviter, the renamer), `msg` whom or what it is about.
 */
export function systemMessage(
  type: SystemMessageType,
  rid: string,
  msg: string,
  actor: Pick<UserDoc, '_id' | 'username' | 'name'>,
  now: string,
  extra: Record<string, string> = {},
): MessageDoc {
  return {
    _id: randomId(),
    t: type,
    rid,
    ts: now,
    msg,
    u: {
      _id: actor._id,
      username: actor.username ?? '',
      ...(actor.name !== undefined ? { name: actor.name } : {}),
    },
    groupable: false,
    ...extra,
    _updatedAt: now,
  };
}
