// The users.info query schema of Rocket.Chat 8.5 (UsersInfoParamsGet), evaluated by AJV for byte-exact messages.
import { Ajv, type ValidateFunction } from 'ajv';
import { LOOKUP_KEYS, type UsersInfoQuery } from '../core/users-info.js';

/**
 * One branch per lookup key, in Rocket.Chat's order. Each branch is an object with its key required, no other
 * key than `includeUserRooms`/`fields`, and every value a string. The keys are written in the order AJV checks
 * them (type → required → additionalProperties → properties), which its rule order fixes anyway.
 */
export const USERS_INFO_QUERY_SCHEMA = {
  anyOf: LOOKUP_KEYS.map((key) => ({
    type: 'object',
    required: [key],
    additionalProperties: false,
    properties: {
      [key]: { type: 'string' },
      includeUserRooms: { type: 'string' },
      fields: { type: 'string' },
    },
  })),
} as const;

/**
 * Without `allErrors`, each branch stops at its first failing keyword and `anyOf` appends its own message, which
 * gives Rocket.Chat's texts. No coercion, no defaults, nothing removed: the query is checked as parsed by `qs`,
 * so a repeated or bracketed key (an array) fails with `must be string`.
 */
const ajv = new Ajv({ allErrors: false, coerceTypes: false, useDefaults: false, removeAdditional: false });

export const validateUsersInfoQuery: ValidateFunction<UsersInfoQuery> =
  ajv.compile<UsersInfoQuery>(USERS_INFO_QUERY_SCHEMA);
