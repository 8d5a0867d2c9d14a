// users.generatePersonalAccessToken / regenerate / get / remove (compat.md §2), kept apart from users.ts.
import type { FastifyInstance } from 'fastify';
import type { Context } from '../../core/context.js';
import { PersonalAccessTokens } from '../../core/personal-access-tokens.js';
import { failure } from '../../errors.js';
import { callerOf } from '../authenticate.js';
import { success } from '../envelope.js';
import { strictBodyValidator } from '../strict-body.js';

interface TokenBody {
  tokenName?: string;
  bypassTwoFactor?: boolean;
}

const TOKEN_BODY = {
  type: 'object',
  properties: { tokenName: { type: 'string' }, bypassTwoFactor: { type: 'boolean' } },
} as const;

const options = { schema: { body: TOKEN_BODY }, validatorCompiler: strictBodyValidator };

/** Rocket.Chat's `if (!tokenName) return API.v1.failure(...)`: an empty name is missing too. */
function tokenNameOf(body: TokenBody): string {
  if (!body.tokenName) throw failure("The 'tokenName' param is required");
  return body.tokenName;
}

export function personalAccessTokenRoutes(app: FastifyInstance, context: Context): void {
  const tokens = new PersonalAccessTokens(context.store, context.permissions, context.clock);

  app.post<{ Body: TokenBody }>('/api/v1/users.generatePersonalAccessToken', options, async (request) => {
    const name = tokenNameOf(request.body);
    const token = await tokens.generate(callerOf(request).user, name, request.body.bypassTwoFactor ?? false);
    return success({ token });
  });

  app.post<{ Body: TokenBody }>('/api/v1/users.regeneratePersonalAccessToken', options, async (request) => {
    const token = await tokens.regenerate(callerOf(request).user, tokenNameOf(request.body));
    return success({ token });
  });

  app.get('/api/v1/users.getPersonalAccessTokens', async (request) =>
    success({ tokens: await tokens.list(callerOf(request).user) }),
  );

  app.post<{ Body: TokenBody }>('/api/v1/users.removePersonalAccessToken', options, async (request) => {
    await tokens.remove(callerOf(request).user, tokenNameOf(request.body));
    return success({});
  });
}
