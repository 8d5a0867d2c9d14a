// Users and sessions written in Rocket.Chat's own format (Meteor's algorithms, rebuilt here) keep working.
import assert from 'node:assert/strict';
import bcrypt from 'bcrypt';
import { createHash, randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { StoredToken, UserDoc } from '../../src/core/documents.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { testStores } from '../helpers/test-stores.js';

/** Meteor accounts-password: bcrypt (10 rounds) of the lowercase hex SHA-256 of the password. */
async function meteorBcrypt(password: string, minor: 'a' | 'b'): Promise<string> {
  const digest = createHash('sha256').update(password).digest('hex');
  return bcrypt.hash(digest, await bcrypt.genSalt(10, minor));
}

/** Meteor's Random.secret(): 43 characters of base64 alphabet; Accounts._hashLoginToken: base64 sha256. */
function meteorLoginToken(): { raw: string; hashedToken: string } {
  const raw = randomBytes(32).toString('base64').replace(/[+/=]/g, 'x').slice(0, 43);
  return { raw, hashedToken: createHash('sha256').update(raw).digest('base64') };
}

/** A `users` document as a Rocket.Chat export holds it, services.resume included. */
async function rocketChatUser(when: Date, minor: 'a' | 'b') {
  const token = meteorLoginToken();
  const doc = {
    _id: 'rcUser0123456789',
    createdAt: '2023-07-10T16:44:58.548Z',
    username: 'test.john',
    emails: [{ address: 'test.john@test.com', verified: true }],
    type: 'user',
    status: 'offline',
    active: true,
    roles: ['user'],
    name: 'Test John',
    services: {
      password: { bcrypt: await meteorBcrypt('john-password', minor) },
      resume: { loginTokens: [{ when: when.toISOString(), hashedToken: token.hashedToken }] },
      email2fa: { enabled: false },
    },
  };
  return { doc, token };
}

/** Carries the export over as Roster stores it: resume tokens move to the token index, type 'login'. */
function carryOver(doc: Awaited<ReturnType<typeof rocketChatUser>>['doc']): {
  user: UserDoc;
  tokens: StoredToken[];
} {
  const { resume, ...services } = doc.services;
  const tokens = resume.loginTokens.map((entry) => ({
    hashedToken: entry.hashedToken,
    userId: doc._id,
    when: entry.when,
    type: 'login' as const,
  }));
  return { user: { ...doc, services }, tokens };
}

for (const [storeName, factory] of testStores()) {
  describe(`users carried over from Rocket.Chat (${storeName})`, () => {
    let t: TestApp;
    beforeEach(async () => (t = await startTestApp(factory)));
    afterEach(async () => t.dispose());

    for (const minor of ['a', 'b'] as const) {
      it(`logs in with the password behind a $2${minor}$ services.password.bcrypt, plain and as a digest`, async () => {
        const { doc } = await rocketChatUser(new Date(), minor);
        assert.match(doc.services.password.bcrypt, new RegExp(`^\\$2${minor}\\$10\\$`));
        const { user, tokens } = carryOver(doc);
        await t.store.bulkWrite({ users: [user], tokens }, 'ignore');
        const plain = await t.inject({
          method: 'POST',
          url: '/api/v1/login',
          payload: { user: 'test.john', password: 'john-password' },
        });
        assert.equal(plain.statusCode, 200, plain.body);
        assert.equal(plain.json().data.userId, 'rcUser0123456789');
        const digest = createHash('sha256').update('john-password').digest('hex');
        const hashed = await t.inject({
          method: 'POST',
          url: '/api/v1/login',
          payload: { email: 'test.john@test.com', password: { digest, algorithm: 'sha-256' } },
        });
        assert.equal(hashed.statusCode, 200, hashed.body);
      });
    }

    it('authenticates with a carried-over resume token, by headers and by a resume login', async () => {
      const { doc, token } = await rocketChatUser(new Date(Date.now() - 10 * 86_400_000), 'b');
      const { user, tokens } = carryOver(doc);
      await t.store.bulkWrite({ users: [user], tokens }, 'ignore');
      const headers = { 'x-user-id': 'rcUser0123456789', 'x-auth-token': token.raw };
      const me = await t.inject({ method: 'GET', url: '/api/v1/me', headers });
      assert.equal(me.statusCode, 200, me.body);
      assert.equal(me.json().username, 'test.john');
      assert.deepEqual(me.json().services, { password: { exists: true } });
      const resumed = await t.inject({
        method: 'POST',
        url: '/api/v1/login',
        payload: { resume: token.raw },
      });
      assert.equal(resumed.statusCode, 200);
      assert.equal(resumed.json().data.authToken, token.raw);
    });

    it('refuses a carried-over resume token older than Accounts_LoginExpiration', async () => {
      const { doc, token } = await rocketChatUser(new Date(Date.now() - 91 * 86_400_000), 'b');
      const { user, tokens } = carryOver(doc);
      await t.store.bulkWrite({ users: [user], tokens }, 'ignore');
      const headers = { 'x-user-id': 'rcUser0123456789', 'x-auth-token': token.raw };
      assert.equal((await t.inject({ method: 'GET', url: '/api/v1/me', headers })).statusCode, 401);
    });
  });
}
