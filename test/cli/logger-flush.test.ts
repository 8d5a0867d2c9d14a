// The buffered request log: a line written just before the process ends is in its output, whatever ends it.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const LOGGER = fileURLToPath(new URL('../../src/cli/logger.js', import.meta.url));

/** Runs `ending` after logging one line through the CLI's logger; resolves with stdout and the exit code. */
function runLogging(ending: string): Promise<{ stdout: string; code: number | null }> {
  const script = `
    const { createLogger } = await import(${JSON.stringify(LOGGER)});
    const log = createLogger('info');
    process.once('SIGTERM', () => process.exit(0)); // as serve's shutdown ends
    for (let i = 0; i < 3; i++) log.info({ line: i }, 'before the end');
    ${ending}
  `;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script]);
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.resume();
  return new Promise((resolve) => child.once('exit', (code) => resolve({ stdout, code })));
}

const linesOf = (stdout: string) =>
  stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { line: number; msg: string });

describe('buffered log destination', () => {
  for (const [what, ending, code] of [
    ['SIGTERM', 'process.kill(process.pid, "SIGTERM"); setTimeout(() => {}, 5000);', 0],
    ['process.exit', 'process.exit(3);', 3],
    ['an uncaught exception', 'setImmediate(() => { throw new Error("crash"); });', 1],
  ] as const) {
    it(`writes the last lines before ${what} to stdout`, async () => {
      const result = await runLogging(ending);
      assert.equal(result.code, code);
      assert.deepEqual(
        linesOf(result.stdout).map((line) => [line.line, line.msg]),
        [0, 1, 2].map((i) => [i, 'before the end']),
      );
    });
  }
});
