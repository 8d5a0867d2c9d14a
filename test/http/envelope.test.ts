// The envelope every response shares: headers, 404 for unknown routes, /api/info, 401 without credentials.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { testStores } from '../helpers/test-stores.js';

for (const [storeName, factory] of testStores()) {
  describe(`envelope (${storeName})`, () => {
    let t: TestApp;
    beforeEach(async () => (t = await startTestApp(factory)));
    afterEach(async () => t.dispose());

    it('answers GET /api/info with the version and success, without authentication', async () => {
      const response = await t.inject({ method: 'GET', url: '/api/info' });
      assert.equal(response.statusCode, 200);
      assert.equal(response.body, '{"version":"0.0.0-test","success":true}');
    });

    it('sends application/json, no-store and no-cache on success and error responses', async () => {
      for (const url of ['/api/info', '/api/v1/nothing-here']) {
        const response = await t.inject({ method: 'GET', url });
        assert.equal(response.headers['content-type'], 'application/json');
        assert.equal(response.headers['cache-control'], 'no-store');
        assert.equal(response.headers.pragma, 'no-cache');
      }
    });

    it('answers 404 "Resource not found" for an unknown route', async () => {
      const response = await t.inject({ method: 'GET', url: '/api/v1/users.nothing' });
      assert.equal(response.statusCode, 404);
      assert.equal(response.body, '{"success":false,"error":"Resource not found"}');
    });
  });
}
