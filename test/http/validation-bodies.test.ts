// Validation refusals byte for byte as Rocket.Chat 8.5 sends them, per namespace: typed body, typed query, legacy.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { testStores } from '../helpers/test-stores.js';

/**
 * http-router Router.ts answers a typed route's refusal `{success, errorType, error}` in that key order, with
 * AJV's messages (rest-typings' schemas, no allErrors) joined by "\n "; a query's errorType is
 * error-invalid-params, a body's invalid-params, and neither has a suffix.
 */
function typedBody(error: string): string {
  return JSON.stringify({ success: false, errorType: 'invalid-params', error });
}
function typedQuery(error: string): string {
  return JSON.stringify({ success: false, errorType: 'error-invalid-params', error });
}
/** ApiClass.ts addRoute `validateParams`: Meteor.Error('invalid-params', messages) → "<messages> [invalid-params]". */
function legacy(error: string): string {
  return JSON.stringify({ success: false, error: `${error} [invalid-params]`, errorType: 'invalid-params' });
}

function assertBody(response: LightMyRequestResponse, body: string): void {
  assert.equal(response.statusCode, 400, response.body);
  assert.equal(response.body, body);
}

for (const [storeName, factory] of testStores()) {
  describe(`validation bodies as Rocket.Chat 8.5 sends them (${storeName})`, () => {
    let t: TestApp;
    beforeEach(async () => (t = await startTestApp(factory)));
    afterEach(async () => t.dispose());

    it('users.*: typed bodies (8.5 users.ts isUserCreateParamsPOST, isUsersUpdateParamsPOST, users.delete)', async () => {
      assertBody(
        await t.post('/api/v1/users.create', { email: 'a@example.org', name: 'A', password: 'p' }),
        typedBody("must have required property 'username'"),
      );
      assertBody(
        await t.post('/api/v1/users.update', { userId: t.admin.userId, data: {}, extra: 1 }),
        typedBody('must NOT have additional properties'),
      );
      assertBody(
        await t.post('/api/v1/users.setActiveStatus', { userId: t.admin.userId }),
        typedBody("must have required property 'activeStatus'"),
      );
      // users.delete's anyOf: each branch's message, then anyOf's own.
      assertBody(
        await t.post('/api/v1/users.delete', { confirmRelinquish: true }),
        typedBody(
          "must have required property 'userId'\n must have required property 'username'\n" +
            " must have required property 'user'\n must match a schema in anyOf",
        ),
      );
      assertBody(
        await t.post('/api/v1/users.deactivateIdle', { daysIdle: 1, days: 2 }),
        typedBody('must NOT have additional properties'),
      );
    });

    it('users.*: typed queries (8.5 users.ts isUsersListParamsGET, isUsersListStatusProps, isUsersGetStatusParamsGET)', async () => {
      assertBody(
        await t.get('/api/v1/users.list?foo=bar'),
        typedQuery('must NOT have additional properties'),
      );
      assertBody(
        await t.get('/api/v1/users.list?email='),
        typedQuery('must NOT have fewer than 1 characters'),
      );
      assertBody(
        await t.get('/api/v1/users.listByStatus?hasLoggedIn=maybe'),
        typedQuery('must be equal to one of the allowed values'),
      );
      assertBody(
        await t.get('/api/v1/users.getStatus?userId=a&extra=1'),
        typedQuery('must NOT have additional properties'),
      );
      assertBody(
        await t.get('/api/v1/users.checkUsernameAvailability'),
        typedQuery("must have required property 'username'"),
      );
    });

    it('users.info keeps the legacy " [invalid-params]" text (the seed page), unlike 8.5\'s typed query', async () => {
      // Each of the five branches stops at its first failing keyword; the username branch at the extra key.
      assertBody(
        await t.get('/api/v1/users.info?username=a&foo=b'),
        legacy(
          "must have required property 'userId'\n must NOT have additional properties\n" +
            " must have required property 'importId'\n must have required property 'email'\n" +
            " must have required property 'freeSwitchExtension'\n must match a schema in anyOf",
        ),
      );
    });

    it('personal access tokens: typed bodies (8.5 users.ts tokenNameBodySchema), additionalProperties false', async () => {
      assertBody(
        await t.post('/api/v1/users.generatePersonalAccessToken', {}),
        typedBody("must have required property 'tokenName'"),
      );
      assertBody(
        await t.post('/api/v1/users.regeneratePersonalAccessToken', {
          tokenName: 'x',
          bypassTwoFactor: true,
        }),
        typedBody('must NOT have additional properties'),
      );
      assertBody(
        await t.post('/api/v1/users.removePersonalAccessToken', { tokenName: 'x', other: 1 }),
        typedBody('must NOT have additional properties'),
      );
    });

    it('rooms: im.create (isDmCreateProps, oneOf) and subscriptions.read (isSubscriptionsReadProps, anyOf)', async () => {
      assertBody(
        await t.post('/api/v1/im.create', { username: 'rocket.cat', foo: 1 }),
        typedBody(
          "must have required property 'usernames'\n must NOT have additional properties\n" +
            ' must match exactly one schema in oneOf',
        ),
      );
      assertBody(
        await t.post('/api/v1/subscriptions.read', { roomId: 'GENERAL', extra: true }),
        typedBody(
          "must have required property 'rid'\n must NOT have additional properties\n must match a schema in anyOf",
        ),
      );
    });

    it('roles and permissions: typed (roles.ts isRoleDeleteProps, rolesSyncQuerySchema; permissions.ts)', async () => {
      assertBody(await t.post('/api/v1/roles.delete', {}), typedBody("must have required property 'roleId'"));
      assertBody(
        await t.get('/api/v1/roles.getUsersInRole'),
        typedQuery("must have required property 'role'"),
      );
      assertBody(
        await t.post('/api/v1/permissions.update', { permissions: [{ _id: 'x' }] }),
        typedBody("must have required property 'roles'"),
      );
    });

    it('settings: typed queries (settings.ts isSettingsPublicWithPaginationProps, isSettingsGetParams)', async () => {
      assertBody(
        await t.inject({ method: 'GET', url: '/api/v1/settings.public?foo=1' }),
        typedQuery('must NOT have additional properties'),
      );
      assertBody(await t.get('/api/v1/settings?count=many'), typedQuery('must be number'));
    });
  });
}
