// Roster's own extensions (roster.*): roster.users.lookup's body and roster.audit.lookups' query.
import type { RequestOf } from './contract.js';

/** At most this many lookups per roster.users.lookup call (README "Beyond Rocket.Chat"). */
export const MAX_LOOKUP_KEYS = 100;

const lookupValue = { type: 'string', minLength: 1 } as const;

/** Each entry is an object with exactly one users.info lookup key (LOOKUP_KEYS), a non-empty string. */
export const USERS_LOOKUP_BODY = {
  type: 'object',
  required: ['users'],
  additionalProperties: false,
  properties: {
    users: {
      type: 'array',
      maxItems: MAX_LOOKUP_KEYS,
      description: 'The lookups, answered in this order; each exactly one users.info lookup key.',
      items: {
        type: 'object',
        minProperties: 1,
        maxProperties: 1,
        additionalProperties: false,
        properties: {
          userId: lookupValue,
          username: lookupValue,
          importId: lookupValue,
          email: lookupValue,
          freeSwitchExtension: lookupValue,
        },
      },
    },
    includeUserRooms: {
      type: 'boolean',
      description: "users.info's `includeUserRooms=true` for every entry.",
    },
  },
} as const;
export type UsersLookupBody = RequestOf<typeof USERS_LOOKUP_BODY>;

const ISO_DATE_TIME = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,3})?Z$';

/** roster.audit.lookups: paging, who and whom, and a time window; no other key. */
export const LOOKUP_AUDIT_QUERY = {
  type: 'object',
  additionalProperties: false,
  properties: {
    offset: { type: 'string', pattern: '^\\d{1,9}$', description: 'Entries to skip (default 0).' },
    count: { type: 'string', pattern: '^\\d{1,9}$', description: 'Entries per page: 1 to 100 (default 50).' },
    caller: { type: 'string', minLength: 1, description: 'Only lookups made by this user `_id`.' },
    target: { type: 'string', minLength: 1, description: 'Only lookups that found this user `_id`.' },
    since: {
      type: 'string',
      pattern: ISO_DATE_TIME,
      description: 'From this instant (UTC ISO-8601), included.',
    },
    until: { type: 'string', pattern: ISO_DATE_TIME, description: 'Before this instant (UTC ISO-8601).' },
  },
} as const;
export type LookupAuditQuery = RequestOf<typeof LOOKUP_AUDIT_QUERY>;
