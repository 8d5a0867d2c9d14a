// POST /api/v1/login: every body form (flat, Meteor's, form-encoded), the 401s, 400 for malformed bodies.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { hashLoginToken } from '../../src/core/auth/login-tokens.js';
import { ADMIN_PASSWORD, startTestApp, type TestApp } from '../helpers/test-app.js';
import { testStores } from '../helpers/test-stores.js';

const LOGIN_FAILED = '{"success":false,"status":"error","error":"Unauthorized","message":"Unauthorized"}';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

for (const [storeName, factory] of testStores()) {
  describe(`POST /api/v1/login (${storeName})`, () => {
    let t: TestApp;
    beforeEach(async () => {
      t = await startTestApp(factory);
      await t.createUser({ username: 'alice', email: 'Alice@Example.com', password: 'alice-secret' });
    });
    afterEach(async () => t.dispose());

    const login = (payload: unknown, headers: Record<string, string> = {}) =>
      t.inject({ method: 'POST', url: '/api/v1/login', payload: payload as object, headers });

    const bodies: Array<[string, unknown]> = [
      ['{user: username, password}', { user: 'alice', password: 'alice-secret' }],
      ['{user: email, password}', { user: 'alice@example.com', password: 'alice-secret' }],
      ['{username, password}', { username: 'alice', password: 'alice-secret' }],
      ['{email, password}', { email: ' ALICE@example.com ', password: 'alice-secret' }],
      [
        '{user, password: {digest, algorithm: "sha-256"}}',
        { user: 'alice', password: { digest: sha256('alice-secret'), algorithm: 'sha-256' } },
      ],
      [
        '{username, password: upper-case digest}',
        {
          username: 'alice',
          password: { digest: sha256('alice-secret').toUpperCase(), algorithm: 'sha-256' },
        },
      ],
      ['{user: username in another case, password}', { user: 'ALICE', password: 'alice-secret' }],
      // Meteor's own body, which Rocket.Chat's loginCompatibility hands to Meteor unchanged (RC e2e
      // miscellaneous.ts "/login (wrapper username)" and "(wrapper email)").
      ['Meteor {user: {username}, password}', { user: { username: 'alice' }, password: 'alice-secret' }],
      [
        'Meteor {user: {email}, password}',
        { user: { email: 'alice@example.com' }, password: 'alice-secret' },
      ],
      [
        'Meteor {user: {username}, password: {digest, algorithm}}',
        { user: { username: 'alice' }, password: { digest: sha256('alice-secret'), algorithm: 'sha-256' } },
      ],
      [
        "Meteor's 2FA wrapper {totp: {login: {user, password}}} without a code",
        { totp: { login: { user: { username: 'alice' }, password: 'alice-secret' } } },
      ],
    ];
    for (const [form, body] of bodies) {
      it(`answers 200 with userId, a working authToken and me for ${form}`, async () => {
        const response = await login(body);
        assert.equal(response.statusCode, 200, response.body);
        const json = response.json();
        assert.deepEqual(Object.keys(json), ['status', 'data', 'success']);
        assert.equal(json.status, 'success');
        assert.equal(json.success, true);
        const alice = await t.store.users.findByUsername('alice');
        assert.equal(json.data.userId, alice?._id);
        assert.match(json.data.authToken, /^[A-Za-z0-9_-]{43}$/);
        assert.equal(json.data.me.username, 'alice');
        assert.deepEqual(json.data.me.services, { password: { exists: true } });
        const me = await t.get('/api/v1/me', {
          userId: json.data.userId,
          token: json.data.authToken,
          headers: { 'x-user-id': json.data.userId, 'x-auth-token': json.data.authToken },
        });
        assert.equal(me.statusCode, 200);
        assert.equal(me.json()._id, alice?._id);
      });
    }

    it('stores only {when, hashedToken} of the new token and records lastLogin', async () => {
      const before = new Date().toISOString();
      const { userId, token } = await t.login('alice', 'alice-secret');
      const tokens = await t.store.tokens.listOfUser(userId, 'login');
      const stored = tokens.find((entry) => entry.hashedToken === hashLoginToken(token));
      assert.ok(stored, 'the token is stored by its hash');
      assert.ok(stored.when >= before);
      assert.equal(
        tokens.some((entry) => JSON.stringify(entry).includes(token)),
        false,
        'the raw token is not stored',
      );
      const alice = await t.store.users.findById(userId);
      assert.ok(typeof alice?.lastLogin === 'string' && alice.lastLogin >= before);
    });

    it('issues a new token on every password login', async () => {
      const first = await t.login('alice', 'alice-secret');
      const second = await t.login('alice', 'alice-secret');
      assert.notEqual(first.token, second.token);
      assert.equal((await t.get('/api/v1/me', first)).statusCode, 200);
      assert.equal((await t.get('/api/v1/me', second)).statusCode, 200);
    });

    it('answers a resume login with the same token and the user', async () => {
      const { userId, token } = await t.login('alice', 'alice-secret');
      const response = await login({ resume: token });
      assert.equal(response.statusCode, 200, response.body);
      assert.equal(response.json().data.userId, userId);
      assert.equal(response.json().data.authToken, token);
      assert.equal(response.json().data.me.username, 'alice');
    });

    it('accepts and ignores the x-2fa-code and x-2fa-method headers', async () => {
      const response = await login(
        { user: 'alice', password: 'alice-secret' },
        { 'x-2fa-code': '123456', 'x-2fa-method': 'totp' },
      );
      assert.equal(response.statusCode, 200);
    });

    const failures: Array<[string, unknown]> = [
      ['an unknown username', { user: 'nobody', password: 'alice-secret' }],
      ['an unknown email', { email: 'nobody@example.com', password: 'alice-secret' }],
      ['a wrong password', { user: 'alice', password: 'wrong' }],
      ['a wrong digest', { user: 'alice', password: { digest: sha256('wrong'), algorithm: 'sha-256' } }],
      [
        'an unsupported algorithm',
        { user: 'alice', password: { digest: sha256('alice-secret'), algorithm: 'md5' } },
      ],
      [
        'a digest that is not hex',
        { user: 'alice', password: { digest: 'alice-secret', algorithm: 'sha-256' } },
      ],
      ['an unknown resume token', { resume: 'not-a-token' }],
      ['an empty resume token', { resume: '' }],
      ['a password without a user', { password: 'alice-secret' }],
      ['a user without a password', { user: 'alice' }],
      ['an empty object', {}],
    ];
    for (const [cause, body] of failures) {
      it(`answers the login 401 for ${cause}`, async () => {
        const response = await login(body);
        assert.equal(response.statusCode, 401);
        assert.equal(response.body, LOGIN_FAILED);
      });
    }

    it("logs in with Meteor's {user: {id}, password} selector", async () => {
      const alice = await t.store.users.findByUsername('alice');
      const response = await login({ user: { id: alice!._id }, password: 'alice-secret' });
      assert.equal(response.statusCode, 200, response.body);
      assert.equal(response.json().data.userId, alice!._id);
    });

    it('answers the login 401 for a Meteor selector naming two fields (Meteor: exactly one)', async () => {
      const response = await login({
        user: { username: 'alice', email: 'alice@example.com' },
        password: 'x',
      });
      assert.equal(response.statusCode, 401);
      assert.equal(response.body, LOGIN_FAILED);
    });

    it('logs in with a form body user=…&password=… (RC parseBodyParams reads form bodies)', async () => {
      const response = await t.inject({
        method: 'POST',
        url: '/api/v1/login',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'user=alice&password=alice-secret',
      });
      assert.equal(response.statusCode, 200, response.body);
      assert.equal(response.json().data.me.username, 'alice');
    });

    it('answers the login 401 for a form body with a wrong password, and 400 for a form body over the limit', async () => {
      const wrong = await t.inject({
        method: 'POST',
        url: '/api/v1/login',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'username=alice&password=wrong',
      });
      assert.equal(wrong.statusCode, 401);
      assert.equal(wrong.body, LOGIN_FAILED);
      const huge = await t.inject({
        method: 'POST',
        url: '/api/v1/login',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: `user=alice&password=${'x'.repeat(1_100_000)}`,
      });
      assert.equal(huge.statusCode, 400);
      assert.equal(huge.json().error, 'Request body is too large [error-body-too-large]');
    });

    it('answers 401 error-user-is-not-activated for a deactivated user with the right password (RC validateLoginAttempt)', async () => {
      const alice = await t.store.users.findByUsername('alice');
      await t.store.users.update(alice!._id, (doc) => ({ ...doc, active: false }));
      const response = await login({ user: 'alice', password: 'alice-secret' });
      assert.equal(response.statusCode, 401);
      assert.equal(
        response.body,
        '{"success":false,"error":"error-user-is-not-activated","status":"error","details":{"function":"Accounts.validateLoginAttempt"},"message":"User is not activated"}',
      );
    });

    it('answers the one login 401 for a deactivated user with a wrong password', async () => {
      const alice = await t.store.users.findByUsername('alice');
      await t.store.users.update(alice!._id, (doc) => ({ ...doc, active: false }));
      const response = await login({ user: 'alice', password: 'wrong' });
      assert.equal(response.statusCode, 401);
      assert.equal(response.body, LOGIN_FAILED);
    });

    it('answers the login 401 for a user without a password', async () => {
      await t.createUser({ username: 'nopass' });
      const response = await login({ user: 'nopass', password: '' });
      assert.equal(response.statusCode, 401);
      assert.equal(response.body, LOGIN_FAILED);
    });

    it('answers the login 401 for a resume token past Accounts_LoginExpiration', async () => {
      const alice = await t.store.users.findByUsername('alice');
      await t.store.settings.save({ _id: 'Accounts_LoginExpiration', value: 2, type: 'int' });
      const old = await t.issueToken(alice!._id, new Date(Date.now() - 3 * 86_400_000));
      const response = await login({ resume: old.token });
      assert.equal(response.statusCode, 401);
      assert.equal(response.body, LOGIN_FAILED);
    });

    const malformed: Array<[string, Record<string, string>, string | undefined]> = [
      ['a body that is not JSON', { 'content-type': 'application/json' }, '{"user":'],
      ['a JSON array', { 'content-type': 'application/json' }, '[1,2]'],
      ['a numeric password', { 'content-type': 'application/json' }, '{"user":"alice","password":123}'],
      [
        'a Meteor selector with a numeric username',
        { 'content-type': 'application/json' },
        '{"user":{"username":1},"password":"x"}',
      ],
      [
        'a digest without algorithm',
        { 'content-type': 'application/json' },
        '{"user":"alice","password":{"digest":"ab"}}',
      ],
      ['a numeric resume token', { 'content-type': 'application/json' }, '{"resume":42}'],
      ['a text/plain body', { 'content-type': 'text/plain' }, 'user=alice'],
      ['no body at all', {}, undefined],
    ];
    for (const [what, headers, payload] of malformed) {
      it(`answers a 400 envelope, never a 500, for ${what}`, async () => {
        const response = await t.inject({
          method: 'POST',
          url: '/api/v1/login',
          headers,
          ...(payload !== undefined ? { payload } : {}),
        });
        assert.equal(response.statusCode, 400, response.body);
        assert.equal(response.json().success, false);
        assert.equal(typeof response.json().error, 'string');
      });
    }

    it('logs the bootstrapped admin in with the password given at first start', async () => {
      const response = await login({ username: 'admin', password: ADMIN_PASSWORD });
      assert.equal(response.statusCode, 200);
      assert.equal(response.json().data.userId, t.admin.userId);
    });
  });
}
