// The rooms part of the error catalogue: Rocket.Chat's room and membership errors, texts verbatim from its source.
import { domainError, failure, RosterError, typedFailure } from '../../errors.js';

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

  // --- branch `rooms`: room roles, membership and settings (addRoomOwner & co., leaveRoom, joinRoom, saveRoomSettings).
  userAlready: (role: RoomRoleName): RosterError =>
    domainError(`error-user-already-${role}`, `User is already ${role === 'owner' ? 'an' : 'a'} ${role}`),
  userNot: (role: RoomRoleName): RosterError =>
    domainError(`error-user-not-${role}`, `User is not ${role === 'owner' ? 'an' : 'a'} ${role}`),
  /** removeRoomOwner: the room's only owner. */
  removeLastOwner: (): RosterError =>
    domainError(
      'error-remove-last-owner',
      'This is the last owner. Please set a new owner before removing this one.',
    ),
  /** leaveRoomMethod: the caller has no subscription. */
  youAreNotInRoom: (): RosterError => domainError('error-user-not-in-room', 'You are not in this room'),
  /** joinRoom: a join code is required and the one given is wrong. */
  invalidJoinCode: (): RosterError => domainError('error-code-invalid', 'Invalid Room Password'),
  /** saveRoomSettings without edit-room in the room. */
  editingRoomNotAllowed: (): RosterError =>
    domainError('error-action-not-allowed', 'Editing room is not allowed'),
  /** saveRoomSettings' `default` validator without view-room-administration. */
  viewingRoomAdministrationNotAllowed: (): RosterError =>
    domainError('error-action-not-allowed', 'Viewing room administration is not allowed'),
  /**
   * channels.setDefault: Rocket.Chat's `API.v1.failure(text, errorType)` with the two errorTypes swapped between
   * the "missing" and "same" cases. Kept as is.
   */
  setDefaultMissing: (): RosterError =>
    typedFailure('The bodyParam "default" is required', 'error-channels-setdefault-is-same'),
  setDefaultSame: (): RosterError =>
    typedFailure(
      'The channel default setting is the same as what it would be changed to.',
      'error-channels-setdefault-missing-default-param',
    ),
  /** findDirectMessageRoom without roomId or username. */
  directParamMissing: (): RosterError =>
    domainError('error-room-param-not-provided', 'Query param "roomId" or "username" is required'),
  directNotFound: (): RosterError =>
    domainError(
      'error-room-not-found',
      'The required "roomId" or "username" param provided does not match any direct message',
    ),
  /** The settings endpoints' `API.v1.failure(text)` answers (channels.ts / groups.ts). */
  bodyParamRequired: (param: string): RosterError => failure(`The bodyParam "${param}" is required`),
  sameValue: (what: string): RosterError =>
    failure(`The ${what} is the same as what it would be changed to.`),
  sameName: (): RosterError => failure('The channel name is the same as what it would be renamed to.'),
  /** saveRoomSettings' roomType validator. */
  toPublicNotAllowed: (): RosterError =>
    domainError('error-action-not-allowed', 'Changing a private group to a public channel is not allowed'),
  toPrivateNotAllowed: (): RosterError =>
    domainError('error-action-not-allowed', 'Changing a public channel to a private room is not allowed'),
  invalidRoomType: (): RosterError => domainError('error-invalid-room-type', 'Invalid room type'),
  /** archiveRoom / unarchiveRoom without archive-room / unarchive-room. */
  notAuthorized: (): RosterError => domainError('error-not-authorized', 'Not authorized'),
  directMessageArchive: (): RosterError =>
    domainError('error-direct-message-room', 'Direct Messages can not be archived'),
  /** rooms.info: `API.v1.failure('not-allowed', 'Not Allowed')`. */
  roomInfoNotAllowed: (): RosterError => typedFailure('not-allowed', 'Not Allowed'),
  updatedSinceInvalid: (): RosterError =>
    domainError(
      'error-updatedSince-param-invalid',
      'The "updatedSince" query parameter must be a valid date.',
    ),

  // --- branch `roomcalls`: open/close/favorite, addAll, online, custom fields, subscriptions.get (issue 21).
  /** findChannelByIdOrName / findPrivateGroupByIdOrName with checkedArchived. */
  roomArchived: (noun: 'channel' | 'private group', name: string): RosterError =>
    domainError('error-room-archived', `The ${noun}, ${name}, is archived`),
  /** toggleFavoriteMethod without a subscription. */
  notSubscribedToFavorite: (): RosterError =>
    domainError('error-invalid-subscription', 'You must be part of a room to favorite it'),
  favoriteParamRequired: (): RosterError => failure("The 'favorite' param is required"),
  /** toggleFavorite's `check(f, Match.Optional(Boolean))`, as a Match.Error reaches the REST envelope. */
  favoriteNotBoolean: (got: string): RosterError => failure(`Match error: Expected boolean, got ${got}`),
  roomIdParamRequired: (): RosterError => failure("The 'roomId' param is required"),
  /** channels.close / channels.open without a subscription (close's text lacks the closing quote, as in 8.5). */
  calleeNotInChannel: (name: string, closing: boolean): RosterError =>
    failure(`The user/callee is not in the channel "${name}${closing ? '.' : '".'}`),
  channelAlreadyClosed: (name: string): RosterError =>
    failure(`The channel, ${name}, is already closed to the sender`),
  channelAlreadyOpen: (name: string): RosterError =>
    failure(`The channel, ${name}, is already open to the sender`),
  groupAlreadyClosed: (name: string): RosterError =>
    failure(`The private group, ${name}, is already closed to the sender`),
  groupAlreadyOpen: (name: string): RosterError =>
    failure(`The private group, ${name}, is already open for the sender`),
  notSubscribedToRoom: (): RosterError => failure('The user is not subscribed to the room'),
  directAlreadyClosed: (): RosterError => failure('The direct message room, is already closed to the sender'),
  /**
   * addAllUserToRoomFn without add-all-to-room: `new Meteor.Error(403, 'Access to Method Forbidden')`, which the
   * API renders as a 400 whose errorType is the number 403.
   */
  addAllForbidden: (): RosterError =>
    new RosterError(400, {
      success: false,
      error: 'Access to Method Forbidden [403]',
      errorType: 403 as unknown as string,
    }),
  /** channels.online / groups.online without `_id` or `query`. */
  invalidQuery: (): RosterError => failure('Invalid query'),
  /** parseJsonQuery: `query` that is not JSON. */
  invalidQueryParameter: (raw: string): RosterError =>
    domainError('error-invalid-query', `Invalid query parameter provided: "${raw}"`),
  channelDoesNotExist: (): RosterError => failure('Channel does not exists'),
  groupDoesNotExist: (): RosterError => failure('Group does not exists'),
  /** channels.online / groups.online to a caller who cannot access the room. */
  onlineNotAllowed: (): RosterError => domainError('error-not-allowed', 'Not Allowed'),
  customFieldsRequired: (): RosterError =>
    failure('The bodyParam "customFields" is required with a type like object.'),
  /** saveRoomCustomFields: `Match.test(roomCustomFields, Object)` fails (an array). */
  invalidCustomFieldsType: (): RosterError =>
    domainError('invalid-roomCustomFields-type', 'Invalid roomCustomFields type'),
  /** subscriptions.get: its `updatedSince` check keeps the older parameter's name in the text. */
  lastUpdateInvalid: (): RosterError =>
    domainError('error-roomId-param-invalid', 'The "lastUpdate" query parameter must be a valid date.'),
};

export type RoomRoleName = 'owner' | 'moderator' | 'leader';

/** Rocket.Chat's escapeHTML: the five characters HTML gives meaning to. */
function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": '#x27' }[c]};`,
  );
}
