// The self view of `services` (users-info.md §5): password true, tokens and histories gone, no secret kept.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isSecretKey, sanitiseOwnServices } from '../../../../src/core/users/self-services.js';

describe('sanitiseOwnServices', () => {
  it('turns a stored password into true and never returns the hash', () => {
    assert.deepEqual(sanitiseOwnServices({ password: { bcrypt: '$2b$10$hash' } }), { password: true });
    assert.deepEqual(sanitiseOwnServices({ password: { reset: { token: 'reset-token' } } }), {
      password: true,
    });
  });

  it('leaves password out when the stored value is empty', () => {
    assert.deepEqual(sanitiseOwnServices({ password: null }), {});
    assert.deepEqual(sanitiseOwnServices({}), {});
  });

  it('removes resume, passwordHistory and email entirely', () => {
    const view = sanitiseOwnServices({
      resume: { loginTokens: [{ when: '2024-01-01T00:00:00.000Z', hashedToken: 'h' }] },
      passwordHistory: ['$2b$10$old'],
      email: { verificationTokens: [{ token: 't', address: 'a@b.c', when: '2024-01-01T00:00:00.000Z' }] },
    });
    assert.deepEqual(view, {});
  });

  it('returns email2fa as stored', () => {
    const email2fa = { enabled: true, changedAt: '2023-07-10T16:44:58.546Z' };
    assert.deepEqual(sanitiseOwnServices({ email2fa }), { email2fa });
  });

  it('reduces totp to {enabled} and drops its secret and backup codes', () => {
    assert.deepEqual(
      sanitiseOwnServices({ totp: { enabled: true, secret: 'BASE32SECRET', hashedBackup: ['h1', 'h2'] } }),
      { totp: { enabled: true } },
    );
    assert.deepEqual(sanitiseOwnServices({ totp: { secret: 'S' } }), { totp: { enabled: false } });
    assert.deepEqual(sanitiseOwnServices({ totp: 'garbage' }), { totp: { enabled: false } });
  });

  it('keeps the identity keys of an OAuth provider and drops its tokens and secrets, at any depth', () => {
    const view = sanitiseOwnServices({
      github: {
        id: 42,
        username: 'octo',
        email: 'octo@example.com',
        name: 'Octo Cat',
        accessToken: 'gho_token',
        refreshToken: 'ghr_token',
        idToken: 'jwt',
        expiresAt: 1700000000000,
        scope: ['user'],
        nested: { clientSecret: 's', apiKey: 'k', label: 'kept' },
      },
      google: [{ id: 'g', accessTokenSecret: 'x' }],
    });
    assert.deepEqual(view, {
      github: {
        id: 42,
        username: 'octo',
        email: 'octo@example.com',
        name: 'Octo Cat',
        expiresAt: 1700000000000,
        scope: ['user'],
        nested: { label: 'kept' },
      },
    });
  });

  it('drops a provider whose value is not an object, and keeps a provider stored under __proto__ as a field', () => {
    const services = JSON.parse('{"ldap":"raw-secret","__proto__":{"id":"p","secret":"s"}}') as Record<
      string,
      unknown
    >;
    const view = sanitiseOwnServices(services);
    assert.equal(JSON.stringify(view), '{"__proto__":{"id":"p"}}');
    assert.equal(Object.getPrototypeOf(view), Object.prototype);
  });

  it('names as secret every key the spec lists, and never an identity key', () => {
    for (const key of [
      'accessToken',
      'refreshToken',
      'idToken',
      'secret',
      'hashedBackup',
      'password',
      'bcrypt',
    ]) {
      assert.equal(isSecretKey(key), true, key);
    }
    for (const key of ['id', 'username', 'email', 'name', 'enabled', 'changedAt', 'expiresAt']) {
      assert.equal(isSecretKey(key), false, key);
    }
  });
});
