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

  it("reads Meteor's {user: {username|email|id}, password} selectors, ignoring a top-level code as Meteor does", () => {
    assert.deepEqual(parseLoginBody({ user: { username: 'alice' }, password: 'p', code: '123456' }), {
      kind: 'password',
      by: 'username',
      identifier: 'alice',
      password: 'p',
    });
    assert.equal(parseLoginBody({ user: { email: 'a@b.c' }, password: 'p' })?.kind, 'password');
    assert.deepEqual(parseLoginBody({ user: { id: 'u1' }, password: 'p' }), {
      kind: 'password',
      by: 'id',
      identifier: 'u1',
      password: 'p',
    });
  });

  it('answers null for a Meteor selector with no field, two fields or an empty value', () => {
    assert.equal(parseLoginBody({ user: {}, password: 'p' }), null);
    assert.equal(parseLoginBody({ user: { username: 'a', email: 'a@b.c' }, password: 'p' }), null);
    assert.equal(parseLoginBody({ user: { username: '' }, password: 'p' }), null);
  });

  it('takes the code from the body, else from the x-2fa-code header, for flat bodies', () => {
    const fromBody = parseLoginBody({ user: 'alice', password: 'p', code: '111111' }, '222222');
    assert.equal(fromBody?.kind === 'password' && fromBody.code, '111111');
    const fromHeader = parseLoginBody({ user: 'alice', password: 'p' }, '222222');
    assert.equal(fromHeader?.kind === 'password' && fromHeader.code, '222222');
  });

  it("reads Meteor's {totp: {login, code}} wrapper, and answers null for one without a password login", () => {
    assert.deepEqual(
      parseLoginBody({ totp: { login: { user: { username: 'alice' }, password: 'p' }, code: '1' } }),
      {
        kind: 'password',
        by: 'username',
        identifier: 'alice',
        password: 'p',
        code: '1',
      },
    );
    assert.equal(parseLoginBody({ totp: { login: { resume: 't' }, code: '1' } }), null);
    assert.equal(parseLoginBody({ totp: { code: '1' } }), null);
  });
});
