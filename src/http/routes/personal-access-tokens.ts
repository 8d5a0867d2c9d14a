// users.generatePersonalAccessToken / regenerate / get / remove (compat.md §2), kept apart from users.ts.
import type { FastifyInstance } from 'fastify';
import type { Context } from '../../core/context.js';
import { MAX_TOKEN_NAME_LENGTH } from '../../core/auth/personal-access-tokens.js';
import { tokenNameRequired } from '../../core/auth/auth-errors.js';
import { withStoredStrings } from '../schemas/stored-strings.js';
import { callerOf } from '../authenticate.js';
import { success } from '../envelope.js';
import { responses } from '../route-docs.js';
import { SMALL_BODY_BYTES } from '../json-body.js';
import { strictBodyValidator } from '../strict-body.js';

interface TokenBody {
  tokenName?: string;
  bypassTwoFactor?: boolean;
}

/** tokenName: at most 100 characters (Rocket.Chat has no bound), no NUL or lone surrogate (security F6, F12). */
const TOKEN_BODY = withStoredStrings({
  type: 'object',
  properties: {
    tokenName: { type: 'string', maxLength: MAX_TOKEN_NAME_LENGTH },
    bypassTwoFactor: { type: 'boolean' },
  },
} as const);

const TAGS = ['Personal access tokens'];

/**
 * A POST taking `{tokenName}`, documented with `summary` and its 200 example. Rocket.Chat 8.5 marks all three
 * (generate, regenerate, remove) `twoFactorRequired` (users.ts).
 */
function tokenRoute(summary: string, description: string, example: object) {
  return {
    config: { twoFactorRequired: true as const },
    schema: {
      summary,
      description,
      tags: TAGS,
      body: TOKEN_BODY,
      response: responses(description, example, [400, 403]),
    },
    validatorCompiler: strictBodyValidator,
    bodyLimit: SMALL_BODY_BYTES,
  };
}

const TOKEN_EXAMPLE = { token: 'J6OQ7hBWt6_ECmwPyPzAHg3Bd2SqK9bMCvSbfDD7Bb3', success: true };

/** Rocket.Chat's `if (!tokenName) return API.v1.failure(...)`: an empty name is missing too. */
function tokenNameOf(body: TokenBody): string {
  if (!body.tokenName) throw tokenNameRequired();
  return body.tokenName;
}

export function personalAccessTokenRoutes(app: FastifyInstance, context: Context): void {
  const tokens = context.personalAccessTokens;

  const generate = tokenRoute(
    'users.generatePersonalAccessToken',
    'A new personal access token, shown once.',
    TOKEN_EXAMPLE,
  );
  app.post<{ Body: TokenBody }>('/api/v1/users.generatePersonalAccessToken', generate, async (request) => {
    const name = tokenNameOf(request.body);
    const token = await tokens.generate(callerOf(request).user, name, request.body.bypassTwoFactor ?? false);
    return success({ token });
  });

  const regenerate = tokenRoute(
    'users.regeneratePersonalAccessToken',
    'The named token, replaced by a new one.',
    TOKEN_EXAMPLE,
  );
  app.post<{ Body: TokenBody }>(
    '/api/v1/users.regeneratePersonalAccessToken',
    regenerate,
    async (request) => {
      const token = await tokens.regenerate(callerOf(request).user, tokenNameOf(request.body));
      return success({ token });
    },
  );

  const listSchema = {
    summary: 'users.getPersonalAccessTokens',
    tags: TAGS,
    response: responses(
      "The caller's personal access tokens (never the token itself).",
      {
        tokens: [
          {
            name: 'ci-bot',
            lastTokenPart: 'DD7Bb3',
            bypassTwoFactor: false,
            createdAt: '2024-01-02T03:04:05.006Z',
          },
        ],
        success: true,
      },
      [403],
    ),
  };
  app.get('/api/v1/users.getPersonalAccessTokens', { schema: listSchema }, async (request) =>
    success({ tokens: await tokens.list(callerOf(request).user) }),
  );

  const remove = tokenRoute('users.removePersonalAccessToken', 'The named token is revoked.', {
    success: true,
  });
  app.post<{ Body: TokenBody }>('/api/v1/users.removePersonalAccessToken', remove, async (request) => {
    await tokens.remove(callerOf(request).user, tokenNameOf(request.body));
    return success({});
  });
}
