// The lookup audit while the database refuses its writes (README "Audit of gated lookups"): entries stay in
// memory, the server stays responsive (retries come from the timer, not from every lookup), and once the
// database accepts writes again every entry is written.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { Settings } from '../../src/core/settings/settings.js';
import { LookupAudit } from '../../src/core/users/lookup-audit.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { makeTempDir } from '../helpers/temp-dir.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('lookup audit while the database refuses writes (sqlite)', () => {
  // maxPending 5: past it a lookup would wait for a write; while writes fail it must not ask for one itself.
  for (const maxPending of [1000, 5]) {
    it(`keeps every entry, retries on its timer only, and writes them all once writes work again (maxPending ${maxPending})`, async () => {
      const dir = makeTempDir();
      const path = join(dir.path, 'roster.db');
      const store = SqliteStore.open(path);
      // Another connection takes the table away: every insert fails with "no such table".
      const other = new Database(path);
      const warnings: object[] = [];
      const log = {
        debug: () => undefined,
        info: () => undefined,
        warn: (object: object) => void warnings.push(object),
        error: () => undefined,
      };
      const flushMs = 50;
      const audit = new LookupAudit(
        { store, settings: new Settings(store, log), clock: () => new Date(), log },
        { flushMs, batchSize: 4, maxPending },
      );
      try {
        other.exec('ALTER TABLE lookup_audit RENAME TO lookup_audit_away');
        const lookups = 10;
        for (let i = 0; i < lookups; i++) {
          await audit.record({
            callerId: 'c',
            targetId: null,
            key: 'email',
            value: `v${i}@x.org`,
            found: false,
          });
        }
        const waited = 300;
        await sleep(waited); // a timer fires at all: the failed write did not retry in a loop
        assert.equal(audit.pending, lookups);
        // One failed attempt for the first full batch, then one per timer tick at most (never one per lookup).
        assert.ok(warnings.length >= 1, 'the failure is logged');
        assert.ok(warnings.length <= 1 + waited / flushMs + 1, `${warnings.length} attempts in ${waited} ms`);

        other.exec('ALTER TABLE lookup_audit_away RENAME TO lookup_audit');
        for (let i = 0; i < 40 && audit.pending > 0; i++) await sleep(flushMs);
        assert.equal(audit.pending, 0);
        const page = await store.lookupAudits.list({ offset: 0, count: 50 });
        assert.equal(page.total, lookups);
        assert.deepEqual(
          page.entries.map((entry) => entry.value).reverse(),
          Array.from({ length: lookups }, (_, i) => `v${i}@x.org`),
        );
      } finally {
        await audit.close();
        other.close();
        await store.close();
        dir.remove();
      }
    });
  }
});
