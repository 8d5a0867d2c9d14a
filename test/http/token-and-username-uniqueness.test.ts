// Security F6 and F11 over HTTP: PAT name length, count and uniqueness; usernames unique ignoring case under a race.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { startTestApp, type Credentials, type TestApp } from '../helpers/test-app.js';
import { testStores } from '../helpers/test-stores.js';
import { assertDomainError } from './admin-fixtures.js';

for (const [storeName, factory] of testStores()) {
  describe(`token names and usernames (${storeName})`, () => {
    let t: TestApp;
    let alice: Credentials;
    beforeEach(async () => {
      t = await startTestApp(factory);
      await t.store.settings.save({ _id: 'API_Enable_Rate_Limiter', type: 'boolean', value: false });
      alice = await t.createUser({ username: 'alice' });
    });
    afterEach(async () => t.dispose());

    const generate = (tokenName: string, who = alice) =>
      t.post('/api/v1/users.generatePersonalAccessToken', { tokenName }, who);

    it('refuses a token name over 100 characters or holding NUL / a lone surrogate with a 400', async () => {
      for (const name of ['n'.repeat(101), 'a\u0000b', 'x\ud800']) {
        const response = await generate(name);
        assert.equal(response.statusCode, 400, response.body);
        assert.equal(response.json().success, false);
      }
      assert.equal((await generate('n'.repeat(100))).statusCode, 200);
      assert.deepEqual(
        await t.store.tokens.listOfUser(alice.userId, 'personalAccessToken').then((l) => l.length),
        1,
      );
    });

    it('caps a user at 50 personal access tokens, and a removal makes room again', async () => {
      for (let i = 0; i < 50; i++) assert.equal((await generate(`t${i}`)).statusCode, 200);
      assertDomainError(
        await generate('one-more'),
        'error-too-many-tokens',
        'A user may hold at most 50 personal access tokens',
      );
      const removed = await t.post('/api/v1/users.removePersonalAccessToken', { tokenName: 't0' }, alice);
      assert.equal(removed.statusCode, 200);
      assert.equal((await generate('one-more')).statusCode, 200);
    });

    it('lets only one of two concurrent generates of the same name through', async () => {
      const answers = await Promise.all([generate('ci'), generate('ci'), generate('ci')]);
      assert.deepEqual(answers.map((a) => a.statusCode).sort(), [200, 400, 400]);
      for (const answer of answers.filter((a) => a.statusCode === 400)) {
        assertDomainError(answer, 'error-token-already-exists', 'A token with this name already exists');
      }
      assert.equal((await t.store.tokens.listOfUser(alice.userId, 'personalAccessToken')).length, 1);
    });

    it('lets only one of two concurrent renames to the same name ignoring case through (the other: already in use)', async () => {
      const bob = await t.createUser({ username: 'bob' });
      const rename = (who: Credentials, username: string) =>
        t.post(
          '/api/v1/users.update',
          { userId: who.userId, data: { username, password: `${username}-pw` } },
          who,
        );
      const [first, second] = await Promise.all([rename(alice, 'Zed9'), rename(bob, 'zed9')]);
      const codes = [first.statusCode, second.statusCode].sort();
      assert.deepEqual(codes, [200, 400], `${first.body} ${second.body}`);
      const loser = first.statusCode === 400 ? first : second;
      const taken = first.statusCode === 400 ? 'Zed9' : 'zed9';
      assertDomainError(loser, 'error-field-unavailable', `${taken} is already in use :(`);
      const create = await t.post('/api/v1/users.create', {
        username: 'ZED9',
        email: 'z@example.org',
        name: 'Z',
        password: 'pw',
      });
      assertDomainError(create, 'error-field-unavailable', 'ZED9 is already in use :(');
    });
  });
}
