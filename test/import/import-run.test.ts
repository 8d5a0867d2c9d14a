// importExport on its own: batches are whole, a bad record stops the run before its batch is written.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { checkExport, importExport, InvalidExportError } from '../../src/import/import-run.js';
import { testStores } from '../helpers/test-stores.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { quietObserver } from './export-fixtures.js';

const user = (n: number): string => JSON.stringify({ _id: `u${n}`, username: `user${n}` });

for (const [storeName, factory] of testStores()) {
  describe(`importExport (${storeName})`, () => {
    it('stops at a bad line without writing its batch or anything after it, when not skipping', async () => {
      const { store, dispose } = await factory();
      const dir = makeTempDir();
      try {
        const path = join(dir.path, 'users.json');
        writeFileSync(
          path,
          [1, 2, 3, 4, 5]
            .map(user)
            .concat(['{"_id":"u6",', user(7)])
            .join('\n'),
        );
        const files = [{ path, collection: 'users' as const }];
        const invalid = await checkExport(files, quietObserver);
        assert.deepEqual(
          invalid.listed.map((record) => record.line),
          [6],
        );
        await assert.rejects(
          importExport(store, files, { batchSize: 2, skipInvalid: false }, quietObserver),
          (error: unknown) => error instanceof InvalidExportError && error.record.line === 6,
        );
        const stored = await store.users.list({ offset: 0, count: 10, sort: [['_id', 1]] });
        assert.deepEqual(
          stored.users.map((u) => u._id),
          ['u1', 'u2', 'u3', 'u4'],
          'two whole batches; u5 shared its batch with the bad line; u7 came after it',
        );
      } finally {
        dir.remove();
        await dispose();
      }
    });

    it('counts a document that conflicts with a stored one (same email, other _id) as skipped', async () => {
      const { store, dispose } = await factory();
      const dir = makeTempDir();
      try {
        const path = join(dir.path, 'users.jsonl');
        const withEmail = (id: string): string =>
          JSON.stringify({ _id: id, emails: [{ address: 'same@example.com' }] });
        writeFileSync(path, `${withEmail('first')}\n${withEmail('second')}\n`);
        const summary = await importExport(
          store,
          [{ path, collection: 'users' }],
          { batchSize: 10, skipInvalid: false },
          quietObserver,
        );
        assert.deepEqual([summary.collections.users.inserted, summary.collections.users.skipped], [1, 1]);
        assert.equal((await store.users.findByEmail('same@example.com'))?._id, 'first');
      } finally {
        dir.remove();
        await dispose();
      }
    });
  });
}
