// Finding people: GET users.autocomplete, directory and spotlight (Rocket.Chat's users.ts and misc.ts routes).
import type { FastifyInstance } from 'fastify';
import type { Context } from '../../core/context.js';
import { autocompleteUsers, directory, spotlight } from '../../core/users/people-search.js';
import { callerOf } from '../authenticate.js';
import { success } from '../envelope.js';
import { DIRECTORY_QUERY, SPOTLIGHT_QUERY, USERS_AUTOCOMPLETE_QUERY } from '../../api/people-search.js';
import { responses } from '../route-docs.js';
import { checker, IN_HANDLER } from '../validation.js';

/*
 * users.autocomplete is typed in 8.5 (users.ts: `query: isUsersAutocompleteProps`); directory and spotlight keep
 * the legacy text they had (their 8.5 routes were not read). Phase in-handler for all three, as before.
 */
const checkAutocomplete = checker(USERS_AUTOCOMPLETE_QUERY, 'typed-query');
const checkDirectory = checker(DIRECTORY_QUERY, 'legacy');
const checkSpotlight = checker(SPOTLIGHT_QUERY, 'legacy');

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
    checkAutocomplete.schema,
    { items: [{ ...PERSON, nickname: 'john' }], success: true },
  );
  app.get('/api/v1/users.autocomplete', autocomplete, async (request) =>
    success(await autocompleteUsers(context, callerOf(request), checkAutocomplete(request.query ?? {}))),
  );

  const browse = searchRoute(
    'directory',
    "A page of public channels and the caller's rooms whose name contains `text` (`type=channels`, the " +
      'default; `view-c-room`), or of active users whose username or name starts with `text` (`type=users`; ' +
      '`view-outside-room` and `view-d-room`; emails only for `view-full-other-user-info`). Default order: ' +
      'name, descending.',
    checkDirectory.schema,
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
    checkSpotlight.schema,
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
