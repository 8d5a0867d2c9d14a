// Security F18: an export naming a user Roster created itself (the bootstrap admin) does not replace it without
// --overwrite-existing; the run reports imported admins and tokens.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { bootstrap } from '../../src/core/setup/bootstrap.js';
import { importExport } from '../../src/import/import-run.js';
import { testStores } from '../helpers/test-stores.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { quietObserver } from './export-fixtures.js';

for (const [storeName, factory] of testStores()) {
  describe(`import trust (${storeName})`, () => {
    it('keeps a user not from an import (unless overwriteExisting) and reports imported admins and tokens', async () => {
      const { store, dispose } = await factory();
      const dir = makeTempDir();
      try {
        const initial = await bootstrap(store, {
          username: 'rosteradmin',
          email: 'a@x.org',
          password: 'strong-pw',
        });
        if (!initial.created) throw new Error('store was not empty');
        const admin = initial;
        const path = join(dir.path, 'users.json');
        const token = (name: string) => ({
          token: `planted-${name}`,
          when: { $date: '2026-01-01T00:00:00.000Z' },
        });
        writeFileSync(
          path,
          [
            {
              _id: admin.userId,
              username: 'rosteradmin',
              roles: ['admin'],
              services: { resume: { loginTokens: [token('a')] } },
            },
            {
              _id: 'evil0000000000001',
              username: 'evil',
              roles: ['admin', 'user'],
              services: { resume: { loginTokens: [token('e')] } },
            },
          ]
            .map((doc) => JSON.stringify(doc))
            .join('\n'),
        );
        const files = [{ path, collection: 'users' as const }];
        const summary = await importExport(
          store,
          files,
          { batchSize: 10, skipInvalid: false },
          quietObserver,
        );
        assert.deepEqual(summary.protectedUsers, [`rosteradmin (${admin.userId})`]);
        assert.equal(summary.collections.users.skipped, 1);
        assert.deepEqual(summary.admins, ['evil']);
        assert.equal(summary.tokensWritten, 1);
        const kept = await store.users.findById(admin.userId);
        assert.ok(kept?.services?.password, 'the bootstrap password survives');
        assert.deepEqual(await store.tokens.listOfUser(admin.userId, 'login'), []);

        const forced = await importExport(
          store,
          files,
          { batchSize: 10, skipInvalid: false, overwriteExisting: true },
          quietObserver,
        );
        assert.deepEqual(forced.protectedUsers, []);
        assert.equal(forced.collections.users.updated, 1);
        assert.equal((await store.tokens.listOfUser(admin.userId, 'login')).length, 1);
      } finally {
        dir.remove();
        await dispose();
      }
    });
  });
}
