// Shared expectations of the admin endpoint tests: Rocket.Chat's 403 body and a valid users.create body.
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';

export const FORBIDDEN_BODY =
  '{"success":false,"error":"User does not have the permissions required for this action [error-unauthorized]"}';

export function assertForbidden(response: LightMyRequestResponse): void {
  assert.equal(response.statusCode, 403);
  assert.equal(response.body, FORBIDDEN_BODY);
}

/** Asserts a 400 with Rocket.Chat's `"<text> [<errorType>]"` domain error body. */
export function assertDomainError(response: LightMyRequestResponse, errorType: string, text: string): void {
  assert.equal(response.statusCode, 400, response.body);
  assert.deepEqual(response.json(), { success: false, error: `${text} [${errorType}]`, errorType });
}

/** Asserts `API.v1.forbidden()`'s 403 `{"success":false,"error":"unauthorized"}` (8.x, not breaking). */
export function assertApiForbidden(response: LightMyRequestResponse): void {
  assert.equal(response.statusCode, 403, response.body);
  assert.equal(response.body, '{"success":false,"error":"unauthorized"}');
}

/** Asserts a 400 Meteor.Error with `details`, as ApiClass.ts renders it. */
export function assertMeteorError(
  response: LightMyRequestResponse,
  errorType: string,
  text: string,
  details: Record<string, unknown>,
): void {
  assert.equal(response.statusCode, 400, response.body);
  assert.deepEqual(response.json(), { success: false, error: `${text} [${errorType}]`, errorType, details });
}

/**
 * Rocket.Chat 8.5's typed router (http-router Router.ts) refusing a `body`: AJV's messages, errorType
 * invalid-params, no ` [invalid-params]` suffix.
 */
export function assertTypedInvalidParams(response: LightMyRequestResponse, text: string): void {
  assert.equal(response.statusCode, 400, response.body);
  assert.deepEqual(response.json(), { success: false, errorType: 'invalid-params', error: text });
}

/** The typed router refusing a `query` (Router.ts): errorType error-invalid-params, no suffix. */
export function assertTypedQueryInvalidParams(response: LightMyRequestResponse, text: string): void {
  assert.equal(response.statusCode, 400, response.body);
  assert.deepEqual(response.json(), { success: false, errorType: 'error-invalid-params', error: text });
}

export function newUserBody(username: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    username,
    email: `${username}@example.org`,
    name: `Full ${username}`,
    password: 'secret-password',
    ...extra,
  };
}
