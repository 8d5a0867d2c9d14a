// The full API fuzz run: ROSTER_FUZZ_REQUESTS (default 100,000) seeded requests against a live server.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { testStores } from '../helpers/test-stores.js';
import { printReport, runFuzz } from './fuzz-run.js';

const REQUESTS = Number(process.env.ROSTER_FUZZ_REQUESTS ?? 100_000);
const SEED = Number(process.env.ROSTER_FUZZ_SEED ?? 20261128);

for (const [storeName, factory] of testStores()) {
  describe(`API fuzzing (${storeName})`, () => {
    it(
      `answers ${REQUESTS} hostile requests with documented statuses, envelopes and no internals`,
      { timeout: 1_800_000 },
      async () => {
        const report = await runFuzz(factory, { requests: REQUESTS, seed: SEED });
        printReport(report);
        assert.deepEqual(report.findings, []);
        assert.deepEqual(report.errorLogLines, []);
        assert.equal(report.aliveAfter, true);
        assert.equal(report.requests, REQUESTS);
      },
    );
  });
}
