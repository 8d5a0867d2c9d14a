// Runs every compiled test file with node's test runner (Node 20's --test takes no globs: list them here).
// `--hardening` runs the long suites instead (*.hardening.js: fuzz, soak, crash, shutdown), one at a time.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ensureChromium } from './ensure-chromium.mjs';

function findTests(dir, suffix) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return findTests(path, suffix);
    return name.endsWith(suffix) ? [path] : [];
  });
}

const args = process.argv.slice(2);
const hardening = args.includes('--hardening');
const only = args.filter((arg) => arg !== '--hardening');
const files = findTests('dist/test', hardening ? '.hardening.js' : '.test.js')
  .filter((file) => only.length === 0 || only.some((part) => file.includes(part)))
  .sort();
if (files.length === 0) {
  console.error('no test files found under dist/test');
  process.exit(1);
}
// The browser suite needs Debian's chromium: install it first (or stop with the command to run), so that a fresh
// machine passes `npm test` on its own, as it does for every other dependency.
if (files.some((file) => file.includes(join('dist', 'test', 'browser')))) {
  const problem = ensureChromium();
  if (problem) {
    console.error(problem);
    process.exit(1);
  }
}
const concurrency = hardening ? ['--test-concurrency=1'] : [];
const result = spawnSync(process.execPath, ['--test', ...concurrency, '--test-reporter=spec', ...files], {
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
