// Every admin endpoint sits behind authentication: no or a bad token is Rocket.Chat's 401, before any check.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { testStores } from '../helpers/test-stores.js';

const UNAUTHORIZED_BODY =
  '{"success":false,"error":"You must be logged in to do this.","status":"error","message":"You must be logged in to do this."}';

const ENDPOINTS: Array<['GET' | 'POST', string]> = [
  ['POST', '/api/v1/users.create'],
  ['POST', '/api/v1/users.update'],
  ['POST', '/api/v1/users.setActiveStatus'],
  ['POST', '/api/v1/users.delete'],
  ['GET', '/api/v1/users.list'],
  ['GET', '/api/v1/users.listByStatus'],
  ['POST', '/api/v1/voip-freeswitch.extension.assign'],
  ['GET', '/api/v1/permissions.listAll'],
  ['POST', '/api/v1/permissions.update'],
  ['GET', '/api/v1/roles.list'],
  ['POST', '/api/v1/roles.addUserToRole'],
  ['POST', '/api/v1/roles.removeUserFromRole'],
  ['GET', '/api/v1/roles.getUsersInRole'],
  ['GET', '/api/v1/roles.sync'],
  ['POST', '/api/v1/roles.create'],
  ['POST', '/api/v1/roles.update'],
  ['POST', '/api/v1/roles.delete'],
  ['GET', '/api/v1/settings'],
  ['GET', '/api/v1/settings/Accounts_CustomFields'],
  ['POST', '/api/v1/settings/Accounts_CustomFields'],
];

for (const [storeName, factory] of testStores()) {
  describe(`admin endpoints authentication (${storeName})`, () => {
    let t: TestApp;
    beforeEach(async () => (t = await startTestApp(factory)));
    afterEach(async () => t.dispose());

    it('answers 401 without credentials and with a wrong token on every admin endpoint', async () => {
      const wrong = { 'x-user-id': t.admin.userId, 'x-auth-token': 'not-a-token' };
      for (const [method, url] of ENDPOINTS) {
        for (const headers of [{}, wrong]) {
          const response = await t.inject({
            method,
            url,
            headers,
            ...(method === 'POST' ? { payload: {} } : {}),
          });
          assert.equal(response.statusCode, 401, `${method} ${url}`);
          assert.equal(response.body, UNAUTHORIZED_BODY);
        }
      }
    });
  });
}
