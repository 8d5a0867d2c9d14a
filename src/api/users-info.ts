// users.info's contract: Rocket.Chat 8.5's query schema (rest-typings UsersInfoParamsGet) and the answer, field by field.
import type { FromSchema } from 'json-schema-to-ts';
import type { Json } from './json.js';

/** The lookup keys, in the order Rocket.Chat 8.5 tries them (users.ts `searchTerms`). */
export const LOOKUP_KEYS = ['userId', 'username', 'importId', 'email', 'freeSwitchExtension'] as const;
export type LookupKey = (typeof LOOKUP_KEYS)[number];

/** What each lookup key matches (users-info.md §4), with an example value; annotations only, AJV ignores them. */
const LOOKUP_DOCS = {
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
} as const satisfies Record<LookupKey, { description: string; examples: readonly string[] }>;

const OPTIONAL_KEYS = {
  includeUserRooms: {
    type: 'string',
    description:
      'Exactly `true` adds `user.rooms` for the caller themselves or with `view-other-user-channels`; any other value means no rooms.',
    examples: ['true'],
  },
  fields: { type: 'string', description: 'Accepted and ignored (removed in Rocket.Chat 7.0).' },
} as const;

/**
 * One branch per lookup key: an object with its key required, no other key than `includeUserRooms`/`fields`,
 * and every value a string. The keys are written in the order AJV checks them (type → required →
 * additionalProperties → properties), which its rule order fixes anyway.
 */
const branch = <K extends LookupKey>(key: K) =>
  ({
    type: 'object',
    required: [key],
    additionalProperties: false,
    properties: { [key]: { type: 'string', ...LOOKUP_DOCS[key] }, ...OPTIONAL_KEYS } as {
      [P in K]: { type: 'string' };
    } & typeof OPTIONAL_KEYS,
  }) as const;

/** `UsersInfoParamsGet`, branch by branch in Rocket.Chat's order. */
export const USERS_INFO_QUERY = {
  anyOf: [
    branch('userId'),
    branch('username'),
    branch('importId'),
    branch('email'),
    branch('freeSwitchExtension'),
  ],
} as const;

/** A query that passed validation: exactly one lookup key, optionally `includeUserRooms` and `fields` (ignored). */
export type UsersInfoQuery = FromSchema<typeof USERS_INFO_QUERY>;

/** What the lookup reads (users.info and roster.users.lookup entries): any of the keys; UsersInfoQuery fits it. */
export type UsersInfoLookup = Partial<Record<LookupKey | 'includeUserRooms' | 'fields', string>>;

/** A room in `user.rooms`: the subscription's `_id` and those of its projected fields it has (§6). */
export interface UsersInfoRoom {
  _id: string;
  rid?: string;
  name?: string;
  t?: 'c' | 'p' | 'd' | 'l';
  roles?: string[];
  unread?: number;
  federated?: boolean;
}

/**
 * The user: `_id`, the default fields, the full-info fields when `canViewAllInfo`, custom fields, the caller's
 * own sanitised `services`, and `rooms` when asked for and allowed. A field is present only when stored.
 */
export interface UsersInfoUser {
  _id: string;
  // Rocket.Chat's defaultFields: anyone may see them.
  name?: string;
  username?: string;
  nickname?: string;
  status?: 'online' | 'away' | 'busy' | 'offline' | 'disabled';
  utcOffset?: number;
  type?: string;
  active?: boolean;
  bio?: string;
  reason?: string;
  statusText?: string;
  avatarETag?: string;
  federated?: boolean;
  statusLivechat?: string;
  abacAttributes?: Array<{ key: string; values: string[] }>;
  freeSwitchExtension?: string;
  // fullFields: only with canViewAllInfo. Dates are ISO-8601 strings with milliseconds.
  emails?: Array<{ address: string; verified?: boolean }>;
  phone?: string;
  statusConnection?: string;
  createdAt?: string;
  lastLogin?: string;
  requirePasswordChange?: boolean;
  requirePasswordChangeReason?: string;
  roles?: string[];
  importIds?: string[];
  customFields?: Record<string, Json>;
  /** The caller's own view only; `password` is `true` when the user has one (never the hash). */
  services?: { password?: true; [service: string]: Json | undefined };
  canViewAllInfo: boolean;
  rooms?: UsersInfoRoom[];
}

/** The 200 body of GET /api/v1/users.info. */
export interface UsersInfoResponse {
  user: UsersInfoUser;
  success: true;
}
