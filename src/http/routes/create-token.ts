// POST /api/v1/users.createToken (Rocket.Chat 8.x), gated by the CREATE_TOKENS_FOR_USERS_SECRET setting.
import type { FastifyInstance } from 'fastify';
import { createTokenForUser } from '../../core/auth/create-token.js';
import type { Context } from '../../core/context.js';
import { callerOf } from '../authenticate.js';
import { success } from '../envelope.js';
import { responses } from '../route-docs.js';
import { USERS_CREATE_TOKEN_BODY, type UsersCreateTokenBody } from '../../api/auth.js';
import { beforeRateLimit, checker } from '../validation.js';

/**
 * Rocket.Chat 8.5 (users.ts) declares users.createToken with the typed router's `body`; phase before-rate-limit,
 * as the typed router validates before the action wrapper.
 */
const checkCreateToken = checker(USERS_CREATE_TOKEN_BODY, 'typed');

export function createTokenRoutes(app: FastifyInstance, context: Context): void {
  const options = {
    schema: {
      summary: 'users.createToken',
      description:
        "A login token for the user; `secret` must equal the server's CREATE_TOKENS_FOR_USERS_SECRET, and a token for someone else needs `user-generate-access-token`.",
      tags: ['Users'],
      body: checkCreateToken.schema,
      response: responses(
        'A new login token for the user.',
        {
          data: { userId: 'BsNr28znDkG8aeo7W', authToken: '2jdk99wuSjXPO201XlAks9sjDjAhSJmskAKW301mSuj' },
          success: true,
        },
        [400],
      ),
    },
    ...beforeRateLimit('body', checkCreateToken),
  };
  app.post<{ Body: UsersCreateTokenBody }>('/api/v1/users.createToken', options, async (request) =>
    success({ data: await createTokenForUser(context, callerOf(request), request.body) }),
  );
}
