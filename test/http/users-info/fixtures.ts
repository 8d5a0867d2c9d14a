// Shared set-up for the users.info HTTP tests: an app per test, helpers to call the endpoint and change settings.
import type { LightMyRequestResponse } from 'fastify';
import type { Json } from '../../../src/core/documents.js';
import { startTestApp, type Credentials, type TestApp } from '../../helpers/test-app.js';
import type { StoreFactory } from '../../helpers/test-stores.js';

/**
 * These tests call users.info many times as plain users from one address; the rate limiter (compat.md §4) is
 * switched off so that they test users.info alone. The limiter has its own tests.
 */
export async function startUsersInfoApp(factory: StoreFactory): Promise<TestApp> {
  const t = await startTestApp(factory);
  await t.store.settings.save({ _id: 'API_Enable_Rate_Limiter', type: 'boolean', value: false });
  return t;
}

/** GET /api/v1/users.info?<query> as `as` (the admin by default). */
export function usersInfo(t: TestApp, query: string, as?: Credentials): Promise<LightMyRequestResponse> {
  return t.get(`/api/v1/users.info${query === '' ? '' : `?${query}`}`, as);
}

export async function setPermission(t: TestApp, permission: string, roles: string[]): Promise<void> {
  await t.store.permissions.saveMany([{ _id: permission, roles }]);
}

export async function setCustomFields(t: TestApp, value: Json): Promise<void> {
  await t.store.settings.save({ _id: 'Accounts_CustomFields', type: 'code', value });
}

/** The `user` of a 200 response; fails the test on any other status. */
export function userOf(response: LightMyRequestResponse): Record<string, unknown> {
  if (response.statusCode !== 200) {
    throw new Error(`expected 200, got ${response.statusCode}: ${response.body}`);
  }
  const body = response.json() as { user: Record<string, unknown>; success: boolean };
  if (body.success !== true) throw new Error(`expected success: ${response.body}`);
  return body.user;
}

export const USER_NOT_FOUND = '{"success":false,"error":"User not found."}';
export const INVALID_SEARCH_QUERY = '{"success":false,"error":"Invalid search query."}';

/** The spec §3 body for `messages` (the AJV messages before anyOf's own). */
export function invalidParamsBody(messages: string[]): string {
  const error = [...messages, 'must match a schema in anyOf'].join('\n ') + ' [invalid-params]';
  return JSON.stringify({ success: false, error, errorType: 'invalid-params' });
}
