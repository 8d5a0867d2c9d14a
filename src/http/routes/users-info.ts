// GET /api/v1/users.info: validation in Fastify's validation phase (after authentication, before rate limiting).
import type { FastifyInstance, FastifySchemaValidationError } from 'fastify';
import type { Context } from '../../core/context.js';
import { usersInfo, type UsersInfoQuery } from '../../core/users-info.js';
import { invalidParams } from '../../errors.js';
import { callerOf } from '../authenticate.js';
import { success } from '../envelope.js';
import { validateUsersInfoQuery } from '../users-info-query.js';

export function usersInfoRoutes(app: FastifyInstance, context: Context): void {
  app.get<{ Querystring: UsersInfoQuery }>(
    '/api/v1/users.info',
    {
      schema: { querystring: validateUsersInfoQuery.schema },
      // The route's own compiled validator (not Fastify's shared AJV, which coerces arrays and strips keys).
      validatorCompiler: () => validateUsersInfoQuery,
      // Rocket.Chat's validateParams: AJV's messages joined by "\n ", errorType invalid-params.
      schemaErrorFormatter: (errors: FastifySchemaValidationError[]) =>
        invalidParams(errors.map((issue) => issue.message ?? 'is invalid')),
    },
    async (request) => success(await usersInfo(context, callerOf(request).user, request.query)),
  );
}
