// POST /api/v1/login (public), POST /api/v1/logout and GET /api/v1/me (authenticated): compat.md §2.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { logoutCaller } from '../../core/auth/session-tokens.js';
import type { Context } from '../../core/context.js';
import { parseLoginBody, type LoginBody } from '../../core/auth/login-request.js';
import { buildMe } from '../../core/auth/me.js';
import { callerOf } from '../authenticate.js';
import { success } from '../envelope.js';
import { SMALL_BODY_BYTES } from '../json-body.js';
import { rateLimit } from '../rate-limit.js';
import { responses } from '../route-docs.js';
import { strictBodyValidator } from '../strict-body.js';

const PASSWORD = {
  anyOf: [
    { type: 'string' },
    {
      type: 'object',
      required: ['digest', 'algorithm'],
      properties: { digest: { type: 'string' }, algorithm: { type: 'string' } },
    },
  ],
} as const;

/** `user` as a flat name or e-mail, or Meteor's `{username|email|id}` selector. */
const USER = {
  anyOf: [
    { type: 'string' },
    {
      type: 'object',
      properties: { id: { type: 'string' }, username: { type: 'string' }, email: { type: 'string' } },
    },
  ],
} as const;

/** The credential fields of one login body (also inside Meteor's `totp.login` wrapper). */
const CREDENTIALS = {
  user: USER,
  username: { type: 'string' },
  email: { type: 'string' },
  resume: { type: 'string' },
  password: PASSWORD,
  code: { type: 'string' },
} as const;

/**
 * Types only: which credential is usable is decided by parseLoginBody. Unknown keys are allowed and ignored, as
 * Rocket.Chat passes them to Meteor.
 */
const LOGIN_BODY = {
  type: 'object',
  properties: {
    ...CREDENTIALS,
    totp: {
      type: 'object',
      properties: { code: { type: 'string' }, login: { type: 'object', properties: CREDENTIALS } },
    },
  },
} as const;

const ME_EXAMPLE = {
  _id: 'aobEdbYhXfu5hkeqG',
  username: 'test.john',
  name: 'Test John',
  status: 'offline',
  active: true,
  roles: ['user'],
  emails: [{ address: 'test.john@test.com', verified: true }],
  email: 'test.john@test.com',
  avatarUrl: '/avatar/test.john',
  services: { password: { exists: true } },
};

export function loginRoutes(app: FastifyInstance, context: Context): void {
  const service = context.login;
  app.post<{ Body: LoginBody }>(
    '/api/v1/login',
    // Login is rate limited per IP like every API route (Rocket.Chat: authRequired false, default rule).
    {
      schema: {
        summary: 'login',
        description:
          'A password (plain, or `{digest, algorithm: "sha-256"}`) with `user`, `username` or `email`, or Meteor\'s `{user: {username|email|id}, password}`; or `{resume: <token>}`. JSON or a form body. A user with TOTP sends the code as `code` (or the `x-2fa-code` header).',
        tags: ['Authentication'],
        body: LOGIN_BODY,
        response: {
          ...responses(
            'A new token: send it as X-Auth-Token with X-User-Id.',
            {
              status: 'success',
              data: {
                userId: 'aobEdbYhXfu5hkeqG',
                authToken: '9HqLlyZOugoStsXCUfD_0YdwnNnunAJF8V47U3QHXSq',
                me: ME_EXAMPLE,
              },
              success: true,
            },
            [400, 429],
          ),
          401: {
            description:
              'A bad credential (one body for all), a deactivated user (after the right password), the second factor missing or wrong (`totp-required`, `totp-invalid`, with `details`), or a failed-login block (`error-login-blocked-for-ip`, `error-login-blocked-for-user`; Block_Multiple_Failed_Logins_* settings).',
            type: 'object',
            examples: [
              { success: false, status: 'error', error: 'Unauthorized', message: 'Unauthorized' },
              {
                success: false,
                error: 'totp-required',
                status: 'error',
                details: { method: 'totp', codeGenerated: false, availableMethods: ['totp'] },
                message: 'TOTP Required',
              },
              {
                success: false,
                error: 'error-login-blocked-for-user',
                status: 'error',
                details: { function: 'Accounts.validateLoginAttempt' },
                message: 'Login has been temporarily blocked For User',
              },
            ],
          },
        },
      },
      validatorCompiler: strictBodyValidator,
      // Before the body is read or parsed (security F8): a limited client costs no parsing at all.
      onRequest: rateLimit(context),
      bodyLimit: SMALL_BODY_BYTES,
    },
    async (request) => {
      const headerCode = request.headers['x-2fa-code'];
      const body = parseLoginBody(
        request.body ?? {},
        typeof headerCode === 'string' ? headerCode : undefined,
      );
      const { user, authToken } = await service.login(body, request.ip);
      return success({
        status: 'success',
        data: {
          userId: user._id,
          authToken,
          me: buildMe(user, { siteUrl: (await context.settings.current()).siteUrl }),
        },
      });
    },
  );
}

export function sessionRoutes(app: FastifyInstance, context: Context): void {
  // Rocket.Chat pulls the hashed token the request was authenticated with, nothing else.
  const logoutSchema = {
    summary: 'logout',
    description: 'Revokes the token this request was made with.',
    tags: ['Authentication'],
    response: responses(
      'Logged out.',
      { status: 'success', data: { message: "You've been logged out!" }, success: true },
      [],
    ),
  };
  const logout = async (request: FastifyRequest) => {
    await logoutCaller(context, callerOf(request));
    return success({ status: 'success', data: { message: "You've been logged out!" } });
  };
  app.post('/api/v1/logout', { schema: logoutSchema, bodyLimit: SMALL_BODY_BYTES }, logout);
  // ApiClass.ts still registers the deprecated Restivus `GET logout` beside POST, doing the same.
  app.get(
    '/api/v1/logout',
    { schema: { ...logoutSchema, summary: 'logout (GET, deprecated)', deprecated: true } },
    logout,
  );

  const meSchema = {
    summary: 'me',
    description: "The caller's own user, flat, without hashes or tokens.",
    tags: ['Authentication'],
    response: responses('The caller.', { ...ME_EXAMPLE, success: true }, []),
  };
  app.get('/api/v1/me', { schema: meSchema }, async (request) =>
    success(buildMe(callerOf(request).user, { siteUrl: (await context.settings.current()).siteUrl })),
  );
}
