// The messages part of the error catalogue: chat.*, history and subscriptions.unread, texts verbatim from Rocket.Chat.
import { domainError, failure, RosterError } from '../../errors.js';

/** A Meteor.Error thrown without a reason: its message is only `[<errorType>]`. */
function bareMeteorError(errorType: string): RosterError {
  return new RosterError(400, { success: false, error: `[${errorType}]`, errorType });
}

export const messageErrors = {
  /** chat.postMessage: `API.v1.failure('error-message-size-exceeded')` (text longer than Message_MaxAllowedSize). */
  postSizeExceeded: (): RosterError => failure('error-message-size-exceeded'),
  /** executeSendMessage's Message_MaxAllowedSize check. */
  sendSizeExceeded: (): RosterError =>
    domainError('error-message-size-exceeded', 'Message size exceeds Message_MaxAllowedSize'),
  /** processWebhookMessage / getRoomByNameOrIdWithOptionToJoin: no room by that id, name or user. */
  invalidChannel: (): RosterError => bareMeteorError('invalid-channel'),
  /** canSendMessage's plain `Error`s, rendered as `API.v1.failure(message)`. */
  invalidRoom: (): RosterError => failure('error-invalid-room'),
  notAllowed: (): RosterError => failure('error-not-allowed'),
  roomIsBlocked: (): RosterError => failure('room_is_blocked'),
  readOnly: (): RosterError => failure("You can't send messages because the room is readonly."),
  muted: (): RosterError => failure('You_have_been_muted'),
  /** Roster's own: an archived room takes no new messages (README, "Differences from Rocket.Chat"). */
  archived: (): RosterError => failure('error-room-archived'),
  /** validateMessage: alias or avatar without message-impersonate (a plain `Error`). */
  impersonation: (): RosterError => failure('Not enough permission'),
  /** executeSendMessage with a `tmid` while Threads_enabled is off: Roster has no threads. */
  threadsDisabled: (): RosterError => domainError('error-not-allowed', 'not-allowed'),
  systemMessage: (): RosterError => failure("Cannot send system messages using 'chat.sendMessage'"),
  /** Roster's own: chat.sendMessage with the `_id` of a stored message (Rocket.Chat silently sends nothing). */
  duplicateId: (): RosterError => domainError('error-duplicate-message-id', 'A message with this _id exists'),
  /** executeSendMessage: the sender has no username. */
  invalidUser: (): RosterError => domainError('error-invalid-user', 'Invalid user'),

  // chat.delete (chat.ts) and deleteMessageValidatingPermission.
  messageNotFound: (id: string): RosterError => failure(`No message found with the id of "${id}".`),
  roomMismatch: (): RosterError => failure('The room id provided does not match where the message is from.'),
  forceDeleteRequired: (): RosterError =>
    failure(
      'Unauthorized. You must have the permission "force-delete-message" to delete other\'s message as them.',
    ),
  deleteNotAllowed: (): RosterError => domainError('error-action-not-allowed', 'Not allowed'),
  deleteReadOnly: (): RosterError => failure("You can't delete messages because the room is readonly."),

  // History (getChannelHistory) and subscriptions.unread (unreadMessages).
  /** `API.v1.forbidden()` without a message. */
  historyForbidden: (): RosterError => new RosterError(403, { success: false, error: 'unauthorized' }),
  invalidDate: (): RosterError => domainError('error-invalid-date', 'Invalid date'),
  noMessageForUnread: (): RosterError =>
    domainError('error-no-message-for-unread', 'There are no messages to mark unread'),
  unreadNotAllowed: (): RosterError => domainError('error-action-not-allowed', 'Not allowed'),
  subscriptionNotFound: (): RosterError =>
    domainError('error-subscription-not-found', 'Subscription not found'),
};
