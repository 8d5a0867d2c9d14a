// The OpenAPI side of a route: response descriptions and examples, and the error envelopes every route can answer.
import type { FastifySchema, RouteOptions } from 'fastify';
import { IN_HANDLER } from './validation.js';

/** The security requirement of routes behind X-User-Id / X-Auth-Token (names of docs.ts's security schemes). */
export const TOKEN_SECURITY = [{ userId: [], authToken: [] }];

const errorBody = (example: object) => ({
  type: 'object',
  required: ['success'],
  properties: {
    success: { const: false },
    error: { type: 'string' },
    errorType: { type: 'string' },
    status: { type: 'string' },
    message: { type: 'string' },
    // A Meteor.Error's details (the second factor a client must send: two-factor.ts).
    details: { type: 'object', additionalProperties: true },
  },
  examples: [example],
});

/** The error answers of Rocket.Chat's envelope (compat.md §1), as OpenAPI responses. */
const ERROR_RESPONSES = {
  400: () => ({
    description: 'Invalid parameters or a refused request: `{"success":false,"error":…,"errorType"?:…}`.',
    ...errorBody({
      success: false,
      error: "must have required property 'username' [invalid-params]",
      errorType: 'invalid-params',
    }),
  }),
  401: () => ({
    description: 'Missing, unknown, expired or revoked X-User-Id / X-Auth-Token.',
    ...errorBody({
      success: false,
      error: 'You must be logged in to do this.',
      status: 'error',
      message: 'You must be logged in to do this.',
    }),
  }),
  403: () => ({
    description: 'The caller lacks the permission this action needs.',
    ...errorBody({
      success: false,
      error: 'User does not have the permissions required for this action [error-unauthorized]',
    }),
  }),
  429: () => ({
    description: 'Rate limited; see the X-RateLimit-* headers.',
    ...errorBody({
      success: false,
      error:
        'Error, too many requests. Please slow down. You must wait 42 seconds before trying this endpoint again. [error-too-many-requests]',
    }),
  }),
} as const;

export type ErrorStatus = keyof typeof ERROR_RESPONSES;

/**
 * The `response` part of a route schema: the 200 answer with its description and example, then the given error
 * statuses. Roster serialises with JSON.stringify whatever these say (docs.ts), so they document, never filter.
 */
export function responses(description: string, example: object, errors: readonly ErrorStatus[] = [400]) {
  const result: Record<string, object> = {
    200: { description, type: 'object', properties: { success: { const: true } }, examples: [example] },
  };
  for (const status of errors) result[status] = ERROR_RESPONSES[status]();
  return result;
}

/**
 * An onRoute hook for the authenticated route group: in the document, each of its routes needs the two token
 * headers and can answer 401 and 429 (users-info.md §1), whatever its own schema lists.
 */
export function documentTokenAuth(route: RouteOptions): void {
  const schema = (route.schema ??= {}) as FastifySchema & { security?: unknown };
  schema.security = TOKEN_SECURITY;
  const response = (schema.response ??= {}) as Record<string, unknown>;
  response['401'] ??= ERROR_RESPONSES[401]();
  response['429'] ??= ERROR_RESPONSES[429]();
}

/**
 * The options of a users.* route whose handler checks the request itself: summary, the request schema (for the
 * OpenAPI document only), the 200 example and the error statuses it can answer.
 */
export function usersRoute(
  summary: string,
  description: string,
  request: { body: object } | { querystring: object } | Record<string, never>,
  example: object,
  errors: readonly ErrorStatus[] = [400, 403],
) {
  return {
    schema: {
      summary,
      description,
      tags: ['Users'],
      ...request,
      response: responses(description, example, errors),
    },
    ...IN_HANDLER,
  };
}
