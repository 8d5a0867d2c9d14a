// The presence contracts: users.setStatus, users.getStatus / users.getPresence and users.presence (rest-typings 8.x).
import type { RequestOf } from './contract.js';

const nullableString = { type: 'string', nullable: true } as const;

/** `UsersPresenceParamsGET` (typed `query` in 8.5's users.ts). */
export const USERS_PRESENCE_QUERY = {
  type: 'object',
  properties: {
    from: nullableString,
    // rest-typings says `type: ['string', 'array']`; the same two forms, written as branches.
    ids: { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] },
  },
  additionalProperties: false,
} as const;
export type UsersPresenceQuery = RequestOf<typeof USERS_PRESENCE_QUERY>;

/**
 * users.getStatus / users.getPresence: `userId`, `username` or `user` and no other key (rest-typings
 * `UsersGetStatusParamsGET` / `UsersGetPresenceParamsGET`, typed `query` in 8.5's users.ts).
 */
export const USERS_USER_QUERY = {
  type: 'object',
  properties: { userId: { type: 'string' }, username: { type: 'string' }, user: { type: 'string' } },
  additionalProperties: false,
} as const;
export type UsersUserQuery = RequestOf<typeof USERS_USER_QUERY>;

/** users.setStatus documents `UsersSetStatusParamsPOST`; its handler runs Rocket.Chat's own Match check. */
export const USERS_SET_STATUS_BODY = {
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
