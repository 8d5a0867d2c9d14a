// The request schemas of the users.* admin endpoints, as @rocket.chat/rest-typings 8.x defines them.
import type { CreateUserInput } from '../../core/users/user-create.js';
import type { ListByStatusParams, ListUsersParams } from '../../core/users/user-list.js';
import type { UserParams } from '../../core/users/user-delete.js';
import type { UpdateUserData } from '../../core/users/user-update.js';
import type { OwnBasicInfo } from '../../core/users/own-basic-info.js';
import type { Json } from '../../core/documents.js';
import { paramsChecker } from '../params-schema.js';
import { STORED_TEXT_PATTERN, withStoredStrings } from './stored-strings.js';

const string = { type: 'string' };
const boolean = { type: 'boolean' };
const strings = { type: 'array', items: string };

/**
 * Rocket.Chat bounds neither name nor username by length; Roster caps both at 255 (README "Limits"). bio (260)
 * and nickname (120) are checked in core with Rocket.Chat's own errors (profile-bounds.ts).
 */
export const NAME_MAX_LENGTH = 255;
const name = { type: 'string', maxLength: NAME_MAX_LENGTH };

/** The four presence values Rocket.Chat knows (`UserStatus`, minus its internal `disabled`). */
const status = { type: 'string', enum: ['online', 'away', 'busy', 'offline'] };

/** Custom field values are checked in core (validateCustomFields); `pattern` only ever applies to strings. */
const customFields = { type: 'object', additionalProperties: { pattern: STORED_TEXT_PATTERN } };

/** `UserCreateParamsPOST`. */
export const checkCreateUser = paramsChecker<CreateUserInput & { joinDefaultChannels?: boolean }>(
  withStoredStrings({
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
  }),
);

/** `UsersUpdateParamsPOST` (plus `freeSwitchExtension`, which Roster stores and users.info looks up). */
export const checkUpdateUser = paramsChecker<{
  userId: string;
  data: UpdateUserData;
  confirmRelinquish?: boolean;
}>(
  withStoredStrings({
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
  }),
);

/** `UsersUpdateOwnBasicInfoParamsPOST`, with the bounds of users.update (security F7, F12). */
export const checkUpdateOwnBasicInfo = paramsChecker<{
  data: OwnBasicInfo;
  customFields?: Record<string, Json>;
}>(
  withStoredStrings({
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
  }),
);

/** `UserSetActiveStatusParamsPOST`. */
export const checkSetActiveStatus = paramsChecker<{
  userId: string;
  activeStatus: boolean;
  confirmRelinquish?: boolean;
}>({
  type: 'object',
  properties: { userId: string, activeStatus: boolean, confirmRelinquish: boolean },
  required: ['userId', 'activeStatus'],
  additionalProperties: false,
});

/** users.delete has no schema in Rocket.Chat; Roster still refuses non-string user params. */
export const checkDeleteUser = paramsChecker<UserParams & { confirmRelinquish?: boolean }>({
  type: 'object',
  properties: { userId: string, username: string, user: string, confirmRelinquish: boolean },
});

/** `UsersListParamsGET` (8.4+): `email` (minLength 1) and no other keys (`additionalProperties: false`). */
export const checkListUsers = paramsChecker<ListUsersParams>({
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
});

/** `UsersListStatusParamsGET`: `hasLoggedIn` a boolean, `inactiveReason` an enum list, no other keys. */
export const checkListUsersByStatus = paramsChecker<ListByStatusParams>({
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
});
