// The users.* admin contracts: request schemas as @rocket.chat/rest-typings 8.x (and 8.5's users.ts) define them.
import type { RequestOf } from './contract.js';
import { STORED_TEXT_PATTERN, withStoredStrings } from './stored-strings.js';

const string = { type: 'string' } as const;
const boolean = { type: 'boolean' } as const;
const strings = { type: 'array', items: string } as const;

/**
 * Rocket.Chat bounds neither name nor username by length; Roster caps both at 255 (README "Limits"). bio (260)
 * and nickname (120) are checked in core with Rocket.Chat's own errors (profile-bounds.ts).
 */
export const NAME_MAX_LENGTH = 255;
const name = { type: 'string', maxLength: NAME_MAX_LENGTH } as const;

/** The four presence values Rocket.Chat knows (`UserStatus`, minus its internal `disabled`). */
const status = { type: 'string', enum: ['online', 'away', 'busy', 'offline'] } as const;

/** Custom field values are checked in core (validateCustomFields); `pattern` only ever applies to strings. */
const customFields = { type: 'object', additionalProperties: { pattern: STORED_TEXT_PATTERN } } as const;

/** `UserCreateParamsPOST` (typed `body` in 8.5's users.ts), plus `phones`. */
export const USERS_CREATE_BODY = withStoredStrings({
  type: 'object',
  properties: {
    email: string,
    name,
    password: string,
    username: name,
    active: boolean,
    bio: string,
    nickname: string,
    statusText: string,
    roles: strings,
    joinDefaultChannels: boolean,
    requirePasswordChange: boolean,
    setRandomPassword: boolean,
    sendWelcomeEmail: boolean,
    verified: boolean,
    customFields,
    fields: string,
    freeSwitchExtension: string,
    phones: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          number: string,
          label: { type: 'string', maxLength: 50 },
          primary: boolean,
          verified: boolean,
        },
        required: ['number'],
        additionalProperties: false,
      },
    },
  },
  required: ['email', 'name', 'password', 'username'],
  additionalProperties: false,
} as const);
export type UsersCreateBody = RequestOf<typeof USERS_CREATE_BODY>;

/** `UsersUpdateParamsPOST` (typed `body`), plus `freeSwitchExtension`, which Roster stores and users.info looks up. */
export const USERS_UPDATE_BODY = withStoredStrings({
  type: 'object',
  properties: {
    userId: string,
    confirmRelinquish: boolean,
    data: {
      type: 'object',
      properties: {
        email: string,
        name,
        password: string,
        username: name,
        bio: string,
        nickname: string,
        statusText: string,
        status,
        active: boolean,
        joinDefaultChannels: boolean,
        requirePasswordChange: boolean,
        setRandomPassword: boolean,
        sendWelcomeEmail: boolean,
        verified: boolean,
        roles: strings,
        customFields,
        freeSwitchExtension: string,
      },
      additionalProperties: false,
    },
  },
  required: ['userId', 'data'],
  additionalProperties: false,
} as const);
export type UsersUpdateBody = RequestOf<typeof USERS_UPDATE_BODY>;

/** `UsersUpdateOwnBasicInfoParamsPOST` (typed `body`), with the bounds of users.update (security F7, F12). */
export const USERS_UPDATE_OWN_BASIC_INFO_BODY = withStoredStrings({
  type: 'object',
  properties: {
    data: {
      type: 'object',
      properties: {
        email: string,
        name,
        username: name,
        nickname: string,
        statusText: string,
        statusType: string,
        currentPassword: string,
        newPassword: string,
        bio: string,
      },
      additionalProperties: false,
    },
    customFields,
  },
  required: ['data'],
  additionalProperties: false,
} as const);
export type UsersUpdateOwnBasicInfoBody = RequestOf<typeof USERS_UPDATE_OWN_BASIC_INFO_BODY>;

/** `UserSetActiveStatusParamsPOST` (typed `body`). */
export const USERS_SET_ACTIVE_STATUS_BODY = {
  type: 'object',
  properties: { userId: string, activeStatus: boolean, confirmRelinquish: boolean },
  required: ['userId', 'activeStatus'],
  additionalProperties: false,
} as const;
export type UsersSetActiveStatusBody = RequestOf<typeof USERS_SET_ACTIVE_STATUS_BODY>;

/**
 * users.delete's typed `body` in 8.5's users.ts: one of userId / username / user, and no other key. The
 * properties come first so a wrong type reads "must be string" before the missing-key branches.
 */
export const USERS_DELETE_BODY = {
  type: 'object',
  properties: {
    userId: string,
    username: string,
    user: string,
    confirmRelinquish: { type: 'boolean', nullable: true },
  },
  anyOf: [{ required: ['userId'] }, { required: ['username'] }, { required: ['user'] }],
  additionalProperties: false,
} as const;
export type UsersDeleteBody = RequestOf<typeof USERS_DELETE_BODY>;

/** `UsersListParamsGET` (8.4+): `email` (minLength 1) and no other keys (`additionalProperties: false`). */
export const USERS_LIST_QUERY = {
  type: 'object',
  properties: {
    count: string,
    offset: string,
    sort: string,
    query: string,
    fields: string,
    email: { type: 'string', minLength: 1 },
  },
  additionalProperties: false,
} as const;
export type UsersListQuery = RequestOf<typeof USERS_LIST_QUERY>;

/** `UsersListStatusParamsGET`: `hasLoggedIn` a boolean, `inactiveReason` an enum list, no other keys. */
export const USERS_LIST_BY_STATUS_QUERY = {
  type: 'object',
  properties: {
    count: string,
    offset: string,
    sort: string,
    status: string,
    hasLoggedIn: { type: 'string', enum: ['true', 'false'] },
    type: string,
    roles: strings,
    searchTerm: string,
    inactiveReason: {
      type: 'array',
      items: { type: 'string', enum: ['deactivated', 'pending_approval', 'idle_too_long'] },
    },
  },
  additionalProperties: false,
} as const;
export type UsersListByStatusQuery = RequestOf<typeof USERS_LIST_BY_STATUS_QUERY>;
