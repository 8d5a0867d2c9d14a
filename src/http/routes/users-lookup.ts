// POST /api/v1/roster.users.lookup (a Roster extension): up to 100 users.info lookups in one call.
import type { FastifyInstance } from 'fastify';
import type { Context } from '../../core/context.js';
import { USERS_LOOKUP_BODY, type UsersLookupBody } from '../../api/roster.js';
import { usersLookup } from '../../core/users/users-lookup.js';
import { callerOf } from '../authenticate.js';
import { responses } from '../route-docs.js';
import { beforeRateLimit, checker } from '../validation.js';

/** A Roster extension: no Rocket.Chat text to match, so the legacy style, each message naming its entry. */
const checkUsersLookup = checker(USERS_LOOKUP_BODY, 'legacy');

const EXAMPLE = {
  users: [
    {
      _id: '5fRTXMt7DMJbpPJfh',
      username: 'test.john',
      type: 'user',
      status: 'offline',
      active: true,
      name: 'Test John',
      canViewAllInfo: false,
    },
    null,
  ],
  success: true,
};

/** `/users/3/email` → `users[3].email`, so that an error names the entry's index. */
function pathOf(instancePath: string): string {
  return instancePath
    .split('/')
    .filter((part) => part !== '')
    .map((part, at) => (/^\d+$/.test(part) ? `[${part}]` : at === 0 ? part : `.${part}`))
    .join('');
}

export function usersLookupRoutes(app: FastifyInstance, context: Context): void {
  app.post<{ Body: UsersLookupBody }>(
    '/api/v1/roster.users.lookup',
    {
      schema: {
        summary: 'roster.users.lookup',
        description:
          'Roster extension: up to 100 lookups in one call, each entry the user exactly as users.info shows them to the caller, or null where users.info answers "User not found.". Rate limited once per entry.',
        tags: ['Roster extensions'],
        body: checkUsersLookup.schema,
        response: responses('The users, in request order.', EXAMPLE, [400, 429]),
      },
      config: { rateLimitWeight: (request) => (request.body as UsersLookupBody).users.length },
      // Phase before-rate-limit: the limiter weighs the call by its number of entries, so the body must be valid.
      ...beforeRateLimit('body', checkUsersLookup, (issue) =>
        [pathOf(issue.instancePath), issue.message ?? 'is invalid'].filter(Boolean).join(' '),
      ),
    },
    async (request, reply) => {
      const { users, includeUserRooms = false } = request.body;
      const body = await usersLookup(context, callerOf(request).user, users, includeUserRooms);
      return reply.type('application/json').send(body);
    },
  );
}
