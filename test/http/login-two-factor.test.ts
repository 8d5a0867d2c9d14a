// POST /api/v1/login for users with a second factor: Rocket.Chat's totp-required / totp-invalid answers, codes
// from the body, the x-2fa-code header or Meteor's totp wrapper, backup codes and the 2FA settings.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { Json } from '../../src/core/documents.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { testStores } from '../helpers/test-stores.js';
import { hashedBackupCode, TOTP_SECRET, totpCode } from '../helpers/two-factor.js';

const TOTP_REQUIRED =
  '{"success":false,"error":"totp-required","status":"error","details":{"method":"totp","codeGenerated":false,"availableMethods":["totp"]},"message":"TOTP Required"}';
const TOTP_INVALID =
  '{"success":false,"error":"totp-invalid","status":"error","details":{"method":"totp","codeGenerated":false,"availableMethods":["totp"]},"message":"TOTP Invalid"}';

for (const [storeName, factory] of testStores()) {
  describe(`POST /api/v1/login with a second factor (${storeName})`, () => {
    let t: TestApp;
    let aliceId: string;
    beforeEach(async () => {
      t = await startTestApp(factory);
      const { user } = await t.createUser({ username: 'alice', password: 'alice-secret' });
      aliceId = user._id;
      await addServices(aliceId, {
        totp: { enabled: true, secret: TOTP_SECRET, hashedBackup: [hashedBackupCode('backup12')] },
      });
    });
    afterEach(async () => t.dispose());

    const addServices = (userId: string, services: Record<string, Json>) =>
      t.store.users.update(userId, (doc) => ({ ...doc, services: { ...doc.services, ...services } }));
    const login = (payload: object, headers: Record<string, string> = {}) =>
      t.inject({ method: 'POST', url: '/api/v1/login', payload, headers });
    const setSetting = (id: string, value: Json) => t.store.settings.save({ _id: id, value });

    it('answers 401 totp-required with details {method, codeGenerated, availableMethods} without a code', async () => {
      const response = await login({ user: 'alice', password: 'alice-secret' });
      assert.equal(response.statusCode, 401);
      assert.equal(response.body, TOTP_REQUIRED);
    });

    it('logs in with a valid TOTP code in the body (loginCompatibility `code`)', async () => {
      const response = await login({ user: 'alice', password: 'alice-secret', code: totpCode() });
      assert.equal(response.statusCode, 200, response.body);
      assert.equal(response.json().data.userId, aliceId);
    });

    it('logs in with a valid TOTP code in the x-2fa-code header', async () => {
      const response = await login(
        { username: 'alice', password: 'alice-secret' },
        { 'x-2fa-code': totpCode() },
      );
      assert.equal(response.statusCode, 200, response.body);
    });

    it("logs in with Meteor's {totp: {login, code}} wrapper", async () => {
      const response = await login({
        totp: { login: { user: { username: 'alice' }, password: 'alice-secret' }, code: totpCode() },
      });
      assert.equal(response.statusCode, 200, response.body);
    });

    it('accepts the code of the previous 30 s step (MaxDelta 1) but not with MaxDelta 0', async () => {
      // Near the end of a step the login could land in the next one, two steps after "previous": start afresh.
      const intoStep = Date.now() % 30_000;
      if (intoStep > 25_000) await new Promise((resolve) => setTimeout(resolve, 30_000 - intoStep + 100));
      const previous = totpCode(new Date(Date.now() - 30_000));
      assert.equal(
        (await login({ user: 'alice', password: 'alice-secret', code: previous })).statusCode,
        200,
      );
      await setSetting('Accounts_TwoFactorAuthentication_MaxDelta', 0);
      const refused = await login({ user: 'alice', password: 'alice-secret', code: previous });
      // A step boundary between the two codes can make "previous" the current code: only then it passes.
      if (previous !== totpCode()) assert.equal(refused.body, TOTP_INVALID);
    });

    it('answers 401 totp-invalid for a wrong code', async () => {
      const wrong = totpCode() === '000000' ? '111111' : '000000';
      const response = await login({ user: 'alice', password: 'alice-secret', code: wrong });
      assert.equal(response.statusCode, 401);
      assert.equal(response.body, TOTP_INVALID);
    });

    it('accepts a backup code once, then answers totp-invalid for it', async () => {
      const first = await login({ user: 'alice', password: 'alice-secret', code: 'backup12' });
      assert.equal(first.statusCode, 200, first.body);
      const user = await t.store.users.findById(aliceId);
      assert.deepEqual((user?.services?.totp as { hashedBackup: string[] }).hashedBackup, []);
      const again = await login({ user: 'alice', password: 'alice-secret', code: 'backup12' });
      assert.equal(again.body, TOTP_INVALID);
    });

    it('answers the one login 401 for a wrong password, never revealing that TOTP is on', async () => {
      const response = await login({ user: 'alice', password: 'wrong', code: totpCode() });
      assert.equal(response.statusCode, 401);
      assert.equal(response.json().error, 'Unauthorized');
    });

    it('logs in without a code while Accounts_TwoFactorAuthentication_Enabled is false', async () => {
      await setSetting('Accounts_TwoFactorAuthentication_Enabled', false);
      assert.equal((await login({ user: 'alice', password: 'alice-secret' })).statusCode, 200);
    });

    it('logs in without a code while Accounts_TwoFactorAuthentication_By_TOTP_Enabled is false', async () => {
      await setSetting('Accounts_TwoFactorAuthentication_By_TOTP_Enabled', false);
      assert.equal((await login({ user: 'alice', password: 'alice-secret' })).statusCode, 200);
    });

    it('resumes a token without a code (loginHandler.ts skips resume logins)', async () => {
      const token = await t.issueToken(aliceId);
      const response = await login({ resume: token.token });
      assert.equal(response.statusCode, 200, response.body);
    });

    it('logs an e-mail-2FA user in with the password alone: Roster cannot deliver e-mail codes', async () => {
      const { user } = await t.createUser({ username: 'bob', password: 'bob-secret' });
      await addServices(user._id, { email2fa: { enabled: true } });
      const response = await login({ user: 'bob', password: 'bob-secret' });
      assert.equal(response.statusCode, 200, response.body);
    });

    it('answers totp-required at login only for TOTP, never asking a plain password user', async () => {
      await t.createUser({ username: 'carol', password: 'carol-secret' });
      assert.equal((await login({ user: 'carol', password: 'carol-secret' })).statusCode, 200);
    });
  });
}
