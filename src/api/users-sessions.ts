// The session contracts: users.logout and users.deactivateIdle (rest-typings 8.x).
import type { RequestOf } from './contract.js';

/** rest-typings `UserLogoutParamsPOST`: an optional `userId`, nothing else. */
export const USERS_LOGOUT_BODY = {
  type: 'object',
  properties: { userId: { type: 'string' } },
  additionalProperties: false,
} as const;
export type UsersLogoutBody = RequestOf<typeof USERS_LOGOUT_BODY>;

/** rest-typings `UserDeactivateIdleParamsPOST`: `daysIdle` (integer >= 0, required) and an optional `role`. */
export const USERS_DEACTIVATE_IDLE_BODY = {
  type: 'object',
  properties: { daysIdle: { type: 'integer', minimum: 0 }, role: { type: 'string' } },
  required: ['daysIdle'],
  additionalProperties: false,
} as const;
export type UsersDeactivateIdleBody = RequestOf<typeof USERS_DEACTIVATE_IDLE_BODY>;
