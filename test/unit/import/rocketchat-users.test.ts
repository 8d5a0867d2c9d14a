// Rocket.Chat's services.resume.loginTokens become Roster's token index entries.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hashLoginToken } from '../../../src/core/auth/login-tokens.js';
import { DocumentError } from '../../../src/import/ejson-documents.js';
import { splitUserTokens } from '../../../src/import/rocketchat-users.js';

describe('splitUserTokens', () => {
  it('moves login tokens and PATs to the index and keeps every other services field', () => {
    const { user, tokens } = splitUserTokens({
      _id: 'u1',
      services: {
        password: { bcrypt: '$2b$10$x' },
        resume: {
          loginTokens: [
            { when: '2026-01-01T00:00:00.000Z', hashedToken: 'h1' },
            {
              type: 'personalAccessToken',
              name: 'ci',
              hashedToken: 'h2',
              lastTokenPart: 'abc123',
              bypassTwoFactor: true,
              createdAt: '2025-06-01T00:00:00.000Z',
            },
          ],
          haveLoginTokensToDelete: true,
        },
      },
    });
    assert.deepEqual(user.services, {
      password: { bcrypt: '$2b$10$x' },
      resume: { haveLoginTokensToDelete: true },
    });
    assert.deepEqual(tokens, [
      { hashedToken: 'h1', userId: 'u1', when: '2026-01-01T00:00:00.000Z', type: 'login' },
      {
        hashedToken: 'h2',
        userId: 'u1',
        when: '2025-06-01T00:00:00.000Z',
        type: 'personalAccessToken',
        name: 'ci',
        lastTokenPart: 'abc123',
        bypassTwoFactor: true,
        createdAt: '2025-06-01T00:00:00.000Z',
      },
    ]);
  });

  it('drops an emptied services.resume and hashes a legacy raw token as Meteor does', () => {
    const { user, tokens } = splitUserTokens({
      _id: 'u2',
      services: { resume: { loginTokens: [{ when: '2015-01-01T00:00:00.000Z', token: 'raw-legacy' }] } },
    });
    assert.deepEqual(user.services, {});
    assert.equal(tokens[0]?.hashedToken, hashLoginToken('raw-legacy'));
    assert.equal(JSON.stringify(tokens).includes('raw-legacy'), false, 'the raw token is not stored');
  });

  it('leaves a user without services.resume as it is', () => {
    const input = { _id: 'u3', services: { password: { bcrypt: 'b' } } };
    assert.deepEqual(splitUserTokens(input), { user: input, tokens: [] });
  });

  for (const [entry, message] of [
    [{ hashedToken: 'h' }, /loginTokens\.0\.when must be a date/],
    [
      { type: 'personalAccessToken', hashedToken: 'h', createdAt: '2025-01-01T00:00:00.000Z' },
      /loginTokens\.0\.name must be a string/,
    ],
    [
      { type: 'magic', hashedToken: 'h', when: '2025-01-01T00:00:00.000Z' },
      /loginTokens\.0\.type "magic" is unknown/,
    ],
  ] as const) {
    it(`refuses the token ${JSON.stringify(entry)}`, () => {
      assert.throws(
        () => splitUserTokens({ _id: 'u', services: { resume: { loginTokens: [entry] } } }),
        (error: unknown) => error instanceof DocumentError && message.test(error.message),
      );
    });
  }
});
