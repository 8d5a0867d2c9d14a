// Finding people: GET users.autocomplete, directory and spotlight (Rocket.Chat's users.ts and misc.ts routes).
import type { FastifyInstance } from 'fastify';
import type { Context } from '../../core/context.js';
import {
  autocompleteUsers,
  directory,
  spotlight,
  type DirectoryParams,
  type SpotlightParams,
} from '../../core/users/people-search.js';
import { callerOf } from '../authenticate.js';
import { success } from '../envelope.js';
import { paramsChecker } from '../params-schema.js';
import { responses } from '../route-docs.js';
import { IN_HANDLER } from '../validation.js';

/** UsersAutocompleteParamsGetSchema. */
const AUTOCOMPLETE_QUERY = {
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

/** DirectorySchema; count and offset arrive as query-string text (Rocket.Chat's AJV coerces them). */
const DIRECTORY_QUERY = {
  type: 'object',
  properties: {
    count: { type: 'string', pattern: '^-?\\d+$' },
    offset: { type: 'string', pattern: '^-?\\d+$' },
    sort: { type: 'string', description: 'JSON with one key: name, username, createdAt… and 1 or -1.' },
    text: { type: 'string' },
    type: { type: 'string', description: 'users (channels and teams are not served by Roster yet).' },
    workspace: { type: 'string' },
    query: { type: 'string', description: 'JSON `{"text", "type", "workspace"}` (the older form).' },
  },
  required: [],
  additionalProperties: false,
} as const;

/** SpotlightSchema. */
const SPOTLIGHT_QUERY = {
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

const checkAutocomplete = paramsChecker<{ selector: string }>(AUTOCOMPLETE_QUERY);
const checkDirectory = paramsChecker<DirectoryParams>(DIRECTORY_QUERY);
const checkSpotlight = paramsChecker<SpotlightParams>(SPOTLIGHT_QUERY);

const PERSON = {
  _id: 'aobEdbYhXfu5hkeqG',
  username: 'test.john',
  name: 'Test John',
  status: 'online',
  avatarETag: 'GFoEi6wv3uAxnzDcD',
};

function searchRoute(summary: string, description: string, querystring: object, example: object) {
  return {
    schema: { summary, description, tags: ['Users'], querystring, response: responses(description, example) },
    ...IN_HANDLER,
  };
}

export function peopleSearchRoutes(app: FastifyInstance, context: Context): void {
  const autocomplete = searchRoute(
    'users.autocomplete',
    'Up to ten active users whose username or name starts with `selector.term`: direct-message contacts ' +
      'first, then everyone (with `view-outside-room`; without it, people the caller shares a room with).',
    AUTOCOMPLETE_QUERY,
    { items: [{ ...PERSON, nickname: 'john' }], success: true },
  );
  app.get('/api/v1/users.autocomplete', autocomplete, async (request) =>
    success(await autocompleteUsers(context, callerOf(request), checkAutocomplete(request.query ?? {}))),
  );

  const browse = searchRoute(
    'directory',
    'A page of active users (`type=users`) whose username or name starts with `text` (`view-outside-room` ' +
      'and `view-d-room`); emails only for `view-full-other-user-info`.',
    DIRECTORY_QUERY,
    {
      result: [
        {
          _id: PERSON._id,
          username: PERSON.username,
          name: PERSON.name,
          createdAt: '2024-01-02T03:04:05.006Z',
        },
      ],
      count: 1,
      offset: 0,
      total: 1,
      success: true,
    },
  );
  app.get('/api/v1/directory', browse, async (request) =>
    success(await directory(context, callerOf(request), checkDirectory(request.query ?? {}))),
  );

  const quick = searchRoute(
    'spotlight',
    'Quick search: users whose username or name starts with `query` (the exact username first) and public ' +
      'rooms whose name starts with it.',
    SPOTLIGHT_QUERY,
    {
      users: [{ ...PERSON, statusText: '' }],
      rooms: [{ _id: 'GENERAL', t: 'c', name: 'general' }],
      success: true,
    },
  );
  app.get('/api/v1/spotlight', quick, async (request) =>
    success(await spotlight(context, callerOf(request), checkSpotlight(request.query ?? {}))),
  );
}
