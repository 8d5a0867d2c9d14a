// POST /api/v1/roster.users.lookup (a Roster extension): up to 100 users.info lookups in one call.
import type { FastifyInstance, FastifySchemaValidationError } from 'fastify';
import type { Context } from '../../core/context.js';
import { LOOKUP_KEYS } from '../../core/users/users-info.js';
import { MAX_LOOKUP_KEYS, usersLookup, type LookupEntry } from '../../core/users/users-lookup.js';
import { invalidParams } from '../../errors.js';
import { callerOf } from '../authenticate.js';
import { responses } from '../route-docs.js';
import { strictBodyValidator } from '../strict-body.js';

interface UsersLookupBody {
  users: LookupEntry[];
  includeUserRooms?: boolean;
}

/** Each entry is an object with exactly one users.info lookup key, a non-empty string. */
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
        properties: Object.fromEntries(LOOKUP_KEYS.map((key) => [key, { type: 'string', minLength: 1 }])),
      },
    },
    includeUserRooms: {
      type: 'boolean',
      description: "users.info's `includeUserRooms=true` for every entry.",
    },
  },
} as const;

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
        body: USERS_LOOKUP_BODY,
        response: responses('The users, in request order.', EXAMPLE, [400, 429]),
      },
      config: { rateLimitWeight: (request) => (request.body as UsersLookupBody).users.length },
      validatorCompiler: strictBodyValidator,
      schemaErrorFormatter: (errors: FastifySchemaValidationError[]) =>
        invalidParams(
          errors.map((issue) =>
            [pathOf(issue.instancePath), issue.message ?? 'is invalid'].filter(Boolean).join(' '),
          ),
        ),
    },
    async (request, reply) => {
      const { users, includeUserRooms = false } = request.body;
      const body = await usersLookup(context, callerOf(request).user, users, includeUserRooms);
      return reply.type('application/json').send(body);
    },
  );
}
