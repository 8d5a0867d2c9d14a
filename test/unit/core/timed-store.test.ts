// core/timed-store.ts over the sub-ports: every call is reported under its path (`users.findById`), failures too.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { timedStore } from '../../../src/core/timed-store.js';
import { ConflictError } from '../../../src/errors.js';
import { testStores, type TestStore } from '../../helpers/test-stores.js';

for (const [storeName, factory] of testStores()) {
  describe(`timed store (${storeName})`, () => {
    let t: TestStore;
    before(async () => {
      t = await factory();
    });
    after(async () => {
      await t.dispose();
    });

    it('labels each call by sub-port and method, and reports failures', async () => {
      const seen: Array<[string, boolean]> = [];
      const store = timedStore(t.store, (method, seconds, failed) => {
        assert.ok(seconds >= 0);
        seen.push([method, failed]);
      });
      await store.users.insert({ _id: 'timed-1', username: 'timed.one' });
      assert.equal((await store.users.findById('timed-1'))?.username, 'timed.one');
      await assert.rejects(store.users.insert({ _id: 'timed-1', username: 'timed.two' }), ConflictError);
      await store.ping();
      assert.equal(store.kind, t.store.kind);
      assert.equal(store.users, store.users, 'a sub-port is wrapped once');
      assert.deepEqual(seen, [
        ['users.insert', false],
        ['users.findById', false],
        ['users.insert', true],
        ['ping', false],
      ]);
    });
  });
}
