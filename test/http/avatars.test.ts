// GET /avatar/:username, users.setAvatar (multipart), users.resetAvatar, users.getAvatar on both stores.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { AVATAR_MAX_BYTES } from '../../src/core/users/avatars.js';
import { renderSvgLetters } from '../../src/core/users/avatar-letters.js';
import { startTestApp, type Credentials, type TestApp } from '../helpers/test-app.js';
import { testStores } from '../helpers/test-stores.js';

/** A 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

function multipart(
  parts: Array<{ name: string; value: string | Buffer; filename?: string; type?: string }>,
): { payload: Buffer; contentType: string } {
  const boundary = '----rosterAvatarBoundary7MA4YWxk';
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition = part.filename
      ? `form-data; name="${part.name}"; filename="${part.filename}"`
      : `form-data; name="${part.name}"`;
    const type = part.filename ? `Content-Type: ${part.type ?? 'application/octet-stream'}\r\n` : '';
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n${type}\r\n`));
    chunks.push(Buffer.isBuffer(part.value) ? part.value : Buffer.from(part.value));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

for (const [storeName, factory] of testStores()) {
  describe(`avatars (${storeName})`, () => {
    let t: TestApp;
    beforeEach(async () => (t = await startTestApp(factory)));
    afterEach(async () => t.dispose());

    const upload = (
      as: Credentials,
      image: Buffer | null,
      fields: Record<string, string> = {},
      declared = 'image/png',
    ) => {
      const body = multipart([
        ...Object.entries(fields).map(([name, value]) => ({ name, value })),
        ...(image ? [{ name: 'image', value: image, filename: 'a.png', type: declared }] : []),
      ]);
      return t.inject({
        method: 'POST',
        url: '/api/v1/users.setAvatar',
        headers: { ...as.headers, 'content-type': body.contentType },
        payload: body.payload,
      });
    };
    const etagOf = async (userId: string) =>
      (
        (await t.get(`/api/v1/users.info?userId=${userId}`)).json() as {
          user: { avatarETag?: string };
        }
      ).user.avatarETag;

    it('stores an upload, serves it with its ETag and type, and answers 304 to If-None-Match', async () => {
      const alice = await t.createUser({ username: 'alice' });
      assert.equal(await etagOf(alice.userId), undefined); // warms the users.info cache
      const response = await upload(alice, PNG, {}, 'text/html');
      assert.equal(response.statusCode, 200, response.body);
      assert.equal(response.body, '{"success":true}');
      const etag = await etagOf(alice.userId);
      assert.ok(etag && etag.length === 17, 'users.info shows the new avatarETag at once');

      const served = await t.inject({ method: 'GET', url: '/avatar/alice' });
      assert.equal(served.statusCode, 200);
      assert.equal(served.headers['content-type'], 'image/png', 'the type comes from the bytes');
      assert.equal(served.headers['x-content-type-options'], 'nosniff');
      assert.equal(served.headers['content-security-policy'], "default-src 'none'");
      assert.equal(served.headers['cache-control'], 'public, max-age=3600');
      assert.equal(served.headers['content-disposition'], 'inline');
      assert.equal(served.headers['etag'], `"${etag}"`);
      assert.deepEqual(served.rawPayload, PNG);

      const again = await t.inject({
        method: 'GET',
        url: '/avatar/alice',
        headers: { 'if-none-match': `"${etag}"` },
      });
      assert.equal(again.statusCode, 304);
      assert.equal(again.rawPayload.length, 0);
      const since = await t.inject({
        method: 'GET',
        url: '/avatar/alice',
        headers: { 'if-modified-since': String(served.headers['last-modified']) },
      });
      assert.equal(since.statusCode, 304);

      // A new image: a new ETag, which the old one no longer matches.
      assert.equal((await upload(alice, GIF)).statusCode, 200);
      const next = await etagOf(alice.userId);
      assert.ok(next && next !== etag);
      const changed = await t.inject({
        method: 'GET',
        url: '/avatar/alice',
        headers: { 'if-none-match': `"${etag}"` },
      });
      assert.equal(changed.statusCode, 200);
      assert.equal(changed.headers['content-type'], 'image/gif');
    });

    it('serves initials as SVG without an upload, for unknown names and for @name, and 304 on the fallback date', async () => {
      await t.createUser({ username: 'bob' });
      const served = await t.inject({ method: 'GET', url: '/avatar/bob?size=64' });
      assert.equal(served.statusCode, 200);
      assert.equal(served.headers['content-type'], 'image/svg+xml');
      assert.equal(served.headers['x-content-type-options'], 'nosniff');
      assert.equal(served.body, renderSvgLetters('bob', 64));
      assert.match(served.body, /\nB\n<\/text>/);
      assert.equal(served.headers['last-modified'], 'Thu, 01 Jan 2015 00:00:00 GMT');
      const unknown = await t.inject({ method: 'GET', url: '/avatar/nobody-here?cacheTime=60' });
      assert.equal(unknown.statusCode, 200);
      assert.equal(unknown.headers['cache-control'], 'public, max-age=60');
      assert.match(unknown.body, /\nN\n<\/text>/);
      const forced = await t.inject({ method: 'GET', url: `/avatar/${encodeURIComponent('@<script>x')}` });
      assert.equal(forced.headers['content-type'], 'image/svg+xml');
      assert.doesNotMatch(forced.body, /<script/);
      const cached = await t.inject({
        method: 'GET',
        url: '/avatar/bob',
        headers: { 'if-modified-since': 'Thu, 01 Jan 2015 00:00:00 GMT' },
      });
      assert.equal(cached.statusCode, 304);
      const injected = await t.inject({ method: 'GET', url: '/avatar/bob?cacheTime=1%0d%0aX-Evil:1' });
      assert.equal(injected.headers['cache-control'], 'public, max-age=3600');
    });

    it('refuses content that is no PNG, JPEG, GIF or WebP whatever it is declared as, and images over the limit', async () => {
      const carol = await t.createUser({ username: 'carol' });
      for (const bytes of [
        Buffer.from('<html><script>alert(1)</script></html>'),
        Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
      ]) {
        const response = await upload(carol, bytes, {}, 'image/png');
        assert.equal(response.statusCode, 400);
        assert.deepEqual(response.json(), {
          success: false,
          error: 'Invalid avatar content type [error-avatar-invalid-content-type]',
          errorType: 'error-avatar-invalid-content-type',
        });
      }
      const big = Buffer.concat([PNG, Buffer.alloc(AVATAR_MAX_BYTES)]);
      const tooBig = await upload(carol, big);
      assert.equal(tooBig.statusCode, 400);
      assert.equal((tooBig.json() as { errorType: string }).errorType, 'error-avatar-image-too-large');
      await t.store.settings.save({ _id: 'FileUpload_MaxFileSize', value: 50, type: 'int' });
      await new Promise((resolve) => setTimeout(resolve, 100));
      const overSetting = await upload(carol, PNG);
      assert.equal((overSetting.json() as { errorType: string }).errorType, 'error-avatar-image-too-large');
      assert.equal(await etagOf(carol.userId), undefined);
      assert.equal(await t.store.avatars.find(carol.userId), null);
    });

    it("answers RC's errors for a missing image, another field, avatarUrl and a malformed body", async () => {
      const dave = await t.createUser({ username: 'dave' });
      const missing = await upload(dave, null, { username: 'dave' });
      assert.equal(missing.statusCode, 400);
      assert.equal(missing.body, `{"success":false,"error":"The 'image' param is required"}`);
      const other = multipart([{ name: 'picture', value: PNG, filename: 'a.png', type: 'image/png' }]);
      const wrongField = await t.inject({
        method: 'POST',
        url: '/api/v1/users.setAvatar',
        headers: { ...dave.headers, 'content-type': other.contentType },
        payload: other.payload,
      });
      assert.equal(wrongField.statusCode, 400);
      assert.equal((wrongField.json() as { errorType: string }).errorType, 'invalid-field');
      const url = await t.post('/api/v1/users.setAvatar', { avatarUrl: 'http://127.0.0.1/x.png' }, dave);
      assert.equal(url.statusCode, 400);
      assert.equal((url.json() as { errorType: string }).errorType, 'error-avatar-url-handling');
      const extra = await t.post('/api/v1/users.setAvatar', { nope: 1 }, dave);
      assert.equal((extra.json() as { errorType: string }).errorType, 'invalid-params');
      const broken = await t.inject({
        method: 'POST',
        url: '/api/v1/users.setAvatar',
        headers: { ...dave.headers, 'content-type': 'multipart/form-data; boundary=xyz' },
        payload: '--xyz\r\nContent-Disposition: form-data; name="image"; filename="a"\r\n\r\nabc',
      });
      assert.equal(broken.statusCode, 400);
      assert.equal((broken.json() as { success: boolean }).success, false);
      const unauthenticated = await t.inject({ method: 'POST', url: '/api/v1/users.setAvatar', payload: {} });
      assert.equal(unauthenticated.statusCode, 401);
    });

    it("needs edit-other-user-avatar for someone else's avatar, and Accounts_AllowUserAvatarChange for one's own", async () => {
      const erin = await t.createUser({ username: 'erin' });
      const frank = await t.createUser({ username: 'frank' });
      const denied = await upload(erin, PNG, { userId: frank.userId });
      assert.equal(denied.statusCode, 400);
      assert.equal(
        denied.body,
        '{"success":false,"error":"Not allowed [error-not-allowed]","errorType":"error-not-allowed"}',
      );
      assert.equal(await etagOf(frank.userId), undefined);
      const unknown = await upload(t.admin, PNG, { username: 'ghost' });
      assert.equal((unknown.json() as { errorType: string }).errorType, 'error-invalid-user');
      assert.equal((await upload(t.admin, PNG, { username: 'FRANK' })).statusCode, 200);
      assert.ok(await etagOf(frank.userId));

      await t.store.settings.save({ _id: 'Accounts_AllowUserAvatarChange', value: false, type: 'boolean' });
      await new Promise((resolve) => setTimeout(resolve, 100));
      const off = await upload(erin, PNG);
      assert.equal(
        off.body,
        '{"success":false,"error":"Change avatar is not allowed [error-not-allowed]","errorType":"error-not-allowed"}',
      );
      const resetOwn = await t.post('/api/v1/users.resetAvatar', { userId: erin.userId }, erin);
      assert.equal(
        (resetOwn.json() as { error: string }).error,
        'Reset avatar is not allowed [error-not-allowed]',
      );
      // An admin still may, for anyone.
      assert.equal((await upload(t.admin, PNG, { userId: erin.userId })).statusCode, 200);
    });

    it('resets to the default: the image is gone, avatarETag leaves users.info (and its cache)', async () => {
      const gina = await t.createUser({ username: 'gina' });
      const other = await t.createUser({ username: 'other' });
      await upload(gina, PNG);
      assert.ok(await etagOf(gina.userId));
      const denied = await t.post('/api/v1/users.resetAvatar', { userId: gina.userId }, other);
      assert.equal(
        (denied.json() as { error: string }).error,
        'Reset avatar is not allowed [error-not-allowed]',
      );
      const missingParam = await t.post('/api/v1/users.resetAvatar', {}, gina);
      assert.equal((missingParam.json() as { errorType: string }).errorType, 'error-user-param-not-provided');
      const reset = await t.post('/api/v1/users.resetAvatar', { username: 'gina' }, gina);
      assert.equal(reset.body, '{"success":true}');
      assert.equal(await etagOf(gina.userId), undefined);
      const user = await t.store.users.findById(gina.userId);
      assert.equal(user?.avatarOrigin, undefined);
      assert.equal(await t.store.avatars.find(gina.userId), null);
      const served = await t.inject({ method: 'GET', url: '/avatar/gina' });
      assert.equal(served.headers['content-type'], 'image/svg+xml');
      // A deleted user's image goes with them.
      await upload(other, PNG);
      assert.equal((await t.post('/api/v1/users.delete', { userId: other.userId })).statusCode, 200);
      assert.equal(await t.store.avatars.find(other.userId), null);
    });

    it('users.getAvatar redirects to <Site_Url>/avatar/<username>', async () => {
      const hank = await t.createUser({ username: 'hank' });
      const response = await t.get('/api/v1/users.getAvatar?userId=' + hank.userId, hank);
      assert.equal(response.statusCode, 307);
      assert.equal(response.headers['location'], 'http://localhost:3000/avatar/hank');
      assert.equal(response.body, '"http://localhost:3000/avatar/hank"');
      const unknown = await t.get('/api/v1/users.getAvatar?username=ghost', hank);
      assert.equal((unknown.json() as { errorType: string }).errorType, 'error-invalid-user');
      const bad = await t.get('/api/v1/users.getAvatar?foo=1', hank);
      assert.equal((bad.json() as { errorType: string }).errorType, 'invalid-params');
      assert.equal(
        (await t.inject({ method: 'GET', url: '/api/v1/users.getAvatar?username=hank' })).statusCode,
        401,
      );
    });
  });
}
