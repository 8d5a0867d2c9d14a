// GET /api/v1/users.info: validation in Fastify's validation phase (after authentication, before rate limiting).
import type { FastifyInstance } from 'fastify';
import { USERS_INFO_QUERY, type UsersInfoQuery, type UsersInfoResponse } from '../../api/users-info.js';
import type { Context } from '../../core/context.js';
import { usersInfo } from '../../core/users/users-info.js';
import { callerOf } from '../authenticate.js';
import { responses } from '../route-docs.js';
import { beforeRateLimit, checker } from '../validation.js';
import { noneMatchHits } from '../conditional.js';

/**
 * Rocket.Chat 8.5 declares users.info typed (`query: isUsersInfoParamsGetProps`), whose refusal would read
 * `error-invalid-params` without a suffix; the seed page keeps `addRoute`'s "<messages> [invalid-params]" text
 * (users-info.md §3), so this contract uses the legacy style. Never coerced: a repeated key (an array) fails
 * with `must be string`.
 */
const checkUsersInfoQuery = checker(USERS_INFO_QUERY, 'legacy');

/** users-info.md §10: an admin looks up test.john with includeUserRooms=true. */
const USERS_INFO_EXAMPLE: UsersInfoResponse = {
  user: {
    _id: '5fRTXMt7DMJbpPJfh',
    createdAt: '2023-07-10T16:44:58.548Z',
    username: 'test.john',
    emails: [{ address: 'test.john@test.com', verified: true }],
    type: 'user',
    status: 'offline',
    active: true,
    roles: ['user', 'admin'],
    name: 'Test John',
    requirePasswordChange: false,
    lastLogin: '2023-10-10T23:40:46.093Z',
    statusConnection: 'offline',
    utcOffset: 1,
    statusText: '',
    avatarETag: 'GFoEi6wv3uAxnzDcD',
    nickname: 'tesuser2',
    freeSwitchExtension: '1234',
    canViewAllInfo: true,
    rooms: [
      { _id: '651667dda2f73c7460e18cce', rid: 'JKa7R9zu2DinBhBN9', name: 'Livestream', t: 'c', unread: 1 },
      {
        _id: '64ef8a982c26843a68c1f7ae',
        rid: 'WDuJLFkjwk6L7LdFC',
        name: 'new',
        t: 'p',
        roles: ['leader'],
        unread: 0,
      },
    ],
  },
  success: true,
};

export function usersInfoRoutes(app: FastifyInstance, context: Context): void {
  app.get<{ Querystring: UsersInfoQuery }>(
    '/api/v1/users.info',
    {
      schema: {
        summary: 'users.info',
        description:
          "A user's profile; what it shows depends on who asks (the caller, an admin, anyone else).",
        tags: ['Users'],
        querystring: checkUsersInfoQuery.schema,
        response: responses('The user, as the caller may see them.', USERS_INFO_EXAMPLE),
      },
      // Phase before-rate-limit: 401, then 400, then 429 (users-info.md §1); the compiled contract, not
      // Fastify's shared AJV (which coerces arrays and strips keys).
      ...beforeRateLimit('querystring', checkUsersInfoQuery),
    },
    // The body comes serialised (and usually cached): sent as is, Fastify does not stringify it again. Roster's
    // extension (README "Beyond Rocket.Chat"): an ETag of those bytes, and 304 for a matching If-None-Match.
    async (request, reply) => {
      const answer = await usersInfo(context, callerOf(request).user, request.query);
      reply.header('etag', answer.etag);
      if (noneMatchHits(request.headers['if-none-match'], answer.etag)) return reply.code(304).send();
      return reply.type('application/json').send(answer.body);
    },
  );
}
