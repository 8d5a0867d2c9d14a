// The self-service users.* contracts (preferences, username, registration, own account, avatars), as rest-typings 8.x defines them.
import type { RequestOf } from './contract.js';

const nullableString = { type: 'string', nullable: true } as const;
const nullableBoolean = { type: 'boolean', nullable: true } as const;
const nullableNumber = { type: 'number', nullable: true } as const;

/** UsersSetPreferenceParamsPOST's `data` keys and their types. */
const PREFERENCE_TYPES = {
  newRoomNotification: nullableString,
  newMessageNotification: nullableString,
  clockMode: nullableNumber,
  useEmojis: nullableBoolean,
  convertAsciiEmoji: nullableBoolean,
  alsoSendThreadToChannel: { type: 'string', enum: ['default', 'always', 'never'], nullable: true },
  saveMobileBandwidth: nullableBoolean,
  collapseMediaByDefault: nullableBoolean,
  autoImageLoad: nullableBoolean,
  emailNotificationMode: nullableString,
  unreadAlert: nullableBoolean,
  notificationsSoundVolume: nullableNumber,
  desktopNotifications: nullableString,
  pushNotifications: nullableString,
  enableAutoAway: nullableBoolean,
  highlights: { type: 'array', items: { type: 'string' }, nullable: true },
  desktopNotificationRequireInteraction: nullableBoolean,
  messageViewMode: nullableNumber,
  hideUsernames: nullableBoolean,
  hideRoles: nullableBoolean,
  displayAvatars: nullableBoolean,
  hideFlexTab: nullableBoolean,
  sendOnEnter: nullableString,
  language: nullableString,
  sidebarShowFavorites: nullableBoolean,
  sidebarShowUnread: nullableBoolean,
  sidebarSortby: nullableString,
  sidebarViewMode: nullableString,
  sidebarDisplayAvatar: nullableBoolean,
  sidebarGroupByType: nullableBoolean,
  muteFocusedConversations: nullableBoolean,
  dontAskAgainList: {
    type: 'array',
    items: { type: 'object', properties: { action: { type: 'string' }, label: { type: 'string' } } },
    nullable: true,
  },
  useLegacyMessageTemplate: nullableBoolean,
  receiveLoginDetectionEmail: nullableBoolean,
  idleTimeLimit: nullableNumber,
} as const;

/** `UsersSetPreferencesParamsPOST` (typed `body` in 8.5's users.ts). */
export const USERS_SET_PREFERENCES_BODY = {
  type: 'object',
  properties: {
    userId: nullableString,
    data: { type: 'object', properties: PREFERENCE_TYPES, required: [], additionalProperties: false },
  },
  required: ['data'],
  additionalProperties: false,
} as const;
export type UsersSetPreferencesBody = RequestOf<typeof USERS_SET_PREFERENCES_BODY>;

/** `UsersCheckUsernameAvailabilityParamsGET` (typed `query`). */
export const USERS_CHECK_USERNAME_QUERY = {
  type: 'object',
  properties: { username: { type: 'string' } },
  required: ['username'],
  additionalProperties: false,
} as const;
export type UsersCheckUsernameQuery = RequestOf<typeof USERS_CHECK_USERNAME_QUERY>;

/** `UserRegisterParamsPOST` (typed `body`). */
export const USERS_REGISTER_BODY = {
  type: 'object',
  properties: {
    username: { type: 'string' },
    name: nullableString,
    email: { type: 'string' },
    pass: { type: 'string' },
    secret: nullableString,
    reason: nullableString,
    customFields: { type: 'object', nullable: true },
  },
  required: ['username', 'email', 'pass'],
  additionalProperties: false,
} as const;
export type UsersRegisterBody = RequestOf<typeof USERS_REGISTER_BODY>;

/** users.deleteOwnAccount's body (8.5's users.ts), documented; the handler checks as the 8.5 route does. */
export const USERS_DELETE_OWN_ACCOUNT_BODY = {
  type: 'object',
  properties: { password: { type: 'string' }, confirmRelinquish: nullableBoolean },
  required: ['password'],
} as const;

/** rest-typings `UsersSetAvatarSchema` (the JSON body; a multipart body carries `image`). */
export const USERS_SET_AVATAR_BODY = {
  type: 'object',
  properties: {
    userId: { type: 'string', nullable: true },
    username: { type: 'string', nullable: true },
    avatarUrl: { type: 'string', nullable: true },
  },
  required: [],
  additionalProperties: false,
} as const;
export type UsersSetAvatarBody = RequestOf<typeof USERS_SET_AVATAR_BODY>;

/** users.resetAvatar's body (8.5's users.ts; rest-typings `UsersResetAvatarSchema`). */
export const USERS_RESET_AVATAR_BODY = {
  type: 'object',
  properties: {
    userId: { type: 'string', nullable: true },
    username: { type: 'string', nullable: true },
  },
  required: [],
  additionalProperties: false,
} as const;
export type UsersResetAvatarBody = RequestOf<typeof USERS_RESET_AVATAR_BODY>;

/** rest-typings `UsersGetAvatarParamsGetSchema` (8.5's users.getAvatar reads it without a schema). */
export const USERS_GET_AVATAR_QUERY = {
  type: 'object',
  properties: { userId: { type: 'string' }, username: { type: 'string' }, user: { type: 'string' } },
  additionalProperties: false,
} as const;
export type UsersGetAvatarQuery = RequestOf<typeof USERS_GET_AVATAR_QUERY>;
