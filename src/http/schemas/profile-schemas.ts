// The request schemas of the self-service profile and presence endpoints, as @rocket.chat/rest-typings 8.x defines
// them; for routes whose Rocket.Chat handler checks its input itself, the schema only documents it.
import type { PreferencesInput } from '../../core/users/user-preferences.js';
import type { RegisterInput } from '../../core/users/self-registration.js';
import type { PresenceQuery } from '../../core/users/user-presence-list.js';
import type { UserParams } from '../../core/users/user-delete.js';
import { paramsChecker } from '../params-schema.js';

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

/** `UsersSetPreferencesParamsPOST`. */
export const checkSetPreferences = paramsChecker<{ userId?: string | null; data: PreferencesInput }>({
  type: 'object',
  properties: {
    userId: nullableString,
    data: { type: 'object', properties: PREFERENCE_TYPES, required: [], additionalProperties: false },
  },
  required: ['data'],
  additionalProperties: false,
} as const);

/** `UsersCheckUsernameAvailabilityParamsGET`. */
export const checkUsernameQuery = paramsChecker<{ username: string }>({
  type: 'object',
  properties: { username: { type: 'string' } },
  required: ['username'],
  additionalProperties: false,
} as const);

/** `UserRegisterParamsPOST`. */
export const checkRegister = paramsChecker<RegisterInput>({
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
} as const);

/** `UsersPresenceParamsGET`. */
export const checkPresenceQuery = paramsChecker<PresenceQuery>({
  type: 'object',
  properties: {
    from: nullableString,
    // rest-typings adds `nullable: true`, which this AJV refuses without a `type`; a query string holds no null.
    ids: { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] },
  },
  additionalProperties: false,
} as const);

/**
 * users.getStatus / users.getPresence: Rocket.Chat's handlers read `userId`, `username` or `user` without a
 * schema; a non-string value is refused here instead of reaching a lookup.
 */
export const checkUserQuery = paramsChecker<UserParams>({
  type: 'object',
  properties: { userId: { type: 'string' }, username: { type: 'string' }, user: { type: 'string' } },
} as const);

/** users.setStatus documents `UsersSetStatusParamsPOST`; its handler runs Rocket.Chat's own Match check. */
export const SET_STATUS_SCHEMA = {
  type: 'object',
  properties: {
    status: { type: 'string', enum: ['online', 'away', 'offline', 'busy'] },
    message: { type: 'string' },
    userId: nullableString,
    username: nullableString,
    user: nullableString,
  },
  anyOf: [{ required: ['message'] }, { required: ['status'] }],
} as const;

/** `UsersDeleteOwnAccountParamsPOST`, documented; the handler checks as the 8.5 route does. */
export const DELETE_OWN_ACCOUNT_SCHEMA = {
  type: 'object',
  properties: { password: { type: 'string' }, confirmRelinquish: nullableBoolean },
  required: ['password'],
} as const;
