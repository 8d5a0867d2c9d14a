// POST /api/v1/users.createToken (Rocket.Chat 8.x), gated by the CREATE_TOKENS_FOR_USERS_SECRET setting.
import type { FastifyInstance } from 'fastify';
import { createTokenForUser } from '../../core/auth/create-token.js';
import type { Context } from '../../core/context.js';
import { callerOf } from '../authenticate.js';
import { success } from '../envelope.js';
import { responses } from '../route-docs.js';
import { strictBodyValidator } from '../strict-body.js';

interface CreateTokenBody {
  userId?: string;
  username?: string;
  user?: string;
  secret: string;
}

/**
 * Rocket.Chat 8.5's schema requires `userId` and `secret` (both non-empty); Roster also takes `username` or
 * `user` for the user, as getUserFromParams reads them.
 */
const CREATE_TOKEN_BODY = {
  type: 'object',
  required: ['secret'],
  properties: {
    userId: { type: 'string', minLength: 1 },
    username: { type: 'string', minLength: 1 },
    user: { type: 'string', minLength: 1 },
    secret: { type: 'string', minLength: 1 },
  },
  additionalProperties: false,
} as const;

export function createTokenRoutes(app: FastifyInstance, context: Context): void {
  const options = {
    schema: {
      summary: 'users.createToken',
      description:
        "A login token for the user; `secret` must equal the server's CREATE_TOKENS_FOR_USERS_SECRET, and a token for someone else needs `user-generate-access-token`.",
      tags: ['Users'],
      body: CREATE_TOKEN_BODY,
      response: responses(
        'A new login token for the user.',
        {
          data: { userId: 'BsNr28znDkG8aeo7W', authToken: '2jdk99wuSjXPO201XlAks9sjDjAhSJmskAKW301mSuj' },
          success: true,
        },
        [400],
      ),
    },
    validatorCompiler: strictBodyValidator,
  };
  app.post<{ Body: CreateTokenBody }>('/api/v1/users.createToken', options, async (request) =>
    success({ data: await createTokenForUser(context, callerOf(request), request.body) }),
  );
}
