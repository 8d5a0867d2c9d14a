// parseLoginBody: Rocket.Chat's loginCompatibility normalisation of the login body forms.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseLoginBody } from '../../../../src/core/auth/login-request.js';

describe('parseLoginBody', () => {
  it("reads a user with '@' as an email and any other user as a username", () => {
    assert.deepEqual(parseLoginBody({ user: 'a@b.c', password: 'p' }), {
      kind: 'password',
      by: 'email',
      identifier: 'a@b.c',
      password: 'p',
    });
    assert.deepEqual(parseLoginBody({ user: 'alice', password: 'p' }), {
      kind: 'password',
      by: 'username',
      identifier: 'alice',
      password: 'p',
    });
  });

  it('prefers user, then username, then email', () => {
    assert.equal(parseLoginBody({ user: 'u', username: 'n', email: 'e@x', password: 'p' })?.kind, 'password');
    assert.deepEqual(parseLoginBody({ username: 'n', email: 'e@x', password: 'p' }), {
      kind: 'password',
      by: 'username',
      identifier: 'n',
      password: 'p',
    });
    assert.deepEqual(parseLoginBody({ email: 'e@x', password: 'p' }), {
      kind: 'password',
      by: 'email',
      identifier: 'e@x',
      password: 'p',
    });
  });

  it('passes a digest password through unchanged', () => {
    const password = { digest: 'ab'.repeat(32), algorithm: 'sha-256' };
    assert.deepEqual(parseLoginBody({ user: 'alice', password }), {
      kind: 'password',
      by: 'username',
      identifier: 'alice',
      password,
    });
  });

  it('reads a body without a password as a resume login, and a password body ignores resume', () => {
    assert.deepEqual(parseLoginBody({ resume: 't' }), { kind: 'resume', token: 't' });
    assert.equal(parseLoginBody({ user: 'alice', password: 'p', resume: 't' })?.kind, 'password');
  });

  it('answers null when no credential is usable', () => {
    assert.equal(parseLoginBody({}), null);
    assert.equal(parseLoginBody({ password: 'p' }), null);
    assert.equal(parseLoginBody({ user: 'alice' }), null);
  });
});
