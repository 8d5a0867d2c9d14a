// A short API fuzz run inside `npm test` (the 100,000-request run is `npm run test:hardening`).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { testStores } from '../helpers/test-stores.js';
import { printReport, runFuzz } from './fuzz-run.js';

for (const [storeName, factory] of testStores()) {
  describe(`API fuzzing, quick (${storeName})`, () => {
    it('answers 1,500 seeded hostile requests with documented statuses, envelopes and no internals', async () => {
      const report = await runFuzz(factory, { requests: 1500, seed: 7 });
      printReport(report);
      assert.deepEqual(report.findings, []);
      assert.deepEqual(report.errorLogLines, []);
      assert.equal(report.aliveAfter, true);
    });
  });
}
