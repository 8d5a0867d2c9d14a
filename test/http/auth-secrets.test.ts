// No secret leaks: a full login → me → tokens → logout flow logged at debug level, every line and body searched.
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { createLogger } from '../../src/cli/logger.js';
import { hashLoginToken } from '../../src/core/auth/login-tokens.js';
import { startTestApp, type Credentials, type TestApp } from '../helpers/test-app.js';
import { testStores } from '../helpers/test-stores.js';

for (const [storeName, factory] of testStores()) {
  describe(`secrets in responses and logs (${storeName})`, () => {
    let t: TestApp;
    const lines: string[] = [];
    beforeEach(async () => {
      lines.length = 0;
      const memory = new Writable({
        write(chunk: Buffer, _encoding, done) {
          lines.push(...chunk.toString().split('\n').filter(Boolean));
          done();
        },
      });
      t = await startTestApp(factory, { logger: createLogger('debug', memory) });
    });
    afterEach(async () => t.dispose());

    it('never shows a raw token, a hashed token or a bcrypt hash outside the one authToken/token field', async () => {
      const password = 'alice-very-secret';
      const { userId } = await t.createUser({ username: 'alice', password });
      const bodies: string[] = [];
      const send = async (method: 'GET' | 'POST', url: string, payload?: object, who?: Credentials) => {
        const response = await t.inject({
          method,
          url,
          headers: { ...(who?.headers ?? {}), 'x-2fa-code': '000000' },
          ...(payload ? { payload } : {}),
        });
        bodies.push(response.body);
        return response;
      };

      const failed = await send('POST', '/api/v1/login', { user: 'alice', password: 'wrong-guess' });
      assert.equal(failed.statusCode, 401);
      const login = await send('POST', '/api/v1/login', { user: 'alice', password });
      assert.equal(login.statusCode, 200);
      const { authToken } = login.json().data;
      const alice: Credentials = {
        userId,
        token: authToken,
        headers: { 'x-user-id': userId, 'x-auth-token': authToken },
      };
      assert.equal((await send('GET', '/api/v1/me', undefined, alice)).statusCode, 200);
      const resumed = await send('POST', '/api/v1/login', { resume: authToken });
      assert.equal(resumed.statusCode, 200);
      const pat = await send('POST', '/api/v1/users.generatePersonalAccessToken', { tokenName: 'ci' }, alice);
      const patToken = pat.json().token as string;
      assert.equal(
        (await send('GET', '/api/v1/users.getPersonalAccessTokens', undefined, alice)).statusCode,
        200,
      );
      assert.equal((await send('POST', '/api/v1/logout', undefined, alice)).statusCode, 200);
      assert.equal((await send('GET', '/api/v1/me', undefined, alice)).statusCode, 401);

      const stored = await t.store.users.findById(userId);
      const bcrypt = (stored?.services?.password as { bcrypt: string }).bcrypt;
      const secrets: Record<string, string> = {
        'raw login token': authToken,
        'hashed login token': hashLoginToken(authToken),
        'raw PAT': patToken,
        'hashed PAT': hashLoginToken(patToken),
        'bcrypt hash': bcrypt,
        'bcrypt salt': bcrypt.slice(7, 29),
        password,
        'failed password': 'wrong-guess',
      };
      // The token a login or generate call hands out is the one place it may appear: remove it there.
      const scrubbed = bodies.map((body) =>
        body.replaceAll(`"authToken":"${authToken}"`, '').replaceAll(`"token":"${patToken}"`, ''),
      );
      assert.ok(lines.length >= 8, `the flow was logged at debug level (${lines.length} lines)`);
      assert.ok(
        lines.some((line) => line.includes('/api/v1/login')),
        'request lines are in the log',
      );
      for (const [what, secret] of Object.entries(secrets)) {
        for (const body of scrubbed)
          assert.equal(body.includes(secret), false, `${what} in a response: ${body}`);
        for (const line of lines)
          assert.equal(line.includes(secret), false, `${what} in a log line: ${line}`);
      }
    });
  });
}
