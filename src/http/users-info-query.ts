// The users.info query schema of Rocket.Chat 8.5 (UsersInfoParamsGet), evaluated by AJV for byte-exact messages.
import { Ajv, type ValidateFunction } from 'ajv';
import { LOOKUP_KEYS, type LookupKey, type UsersInfoQuery } from '../core/users/users-info.js';

/** What each lookup key matches (users-info.md §4), with an example value; annotations only, AJV ignores them. */
const LOOKUP_DOCS: Record<LookupKey, { description: string; examples: string[] }> = {
  userId: {
    description: "The user's `_id` (or username, as Rocket.Chat matches both).",
    examples: ['5fRTXMt7DMJbpPJfh'],
  },
  username: { description: 'The exact, case-sensitive username.', examples: ['test.john'] },
  importId: {
    description: 'An id from an import; needs `view-full-other-user-info` unless it names the caller.',
    examples: ['legacy-42'],
  },
  email: {
    description:
      'An email address, case-insensitive; needs `view-full-other-user-info` unless it names the caller.',
    examples: ['test.john@test.com'],
  },
  freeSwitchExtension: { description: 'The FreeSwitch extension (Rocket.Chat 8.5).', examples: ['1234'] },
};

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
      [key]: { type: 'string', ...LOOKUP_DOCS[key] },
      includeUserRooms: {
        type: 'string',
        description:
          'Exactly `true` adds `user.rooms` for the caller themselves or with `view-other-user-channels`; any other value means no rooms.',
        examples: ['true'],
      },
      fields: { type: 'string', description: 'Accepted and ignored (removed in Rocket.Chat 7.0).' },
    },
  })),
} as const;

/**
 * Without `allErrors`, each branch stops at its first failing keyword and `anyOf` appends its own message, which
 * gives Rocket.Chat's texts. No coercion, no defaults, nothing removed: the query is checked as parsed by `qs`,
 * so a repeated or bracketed key (an array) fails with `must be string`.
 */
const ajv = new Ajv({
  allErrors: false,
  coerceTypes: false,
  useDefaults: false,
  removeAdditional: false,
  // The schema is this file's constant; checking it against JSON Schema's meta-schema costs start-up time only.
  validateSchema: false,
});

export const validateUsersInfoQuery: ValidateFunction<UsersInfoQuery> =
  ajv.compile<UsersInfoQuery>(USERS_INFO_QUERY_SCHEMA);
