// The people-search contracts: users.autocomplete, directory and spotlight (rest-typings 8.x).
import type { RequestOf } from './contract.js';

/** `UsersAutocompleteParamsGET` (typed `query` in 8.5's users.ts). */
export const USERS_AUTOCOMPLETE_QUERY = {
  type: 'object',
  properties: {
    selector: {
      type: 'string',
      description:
        'JSON `{"term": "…", "exceptions": ["username", …]}`; the term matches a username or name start.',
    },
  },
  required: ['selector'],
  additionalProperties: false,
} as const;

/** rest-typings `DirectorySchema`; count and offset arrive as query-string text (Rocket.Chat's AJV coerces them). */
export const DIRECTORY_QUERY = {
  type: 'object',
  properties: {
    count: { type: 'string', pattern: '^-?\\d+$' },
    offset: { type: 'string', pattern: '^-?\\d+$' },
    sort: { type: 'string', description: 'JSON with one key: name, username, createdAt… and 1 or -1.' },
    text: { type: 'string' },
    type: {
      type: 'string',
      description: 'channels (the default), users or teams (Roster has no teams: always empty).',
    },
    workspace: { type: 'string' },
    query: { type: 'string', description: 'JSON `{"text", "type", "workspace"}` (the older form).' },
  },
  required: [],
  additionalProperties: false,
} as const;

/** rest-typings `SpotlightSchema`. */
export const SPOTLIGHT_QUERY = {
  type: 'object',
  properties: {
    query: { type: 'string' },
    usernames: { type: 'string', description: 'Comma-separated usernames to leave out.' },
    type: { type: 'string', description: 'JSON `{"users": bool, "rooms": bool}`.' },
    rid: { type: 'string' },
  },
  required: ['query'],
  additionalProperties: false,
} as const;
export type UsersAutocompleteQuery = RequestOf<typeof USERS_AUTOCOMPLETE_QUERY>;
export type DirectoryQuery = RequestOf<typeof DIRECTORY_QUERY>;
export type SpotlightQuery = RequestOf<typeof SPOTLIGHT_QUERY>;
