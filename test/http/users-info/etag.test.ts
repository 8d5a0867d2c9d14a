// Conditional users.info (README "Beyond Rocket.Chat"): an ETag of the exact bytes, 304 on If-None-Match.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import type { Credentials, TestApp } from '../../helpers/test-app.js';
import { startTestApp } from '../../helpers/test-app.js';
import { testStores } from '../../helpers/test-stores.js';
import { setCustomFields, startUsersInfoApp, usersInfo } from './fixtures.js';

/** The tag restated independently: base64url SHA-256 of the body, first 22 characters, quoted. */
const tagOf = (body: string) =>
  `"${createHash('sha256').update(body, 'utf8').digest('base64url').slice(0, 22)}"`;

const conditional = (t: TestApp, query: string, tag: string, as: Credentials = t.admin) =>
  t.inject({
    method: 'GET',
    url: `/api/v1/users.info?${query}`,
    headers: { ...as.headers, 'if-none-match': tag },
  });

for (const [storeName, factory] of testStores()) {
  describe(`users.info ETag (${storeName})`, () => {
    let t: TestApp;
    let bob: Credentials;
    let carol: Credentials;
    before(async () => {
      t = await startUsersInfoApp(factory);
      bob = await t.createUser({ username: 'bob', extra: { customFields: { pub: 'p1', priv: 's1' } } });
      carol = await t.createUser({ username: 'carol' });
      await setCustomFields(t, JSON.stringify({ pub: { public: true }, priv: { public: false } }));
    });
    after(async () => t.dispose());

    it('tags every 200 with a strong tag of its exact bytes, and keeps Cache-Control no-store', async () => {
      for (const query of ['username=bob', 'username=bob&includeUserRooms=true', `userId=${bob.userId}`]) {
        const response = await usersInfo(t, query);
        assert.equal(response.statusCode, 200);
        assert.equal(response.headers.etag, tagOf(response.body));
        assert.equal(response.headers['cache-control'], 'no-store');
        // A cache hit answers the same bytes with the same tag.
        const again = await usersInfo(t, query);
        assert.equal(again.body, response.body);
        assert.equal(again.headers.etag, response.headers.etag);
      }
    });

    it('answers 304 without a body to a matching If-None-Match, in any of its forms', async () => {
      const first = await usersInfo(t, 'username=bob', carol);
      const tag = first.headers.etag as string;
      for (const header of [tag, `W/${tag}`, `"nope", ${tag}`, '*']) {
        const response = await conditional(t, 'username=bob', header, carol);
        assert.equal(response.statusCode, 304, header);
        assert.equal(response.body, '');
        assert.equal(response.headers.etag, tag);
        assert.equal(response.headers['cache-control'], 'no-store');
      }
      for (const header of [
        '"nope"',
        tag.slice(1, -1),
        `${tag.slice(0, -2)}${tag.endsWith('x"') ? 'y' : 'x'}"`,
      ]) {
        const response = await conditional(t, 'username=bob', header, carol);
        assert.equal(response.statusCode, 200, header);
        assert.equal(response.body, first.body);
      }
    });

    it('gives callers with different views different tags, and callers with the same view the same', async () => {
      const asAdmin = await usersInfo(t, 'username=bob');
      const asCarol = await usersInfo(t, 'username=bob', carol);
      const asSelf = await usersInfo(t, 'username=bob', bob);
      const tags = new Set([asAdmin, asCarol, asSelf].map((r) => r.headers.etag));
      assert.equal(tags.size, 3);
      const dave = await t.createUser({ username: 'dave' });
      assert.equal((await usersInfo(t, 'username=bob', dave)).headers.etag, asCarol.headers.etag);
      // The admin's tag is refused to carol: she gets her own body.
      const crossed = await conditional(t, 'username=bob', asAdmin.headers.etag as string, carol);
      assert.equal(crossed.statusCode, 200);
      assert.equal(crossed.body, asCarol.body);
    });

    it('keeps a tag when a field the caller cannot see changes, and changes it when a visible one does', async () => {
      const before = (await usersInfo(t, 'username=bob', carol)).headers.etag;
      const adminBefore = (await usersInfo(t, 'username=bob')).headers.etag;
      await t.context.store.users.update(bob.userId, (doc) => ({
        ...doc,
        lastLogin: '2030-01-01T00:00:00.000Z',
        customFields: { pub: 'p1', priv: 's2' },
      }));
      assert.equal((await usersInfo(t, 'username=bob', carol)).headers.etag, before);
      assert.notEqual((await usersInfo(t, 'username=bob')).headers.etag, adminBefore);
      await t.context.store.users.update(bob.userId, (doc) => ({ ...doc, name: 'Bobby' }));
      const after = await usersInfo(t, 'username=bob', carol);
      assert.notEqual(after.headers.etag, before);
      assert.equal((await conditional(t, 'username=bob', before as string, carol)).statusCode, 200);
    });

    it('changes the tag of a body with rooms when the room list changes', async () => {
      const query = 'username=bob&includeUserRooms=true';
      const before = await usersInfo(t, query);
      await t.context.store.rooms.insert({ _id: 'r-etag', t: 'c', name: 'etag-room' }, [
        { _id: 's-etag', rid: 'r-etag', t: 'c', name: 'etag-room', u: { _id: bob.userId } },
      ]);
      const after = await usersInfo(t, query);
      assert.notEqual(after.headers.etag, before.headers.etag);
      assert.equal(after.headers.etag, tagOf(after.body));
      assert.equal((await conditional(t, query, after.headers.etag as string)).statusCode, 304);
    });

    it('never lets a hidden change move a visible tag (property)', async () => {
      let run = 0;
      const hidden = fc.record({
        lastLogin: fc.integer({ min: 0, max: 4e12 }).map((ms) => new Date(ms).toISOString()),
        phone: fc.string({ maxLength: 8 }),
        priv: fc.string({ maxLength: 8 }),
        email: fc.emailAddress(),
      });
      await fc.assert(
        fc.asyncProperty(hidden, hidden, fc.string({ minLength: 1, maxLength: 8 }), async (a, b, name) => {
          run++;
          const user = await t.createUser({ username: `p${run}`, email: a.email });
          const write = (h: typeof a, shown: string) =>
            t.context.store.users.update(user.userId, (doc) => ({
              ...doc,
              name: shown,
              lastLogin: h.lastLogin,
              phone: h.phone,
              customFields: { pub: 'same', priv: h.priv },
            }));
          await write(a, name);
          const first = await usersInfo(t, `username=p${run}`, carol);
          await write(b, name);
          const second = await usersInfo(t, `username=p${run}`, carol);
          assert.equal(second.headers.etag, first.headers.etag);
          await write(b, `${name}!`);
          assert.notEqual((await usersInfo(t, `username=p${run}`, carol)).headers.etag, first.headers.etag);
        }),
        { numRuns: 30 },
      );
    });
  });

  describe(`users.info 304 and the rate limiter (${storeName})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(factory);
      await t.store.settings.save({
        _id: 'API_Enable_Rate_Limiter_Limit_Calls_Default',
        type: 'int',
        value: 3,
      });
    });
    after(async () => t.dispose());

    it('counts a 304 as a call and sends the same X-RateLimit-* headers as a 200', async () => {
      const user = await t.createUser({ username: 'limited' });
      const first = await usersInfo(t, 'username=admin', user);
      assert.equal(first.headers['x-ratelimit-remaining'], '2');
      const tag = first.headers.etag as string;
      const second = await conditional(t, 'username=admin', tag, user);
      assert.equal(second.statusCode, 304);
      assert.equal(second.headers['x-ratelimit-limit'], '3');
      assert.equal(second.headers['x-ratelimit-remaining'], '1');
      assert.equal(second.headers['x-ratelimit-reset'], first.headers['x-ratelimit-reset']);
      assert.equal((await conditional(t, 'username=admin', tag, user)).statusCode, 304);
      const limited = await conditional(t, 'username=admin', tag, user);
      assert.equal(limited.statusCode, 429);
    });
  });
}
