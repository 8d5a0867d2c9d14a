// POST /api/v1/users.updateOwnBasicInfo (saveUserProfile): current password for e-mail/password changes, and a
// new password logs out every other session and PAT of the user (security F1, F2).
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { startTestApp, type Credentials, type TestApp } from '../helpers/test-app.js';
import { testStores } from '../helpers/test-stores.js';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

for (const [storeName, factory] of testStores()) {
  describe(`users.updateOwnBasicInfo (${storeName})`, () => {
    let t: TestApp;
    let bob: Credentials;
    beforeEach(async () => {
      t = await startTestApp(factory);
      bob = await t.createUser({ username: 'bob', password: 'bob-pw' });
    });
    afterEach(async () => t.dispose());

    const save = (
      data: Record<string, unknown>,
      as: Credentials = bob,
      extra: Record<string, unknown> = {},
    ) => t.post('/api/v1/users.updateOwnBasicInfo', { data, ...extra }, as);
    const me = async (who: Credentials) => (await t.get('/api/v1/me', who)).statusCode;

    it('saves name, bio and nickname without a password and answers {user, success}', async () => {
      const response = await save({ name: 'Robert', bio: ' about ', nickname: 'rob' });
      assert.equal(response.statusCode, 200, response.body);
      const body = response.json();
      assert.equal(body.success, true);
      assert.equal(body.user._id, bob.userId);
      assert.equal(body.user.name, 'Robert');
      assert.equal(body.user.bio, 'about');
      assert.equal(body.user.services, undefined);
    });

    it('asks for currentPassword before a password or e-mail change (TOTP Required / Invalid)', async () => {
      for (const data of [{ newPassword: 'new-pw' }, { email: 'bob@evil.example' }]) {
        const missing = await save(data);
        assert.equal(missing.statusCode, 400, missing.body);
        assert.equal(missing.json().errorType, 'totp-required');
        assert.equal(missing.json().details.method, 'password');
        const wrong = await save({ ...data, currentPassword: sha256('guess') });
        assert.equal(wrong.statusCode, 400, wrong.body);
        assert.equal(wrong.json().errorType, 'totp-invalid');
      }
      await t.login('bob', 'bob-pw');
    });

    it('changes the password with the SHA-256 of the current one, keeps this session and revokes the others', async () => {
      const other = await t.issueToken(bob.userId);
      const pat = await t.post('/api/v1/users.generatePersonalAccessToken', { tokenName: 'bot' }, bob);
      assert.equal(pat.statusCode, 200, pat.body);
      const patToken = pat.json().token as string;
      const patCredentials = {
        ...bob,
        token: patToken,
        headers: { ...bob.headers, 'x-auth-token': patToken },
      };
      for (const who of [bob, other, patCredentials]) assert.equal(await me(who), 200);
      const response = await save({ newPassword: 'bob-new-pw', currentPassword: sha256('bob-pw') });
      assert.equal(response.statusCode, 200, response.body);
      assert.equal(await me(bob), 200);
      assert.equal(await me(other), 401);
      assert.equal(await me(patCredentials), 401);
      await t.login('bob', 'bob-new-pw');
    });

    it('refuses the same password and an over-long bio with saveUserProfile errors', async () => {
      const same = await save({ newPassword: 'bob-pw', currentPassword: sha256('bob-pw') });
      assert.equal(same.statusCode, 400);
      assert.equal(same.json().errorType, 'error-password-same-as-current');
      const bio = await save({ bio: 'x'.repeat(261) });
      assert.equal(bio.statusCode, 400);
      assert.equal(bio.json().error, 'Bio size exceeds 260 characters [error-bio-size-exceeded]');
      const unknown = await save({ password: 'x' });
      assert.equal(unknown.statusCode, 400);
      assert.equal(unknown.json().errorType, 'invalid-params');
    });
  });
}
