// An import into a database a server already serves: users.info's cache shows the imported users, at once when
// the import runs through the serving store, within the change feed's bound when another connection runs it.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { closeContext, createContext, type Context } from '../../src/core/context.js';
import type { UserDoc } from '../../src/core/documents.js';
import { findUsersInfo } from '../../src/core/users/users-info.js';
import { resolveExportFiles } from '../../src/import/collection-files.js';
import { importExport } from '../../src/import/import-run.js';
import { silentLog } from '../helpers/test-app.js';
import { testStores, type TestStore } from '../helpers/test-stores.js';
import { ALICE, quietObserver, RELAXED_LINES } from './export-fixtures.js';

/** A caller who may see everything (no store row needed: users.info reads only its roles and keys). */
const ADMIN = Object.freeze({
  _id: 'import-cache-admin',
  username: 'import-cache-admin',
  roles: ['admin'],
}) as UserDoc;

/** The stated bound is 200 ms (SQLite) and 1 s (PostgreSQL): poll for the larger. */
async function withinBound(read: () => Promise<boolean>): Promise<boolean> {
  const deadline = Date.now() + 1000;
  while (!(await read())) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return true;
}

for (const [storeName, factory] of testStores()) {
  describe(`users.info cache and an import (${storeName})`, () => {
    let testStore: TestStore;
    let context: Context;
    beforeEach(async () => {
      testStore = await factory();
      context = createContext({ store: testStore.store, log: silentLog, version: 'test' });
    });
    afterEach(async () => {
      await closeContext(context);
      await testStore.dispose();
    });

    const alice = () => findUsersInfo(context, ADMIN, { userId: ALICE.id });
    /** users.info twice before the import: a miss, then the remembered miss. */
    const warmMiss = async () => {
      assert.equal(await alice(), null);
      assert.equal(await alice(), null);
      assert.equal(context.userCache.peek('idOrUsername', ALICE.id), null);
    };
    const files = () => resolveExportFiles([RELAXED_LINES]);
    const options = { batchSize: 100, skipInvalid: false };

    it('an import through the serving store shows the imported user at the next lookup', async () => {
      await warmMiss();
      await importExport(context.store, await files(), options, quietObserver);
      const found = await alice();
      assert.equal((JSON.parse(found?.body ?? '{}') as { user: { _id: string } }).user._id, ALICE.id);
    });

    it('an import through another connection (another process) shows the user within the bound', async () => {
      await warmMiss();
      const other = await testStore.reopen();
      try {
        await importExport(other, await files(), options, quietObserver);
      } finally {
        await other.close();
      }
      assert.equal(await withinBound(async () => (await alice()) !== null), true);
    });
  });
}
