// Security F12: a NUL that reaches PostgreSQL (22P05 in json, 22021 in text) is a 400 envelope, never a 500.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { newUserDocument } from '../../src/core/users/user-document.js';
import { RosterError } from '../../src/errors.js';
import { PostgresStore } from '../../src/store/postgres/postgres-store.js';
import { freshPgSchema } from '../helpers/test-stores.js';

describe('PostgreSQL text errors', () => {
  it('answers 400 invalid-params for a NUL in a stored text column or json document', async () => {
    const schema = await freshPgSchema();
    const store = await PostgresStore.open(schema.url, { poolSize: 2 });
    try {
      const isBadText = (error: unknown) =>
        error instanceof RosterError &&
        error.statusCode === 400 &&
        (error.body as { errorType?: string }).errorType === 'invalid-params';
      const token = {
        hashedToken: 'h',
        userId: 'u',
        when: '2024-01-01T00:00:00.000Z',
        type: 'personalAccessToken' as const,
      };
      await assert.rejects(store.tokens.insert({ ...token, name: 'a\u0000b' }), isBadText);
      await store.tokens.insert({ ...token, name: 'ok' });
      // A json document keeps the escape; the expression index on the name (migration 4: lower(doc->>'name'))
      // reads it as text at the insert itself: 22P05, refused before anything is stored.
      await assert.rejects(
        store.users.insert(
          newUserDocument(
            { username: 'mal', email: 'm@x.org', name: 'Mal\u0000lory', roles: ['user'] },
            new Date(),
          ),
        ),
        isBadText,
      );
      assert.equal((await store.users.list({ offset: 0, count: 10, sort: [['name', 1]] })).users.length, 0);
    } finally {
      await store.close();
      await schema.drop();
    }
  });
});
