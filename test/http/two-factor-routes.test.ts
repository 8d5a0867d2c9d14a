// Rocket.Chat's `twoFactorRequired` routes (users.update, the personal access token routes, POST settings/:_id):
// the password fallback, TOTP, bypassTwoFactor tokens, the RememberFor window after registration, the settings.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { Json } from '../../src/core/documents.js';
import { ADMIN_PASSWORD, startTestApp, type Credentials, type TestApp } from '../helpers/test-app.js';
import { testStores } from '../helpers/test-stores.js';
import { passwordTwoFactor, TOTP_SECRET, totpCode } from '../helpers/two-factor.js';

const PASSWORD_REQUIRED =
  '{"success":false,"error":"TOTP Required [totp-required]","errorType":"totp-required","details":{"method":"password","codeGenerated":false,"availableMethods":[]}}';
const PASSWORD_INVALID =
  '{"success":false,"error":"TOTP Invalid [totp-invalid]","errorType":"totp-invalid","details":{"method":"password","codeGenerated":false,"availableMethods":[]}}';

/** Two hours on: every user made by the test is past RememberFor's 30 minutes after registration. */
const later = () => new Date(Date.now() + 2 * 3_600_000);

for (const [storeName, factory] of testStores()) {
  describe(`twoFactorRequired routes (${storeName})`, () => {
    let t: TestApp;
    let alice: Credentials;
    beforeEach(async () => {
      t = await startTestApp(factory, { clock: later });
      alice = await t.createUser({ username: 'alice', password: 'alice-secret' });
    });
    afterEach(async () => t.dispose());

    const post = (url: string, body: object, as: Credentials, extra: Record<string, string> = {}) =>
      t.inject({ method: 'POST', url, payload: body, headers: { ...as.headers, ...extra } });
    const generate = (as: Credentials, extra: Record<string, string> = {}, name = 'ci') =>
      post('/api/v1/users.generatePersonalAccessToken', { tokenName: name }, as, extra);
    const setSetting = (id: string, value: Json) => t.store.settings.save({ _id: id, value });

    it("answers 400 totp-required {method: 'password'} without x-2fa-code (Enforce_Password_Fallback)", async () => {
      const response = await generate(alice);
      assert.equal(response.statusCode, 400);
      assert.equal(response.body, PASSWORD_REQUIRED);
    });

    it('accepts the sha256 hex of the password as x-2fa-code with x-2fa-method password', async () => {
      const response = await generate(alice, passwordTwoFactor('alice-secret'));
      assert.equal(response.statusCode, 200, response.body);
      assert.match(response.json().token, /^[A-Za-z0-9_-]{43}$/);
    });

    it('answers 400 totp-invalid for the digest of a wrong password', async () => {
      const response = await generate(alice, passwordTwoFactor('wrong'));
      assert.equal(response.statusCode, 400);
      assert.equal(response.body, PASSWORD_INVALID);
    });

    it('asks regenerate and remove for the second factor too, and they work with it', async () => {
      const code = passwordTwoFactor('alice-secret');
      assert.equal((await generate(alice, code)).statusCode, 200);
      const body = { tokenName: 'ci' };
      assert.equal(
        (await post('/api/v1/users.regeneratePersonalAccessToken', body, alice)).body,
        PASSWORD_REQUIRED,
      );
      assert.equal(
        (await post('/api/v1/users.regeneratePersonalAccessToken', body, alice, code)).statusCode,
        200,
      );
      assert.equal(
        (await post('/api/v1/users.removePersonalAccessToken', body, alice)).body,
        PASSWORD_REQUIRED,
      );
      assert.equal(
        (await post('/api/v1/users.removePersonalAccessToken', body, alice, code)).statusCode,
        200,
      );
    });

    it('lets a personal access token made with bypassTwoFactor skip the check, and one without not', async () => {
      const code = passwordTwoFactor('alice-secret');
      const made = async (name: string, bypassTwoFactor: boolean) => {
        const response = await post(
          '/api/v1/users.generatePersonalAccessToken',
          { tokenName: name, bypassTwoFactor },
          alice,
          code,
        );
        const token = response.json().token as string;
        return { userId: alice.userId, token, headers: { 'x-user-id': alice.userId, 'x-auth-token': token } };
      };
      const bypassing = await made('bot', true);
      assert.equal((await generate(bypassing, {}, 'from-bot')).statusCode, 200);
      const plain = await made('script', false);
      assert.equal((await generate(plain, {}, 'from-script')).body, PASSWORD_REQUIRED);
    });

    it('skips the check within RememberFor seconds of registration, and not with RememberFor 0', async () => {
      const fresh = await t.createUser({
        username: 'fresh',
        password: 'fresh-secret',
        extra: { createdAt: later().toISOString() },
      });
      assert.equal((await generate(fresh)).statusCode, 200);
      await setSetting('Accounts_TwoFactorAuthentication_RememberFor', 0);
      assert.equal((await generate(fresh, {}, 'second')).statusCode, 400);
    });

    it('asks a TOTP user for the TOTP code, refusing the password digest', async () => {
      await t.store.users.update(alice.userId, (doc) => ({
        ...doc,
        services: { ...doc.services, totp: { enabled: true, secret: TOTP_SECRET } },
      }));
      const required = await generate(alice);
      assert.deepEqual(required.json().details, {
        method: 'totp',
        codeGenerated: false,
        availableMethods: ['totp'],
      });
      assert.equal(
        (await generate(alice, passwordTwoFactor('alice-secret'))).json().errorType,
        'totp-invalid',
      );
      const ok = await generate(alice, { 'x-2fa-code': totpCode(later()), 'x-2fa-method': 'totp' });
      assert.equal(ok.statusCode, 200, ok.body);
    });

    it('does not ask a user without a password and without 2FA (no method to ask for)', async () => {
      const nopass = await t.createUser({ username: 'nopass' });
      assert.equal((await generate(nopass)).statusCode, 200);
    });

    it('does not ask while Enforce_Password_Fallback or Accounts_TwoFactorAuthentication_Enabled is false', async () => {
      await setSetting('Accounts_TwoFactorAuthentication_Enforce_Password_Fallback', false);
      assert.equal((await generate(alice, {}, 'one')).statusCode, 200);
      await setSetting('Accounts_TwoFactorAuthentication_Enforce_Password_Fallback', true);
      await setSetting('Accounts_TwoFactorAuthentication_Enabled', false);
      assert.equal((await generate(alice, {}, 'two')).statusCode, 200);
    });

    it('asks users.update for the second factor and updates with it', async () => {
      const body = { userId: alice.userId, data: { name: 'Alice A.' } };
      assert.equal((await post('/api/v1/users.update', body, t.admin)).body, PASSWORD_REQUIRED);
      const response = await post('/api/v1/users.update', body, t.admin, passwordTwoFactor(ADMIN_PASSWORD));
      assert.equal(response.statusCode, 200, response.body);
      assert.equal(response.json().user.name, 'Alice A.');
    });

    it('answers POST settings/:_id 403 before the second factor for a caller without edit-privileged-setting', async () => {
      const url = '/api/v1/settings/Accounts_LoginExpiration';
      assert.equal((await post(url, { value: 30 }, alice)).statusCode, 403);
      assert.equal((await post(url, { value: 30 }, t.admin)).body, PASSWORD_REQUIRED);
      const response = await post(url, { value: 30 }, t.admin, passwordTwoFactor(ADMIN_PASSWORD));
      assert.equal(response.statusCode, 200, response.body);
    });

    it('reads and writes the 2FA settings with their Rocket.Chat defaults', async () => {
      const read = await t.get('/api/v1/settings/Accounts_TwoFactorAuthentication_RememberFor');
      assert.equal(
        read.body,
        '{"_id":"Accounts_TwoFactorAuthentication_RememberFor","value":1800,"success":true}',
      );
      const wrong = await post(
        '/api/v1/settings/Accounts_TwoFactorAuthentication_Enabled',
        { value: 'no' },
        t.admin,
        passwordTwoFactor(ADMIN_PASSWORD),
      );
      assert.equal(wrong.json().errorType, 'error-invalid-setting-value');
    });
  });
}
