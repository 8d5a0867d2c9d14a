// buildMe: the /me and login `me` object — Rocket.Chat's getUserInfo fields, services reduced, no secrets.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { UserDoc } from '../../../../src/core/documents.js';
import { DEFAULT_USER_PREFERENCES } from '../../../../src/core/auth/default-preferences.js';
import { buildMe as buildMeWith } from '../../../../src/core/auth/me.js';

const buildMe = (user: UserDoc) => buildMeWith(user, { siteUrl: 'https://chat.example.org/' });

const base: UserDoc = {
  _id: 'u1',
  username: 'alice',
  name: 'Alice',
  emails: [{ address: 'alice@example.com', verified: true }],
  roles: ['user'],
  active: true,
  status: 'online',
  utcOffset: 2,
  createdAt: '2024-01-01T00:00:00.000Z',
  _updatedAt: '2024-02-01T00:00:00.000Z',
};

describe('buildMe', () => {
  it('keeps the base user fields and adds email, default preferences, an absolute avatarUrl and isOAuthUser (getUserInfo)', () => {
    assert.deepEqual(buildMe(base), {
      _id: 'u1',
      name: 'Alice',
      username: 'alice',
      emails: [{ address: 'alice@example.com', verified: true }],
      status: 'online',
      utcOffset: 2,
      roles: ['user'],
      active: true,
      _updatedAt: '2024-02-01T00:00:00.000Z',
      email: 'alice@example.com',
      settings: { profile: {}, preferences: { ...DEFAULT_USER_PREFERENCES } },
      avatarUrl: 'https://chat.example.org/avatar/alice',
      isOAuthUser: false,
      services: { password: { exists: false } },
    });
  });

  it('takes the first verified address as email, and none when no address is verified', () => {
    const emails = [
      { address: 'a@x.io', verified: false },
      { address: 'b@x.io', verified: true },
      { address: 'c@x.io', verified: true },
    ];
    assert.equal(buildMe({ ...base, emails }).email, 'b@x.io');
    assert.equal('email' in buildMe({ ...base, emails: [{ address: 'a@x.io' }] }), false);
    assert.equal('email' in buildMe({ _id: 'u2' }), false);
  });

  it('reduces services to password.exists and enabled email2fa/totp, dropping every secret', () => {
    const me = buildMe({
      ...base,
      services: {
        password: { bcrypt: '$2b$10$hash' },
        email2fa: { enabled: true, changedAt: '2024-01-01T00:00:00.000Z' },
        totp: { enabled: true, secret: 'S', hashedBackup: ['h'] },
        resume: { loginTokens: [{ hashedToken: 'x', when: '2024-01-01T00:00:00.000Z' }] },
        github: { accessToken: 'gho' },
      },
    });
    assert.deepEqual(me.services, {
      email2fa: { enabled: true },
      totp: { enabled: true },
      password: { exists: true },
    });
  });

  it('omits email2fa and totp when they are not enabled', () => {
    const me = buildMe({ ...base, services: { email2fa: { enabled: false }, totp: { enabled: false } } });
    assert.deepEqual(me.services, { password: { exists: false } });
  });

  it('never copies fields outside the projection, such as createdAt, lastLogin, importIds or e2e', () => {
    const me = buildMe({
      ...base,
      lastLogin: 'x',
      importIds: ['i'],
      e2e: { private_key: 'k' },
      __rooms: ['r'],
    });
    for (const field of ['createdAt', 'lastLogin', 'importIds', 'e2e', '__rooms'])
      assert.equal(field in me, false);
  });

  it("puts the user's own preferences over the defaults and keeps oauth.authorizedClients only", () => {
    const me = buildMe({
      ...base,
      settings: { preferences: { language: 'de' }, other: 1 },
      oauth: { authorizedClients: ['c1'], secret: 's' },
    });
    assert.deepEqual(me.settings, {
      profile: {},
      preferences: { ...DEFAULT_USER_PREFERENCES, language: 'de' },
    });
    const own = buildMe({ ...base, settings: { preferences: { idleTimeLimit: 60 } } });
    assert.equal((own.settings as { preferences: Record<string, unknown> }).preferences.idleTimeLimit, 60);
    assert.deepEqual(me.oauth, { authorizedClients: ['c1'] });
  });

  it('isOAuthUser is true for a default OAuth service or any service key that is not built in (core-typings isOAuthUser)', () => {
    assert.equal(
      buildMe({ ...base, services: { password: { bcrypt: 'x' }, resume: {} } }).isOAuthUser,
      false,
    );
    assert.equal(buildMe({ ...base, services: { google: { id: '1' } } }).isOAuthUser, true);
    assert.equal(buildMe({ ...base, services: { keycloak: { id: '1' } } }).isOAuthUser, true);
  });
});
