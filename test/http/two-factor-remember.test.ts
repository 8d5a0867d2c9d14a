// A second factor passed on a `twoFactorRequired` route is remembered on the token for RememberFor seconds, for
// that client only (Rocket.Chat's checkCodeForUser → rememberAuthorization, isAuthorizedForToken).
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { hashLoginToken } from '../../src/core/auth/login-tokens.js';
import type { Json } from '../../src/core/documents.js';
import { startTestApp, type Credentials, type TestApp } from '../helpers/test-app.js';
import { testStores } from '../helpers/test-stores.js';
import { passwordTwoFactor } from '../helpers/two-factor.js';

const REQUIRED = 'totp-required';

for (const [storeName, factory] of testStores()) {
  describe(`a remembered second factor (${storeName})`, () => {
    let t: TestApp;
    let alice: Credentials;
    // Two hours on, so RememberFor's window after registration is over for every user of the test.
    let now: Date;
    beforeEach(async () => {
      now = new Date(Date.now() + 2 * 3_600_000);
      t = await startTestApp(factory, { clock: () => now });
      alice = await t.createUser({ username: 'alice', password: 'alice-secret' });
    });
    afterEach(async () => t.dispose());

    const code = () => passwordTwoFactor('alice-secret');
    const generate = (name: string, as: Credentials, headers: Record<string, string> = {}) =>
      t.inject({
        method: 'POST',
        url: '/api/v1/users.generatePersonalAccessToken',
        payload: { tokenName: name },
        headers: { ...as.headers, ...headers },
      });
    const storedToken = async (as: Credentials) =>
      (await t.store.tokens.findSession(hashLoginToken(as.token)))?.token;
    const setSetting = (id: string, value: Json) => t.store.settings.save({ _id: id, value });

    it('asks nothing on the next route within RememberFor after a passed check, and writes the window on the token', async () => {
      assert.equal((await generate('first', alice, code())).statusCode, 200);
      const token = await storedToken(alice);
      assert.equal(token?.twoFactorAuthorizedUntil, new Date(now.getTime() + 1800 * 1000).toISOString());
      assert.match(token?.twoFactorAuthorizedHash ?? '', /^[0-9a-f]{32}$/);
      const again = await generate('second', alice);
      assert.equal(again.statusCode, 200, again.body);
      const update = await t.post(
        '/api/v1/users.update',
        { userId: alice.userId, data: { bio: 'hi' } },
        alice,
      );
      assert.equal(update.statusCode, 200, update.body);
    });

    it('asks again once RememberFor has passed', async () => {
      assert.equal((await generate('first', alice, code())).statusCode, 200);
      now = new Date(now.getTime() + 1801 * 1000);
      const late = await generate('second', alice);
      assert.equal(late.statusCode, 400);
      assert.equal(late.json().errorType, REQUIRED);
    });

    it('holds for the same client only: another user agent, or another token of the user, is asked again', async () => {
      assert.equal((await generate('first', alice, code())).statusCode, 200);
      const otherAgent = await generate('second', alice, { 'user-agent': 'another-client/1.0' });
      assert.equal(otherAgent.statusCode, 400);
      assert.equal(otherAgent.json().errorType, REQUIRED);
      const otherToken = await t.issueToken(alice.userId, now);
      const fromOtherToken = await generate('third', otherToken);
      assert.equal(fromOtherToken.statusCode, 400);
      assert.equal(fromOtherToken.json().errorType, REQUIRED);
    });

    it('remembers nothing after a wrong code, nor with RememberFor 0', async () => {
      assert.equal((await generate('first', alice, passwordTwoFactor('wrong'))).statusCode, 400);
      assert.equal((await storedToken(alice))?.twoFactorAuthorizedUntil, undefined);
      await setSetting('Accounts_TwoFactorAuthentication_RememberFor', 0);
      assert.equal((await generate('first', alice, code())).statusCode, 200);
      assert.equal((await storedToken(alice))?.twoFactorAuthorizedUntil, undefined);
      const again = await generate('second', alice);
      assert.equal(again.statusCode, 400);
      assert.equal(again.json().errorType, REQUIRED);
    });
  });
}
