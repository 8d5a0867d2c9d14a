// Security F7/F12: profile fields bounded as Rocket.Chat bounds them, names filtered, NUL and lone surrogates refused.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { testStores } from '../helpers/test-stores.js';
import { assertDomainError, newUserBody } from './admin-fixtures.js';

for (const [storeName, factory] of testStores()) {
  describe(`profile bounds (${storeName})`, () => {
    let t: TestApp;
    beforeEach(async () => (t = await startTestApp(factory)));
    afterEach(async () => t.dispose());

    const selfUpdate = async (data: Record<string, unknown>) => {
      const me = await t.createUser({ username: 'mallory' });
      return { me, response: await t.post('/api/v1/users.update', { userId: me.userId, data }, me) };
    };

    it('refuses a bio over 260 and a nickname over 120 characters with Rocket.Chat errors, accepts the limits', async () => {
      const { me, response } = await selfUpdate({ bio: 'b'.repeat(261) });
      assertDomainError(response, 'error-bio-size-exceeded', 'Bio size exceeds 260 characters');
      const nick = await t.post(
        '/api/v1/users.update',
        { userId: me.userId, data: { nickname: 'n'.repeat(121) } },
        me,
      );
      assertDomainError(nick, 'error-nickname-size-exceeded', 'Nickname size exceeds 120 characters');
      const ok = await t.post(
        '/api/v1/users.update',
        { userId: me.userId, data: { bio: 'b'.repeat(260), nickname: 'n'.repeat(120) } },
        me,
      );
      assert.equal(ok.statusCode, 200, ok.body);
      const created = await t.post('/api/v1/users.create', newUserBody('carol', { bio: 'x'.repeat(261) }));
      assertDomainError(created, 'error-bio-size-exceeded', 'Bio size exceeds 260 characters');
    });

    it('keeps statusText trimmed and cut at 120 characters, as setStatusText does', async () => {
      const { me, response } = await selfUpdate({ statusText: `  ${'s'.repeat(500)}  ` });
      assert.equal(response.statusCode, 200, response.body);
      assert.equal((await t.store.users.findById(me.userId))?.statusText, 's'.repeat(120));
    });

    it('refuses names with < > / \\ (also URI-encoded) with validateNameChars’ answer', async () => {
      for (const name of ['<img src=x onerror=alert(1)>', 'a/b', 'a\\b', 'x%3Cy', '%E0%A4%A']) {
        const { response } = await selfUpdate({ name });
        assert.equal(response.statusCode, 400, name);
        assert.deepEqual(response.json(), { success: false, error: 'Name contains invalid characters' });
        await t.store.users.delete((await t.store.users.findByUsername('mallory'))!._id);
      }
      const created = await t.post('/api/v1/users.create', newUserBody('dave', { name: 'Dave <b>' }));
      assert.deepEqual(created.json(), { success: false, error: 'Name contains invalid characters' });
    });

    it('refuses an unknown status and names/usernames longer than 255', async () => {
      const { me, response } = await selfUpdate({ status: '<b>x</b>' });
      assert.equal(response.statusCode, 400, response.body);
      assert.equal(response.json().errorType, 'invalid-params');
      for (const data of [{ name: 'n'.repeat(256) }, { username: 'u'.repeat(256) }]) {
        const long = await t.post('/api/v1/users.update', { userId: me.userId, data }, me);
        assert.equal(long.statusCode, 400, long.body);
        assert.match(long.json().error, /must NOT have more than 255 characters/);
      }
      const away = await t.post('/api/v1/users.update', { userId: me.userId, data: { status: 'away' } }, me);
      assert.equal(away.statusCode, 200, away.body);
    });

    it('refuses NUL and lone surrogates in every stored string of users.create/update, and keeps astral characters', async () => {
      const me = await t.createUser({ username: 'mallory' });
      for (const data of [
        { name: 'Mal\u0000lory' },
        { nickname: '\ud800' },
        { bio: 'x\udc00' },
        { statusText: '\u0000' },
        { customFields: { any: 'a\u0000' } },
      ]) {
        const response = await t.post('/api/v1/users.update', { userId: me.userId, data }, me);
        assert.equal(response.statusCode, 400, JSON.stringify(data));
        assert.equal(response.json().errorType, 'invalid-params');
      }
      const create = await t.post('/api/v1/users.create', newUserBody('nul\u0000'));
      assert.equal(create.statusCode, 400);
      const astral = await t.post(
        '/api/v1/users.update',
        { userId: me.userId, data: { name: 'Émoji 😀' } },
        me,
      );
      assert.equal(astral.statusCode, 200, astral.body);
      // The listing that broke on PostgreSQL (security F12) still answers.
      const list = await t.get('/api/v1/users.list?sort={"name":1}');
      assert.equal(list.statusCode, 200, list.body);
    });
  });
}
