// The rooms part of the error catalogue: Rocket.Chat's room and membership errors, texts verbatim from its source.
import { domainError, RosterError } from '../../errors.js';

export const roomErrors = {
  /** addAllUsersToRoom and friends: more users than `API_User_Limit` in one request. */
  userLimitExceeded: (): RosterError => domainError('error-user-limit-exceeded', 'User Limit Exceeded'),
  /** getValidRoomName: the name (HTML-escaped) fails UTF8_Channel_Names_Validation or is a blocked name. */
  invalidRoomName: (name: string): RosterError =>
    domainError('error-invalid-room-name', `${escapeHtml(name)} is not a valid room name.`),
  duplicateName: (name: string): RosterError =>
    domainError('error-duplicate-channel-name', `A channel with name '${escapeHtml(name)}' exists`),
  /** createRoom: a name that is empty once trimmed. */
  invalidName: (): RosterError => domainError('error-invalid-name', 'Invalid name'),
  invalidRoom: (): RosterError => domainError('error-invalid-room', 'Invalid room'),
  invalidUser: (): RosterError => domainError('error-invalid-user', 'Invalid user'),
  channelNotFound: (): RosterError =>
    domainError(
      'error-room-not-found',
      'The required "roomId" or "roomName" param provided does not match any channel',
    ),
  groupNotFound: (): RosterError =>
    domainError(
      'error-room-not-found',
      'The required "roomId" or "roomName" param provided does not match any group',
    ),
  /** channels.* without roomId/roomName (findChannelByIdOrName). */
  channelParamMissing: (): RosterError =>
    domainError('error-roomid-param-not-provided', 'The parameter "roomId" or "roomName" is required'),
  /** groups.* without roomId/roomName (getRoomFromParams). */
  groupParamMissing: (): RosterError =>
    domainError('error-room-param-not-provided', 'The parameter "roomId" or "roomName" is required'),
  userParamMissing: (): RosterError =>
    domainError(
      'error-user-param-not-provided',
      'The required "userId" or "username" param was not provided',
    ),
  userNotFound: (): RosterError =>
    domainError(
      'error-invalid-user',
      'The required "userId" or "username" param provided does not match any users',
    ),
  /**
   * channels.invite with no resolvable user: Rocket.Chat calls `failure('invalid-user-invite-list', 'Cannot
   * invite if no users are provided')` with the arguments swapped, so the text lands in `errorType`. Kept as is.
   */
  emptyChannelInviteList: (): RosterError =>
    new RosterError(400, {
      success: false,
      error: 'invalid-user-invite-list',
      errorType: 'Cannot invite if no users are provided',
    }),
  emptyGroupInviteList: (): RosterError =>
    domainError('error-empty-invite-list', 'Cannot invite if no valid users are provided'),
  userNotInRoom: (): RosterError => domainError('error-user-not-in-room', 'User is not in this room'),
  lastOwner: (): RosterError =>
    domainError(
      'error-you-are-last-owner',
      'You are the last owner. Please set new owner before leaving the room.',
    ),
  roomDoesNotExist: (): RosterError => domainError('error-room-does-not-exist', 'This room does not exist'),
  notAllowed: (): RosterError => domainError('error-not-allowed', 'Not allowed'),
  tooManyDirectMessageUsers: (max: number): RosterError =>
    domainError(
      'error-direct-message-max-user-exceeded',
      `You cannot add more than ${max} users, including yourself to a direct message`,
    ),
  usersParamMissing: (): RosterError =>
    domainError(
      'error-users-params-not-provided',
      'Please provide "userId" or "username" or "userIds" or "usernames" as param',
    ),
};

/** Rocket.Chat's escapeHTML: the five characters HTML gives meaning to. */
function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": '#x27' }[c]};`,
  );
}
