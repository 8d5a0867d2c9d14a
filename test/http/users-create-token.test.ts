// POST /api/v1/users.createToken: Rocket.Chat 8.x's secret gate (CREATE_TOKENS_FOR_USERS_SECRET) and its
// `user-generate-access-token` permission for someone else's token.
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { testStores } from '../helpers/test-stores.js';

const NOT_AUTHORIZED =
  '{"success":false,"error":"Not authorized [error-not-authorized]","errorType":"error-not-authorized"}';
const SECRET = 'a-long-shared-secret-for-tests';

for (const [storeName, factory] of testStores()) {
  describe(`POST /api/v1/users.createToken (${storeName})`, () => {
    let t: TestApp;
    afterEach(async () => t.dispose());

    it('answers 200 {data: {userId, authToken}} for the right secret, and the token logs the user in', async () => {
      t = await startTestApp(factory, { createTokensSecret: SECRET });
      const alice = await t.createUser({ username: 'alice' });
      const response = await t.post('/api/v1/users.createToken', { userId: alice.userId, secret: SECRET });
      assert.equal(response.statusCode, 200, response.body);
      const json = response.json();
      assert.deepEqual(Object.keys(json), ['data', 'success']);
      assert.equal(json.data.userId, alice.userId);
      const headers = { 'x-user-id': alice.userId, 'x-auth-token': json.data.authToken as string };
      const me = await t.get('/api/v1/me', { userId: alice.userId, token: json.data.authToken, headers });
      assert.equal(me.json().username, 'alice');
    });

    it('answers 400 error-not-authorized for a wrong secret, and for every secret while none is configured', async () => {
      t = await startTestApp(factory, { createTokensSecret: SECRET });
      const alice = await t.createUser({ username: 'alice' });
      const wrong = await t.post('/api/v1/users.createToken', { userId: alice.userId, secret: 'guess' });
      assert.equal(wrong.statusCode, 400);
      assert.equal(wrong.body, NOT_AUTHORIZED);
      await t.dispose();
      t = await startTestApp(factory);
      const bob = await t.createUser({ username: 'bob' });
      const unset = await t.post('/api/v1/users.createToken', { userId: bob.userId, secret: SECRET });
      assert.equal(unset.body, NOT_AUTHORIZED);
    });

    it('lets a user without user-generate-access-token make a token for themself only', async () => {
      t = await startTestApp(factory, { createTokensSecret: SECRET });
      const alice = await t.createUser({ username: 'alice' });
      const bob = await t.createUser({ username: 'bob' });
      const own = await t.post('/api/v1/users.createToken', { username: 'alice', secret: SECRET }, alice);
      assert.equal(own.statusCode, 200, own.body);
      const other = await t.post('/api/v1/users.createToken', { userId: bob.userId, secret: SECRET }, alice);
      assert.equal(other.body, NOT_AUTHORIZED);
    });

    it('answers 400 invalid-params without a secret and error-invalid-user for an unknown user', async () => {
      t = await startTestApp(factory, { createTokensSecret: SECRET });
      const missing = await t.post('/api/v1/users.createToken', { userId: t.admin.userId });
      assert.equal(missing.statusCode, 400);
      assert.equal(missing.json().errorType, 'invalid-params');
      const unknown = await t.post('/api/v1/users.createToken', { userId: 'nobody', secret: SECRET });
      assert.equal(unknown.json().errorType, 'error-invalid-user');
    });
  });
}
