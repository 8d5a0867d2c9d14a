// Shortcuts for the rooms HTTP tests: create rooms through the API and read the JSON answers.
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import type { RoomDoc } from '../../src/core/documents.js';
import type { Credentials, TestApp } from './test-app.js';

export function json(response: LightMyRequestResponse): Record<string, unknown> {
  return response.json() as Record<string, unknown>;
}

/** Creates a channel (`c`) or group (`p`) through the API and returns it; fails the test unless 200. */
export async function createRoomAs(
  t: TestApp,
  type: 'c' | 'p',
  body: Record<string, unknown>,
  as?: Credentials,
): Promise<RoomDoc> {
  const path = type === 'c' ? '/api/v1/channels.create' : '/api/v1/groups.create';
  const response = await t.post(path, body, as);
  assert.equal(response.statusCode, 200, response.body);
  return json(response)[type === 'c' ? 'channel' : 'group'] as RoomDoc;
}

export const FORBIDDEN_BODY = {
  success: false,
  error: 'User does not have the permissions required for this action [error-unauthorized]',
};

/** `API.v1.forbidden()` in Rocket.Chat 8.x: 403 with the bare word. */
export const API_FORBIDDEN_BODY = { success: false, error: 'unauthorized' };

/** `new Meteor.Error('error-not-allowed', 'Not allowed', {method})` as the API renders it (400). */
export function notAllowedBody(method: string): Record<string, unknown> {
  return {
    success: false,
    error: 'Not allowed [error-not-allowed]',
    errorType: 'error-not-allowed',
    details: { method },
  };
}
