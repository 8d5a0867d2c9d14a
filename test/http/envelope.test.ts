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

    it('sends nosniff and X-Frame-Options DENY on answers and errors (security F25)', async () => {
      for (const url of ['/api/info', '/api/v1/me', '/api/v1/no-such-route']) {
        const response = await t.inject({ method: 'GET', url });
        assert.equal(response.headers['x-content-type-options'], 'nosniff', url);
        assert.equal(response.headers['x-frame-options'], 'DENY', url);
      }
    });

    it("answers GET /api/info anonymously as Rocket.Chat 8.5's getServerInfo: version 8.5, minimumClientVersions, Roster's version apart", async () => {
      const response = await t.inject({ method: 'GET', url: '/api/info' });
      assert.equal(response.statusCode, 200);
      assert.equal(
        response.body,
        '{"version":"8.5","minimumClientVersions":{"desktop":"3.9.6","mobile":"4.39.0"},"rosterVersion":"0.0","success":true}',
      );
    });

    it('answers GET /api/info to a view-statistics holder with the full version and info, as getServerInfo does', async () => {
      const response = await t.inject({ method: 'GET', url: '/api/info', headers: t.admin.headers });
      assert.equal(response.statusCode, 200);
      const body = response.json();
      assert.deepEqual(Object.keys(body), [
        'version',
        'info',
        'minimumClientVersions',
        'rosterVersion',
        'success',
      ]);
      assert.equal(body.version, '8.5.0');
      assert.equal(body.rosterVersion, '0.0.0-test');
      assert.deepEqual(Object.keys(body.info), ['version', 'build', 'marketplaceApiVersion', 'commit']);
      assert.equal(body.info.version, '8.5.0');
      assert.equal(body.info.build.nodeVersion, process.version);
      const plain = await t.createUser({ username: 'plain' });
      const limited = await t.inject({ method: 'GET', url: '/api/info', headers: plain.headers });
      assert.equal(limited.json().version, '8.5', 'a user without view-statistics gets the anonymous form');
      const bad = await t.inject({
        method: 'GET',
        url: '/api/info',
        headers: { 'x-user-id': 'x', 'x-auth-token': 'y' },
      });
      assert.equal(bad.statusCode, 200, 'bad credentials make the caller anonymous, never a 401');
      assert.equal(bad.json().version, '8.5');
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
