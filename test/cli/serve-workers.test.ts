// `roster serve --workers N` as a child process: workers share the port, a dead one is replaced, SIGTERM stops all.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startServer, type ServerProcess } from '../helpers/cli-process.js';
import { makeTempDir } from '../helpers/temp-dir.js';

function workerPids(server: ServerProcess): number[] {
  return [...server.output().matchAll(/"workerPid":(\d+)[^\n]*"msg":"worker started"/g)].map((match) =>
    Number(match[1]),
  );
}

function listeningCount(server: ServerProcess): number {
  return server.output().match(/"msg":"Server listening at/g)?.length ?? 0;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function until(condition: () => boolean, what: string, output: () => string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!condition()) {
    if (Date.now() > deadline) assert.fail(`${what} did not happen:\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('roster serve --workers', () => {
  let dir: ReturnType<typeof makeTempDir>;
  before(() => (dir = makeTempDir()));
  after(() => dir.remove());

  it('answers /api/info from 2 workers on SQLite, replaces a killed worker and stops them all on SIGTERM', async () => {
    const server = await startServer(['--db', join(dir.path, 'workers.db'), '--workers', '2'], {
      ROSTER_LOG_LEVEL: 'info',
    });
    try {
      await until(() => listeningCount(server) === 2, 'two workers listening', server.output);
      assert.equal(server.output().match(/is listening on/g)?.length, 1, 'announced once');
      assert.equal(server.output().match(/password: /g)?.length, 1, 'the admin password printed once');
      for (let request = 0; request < 6; request++) {
        const info = await fetch(`${server.baseUrl}/api/info`);
        assert.equal(info.status, 200);
        assert.deepEqual(await info.json(), {
          version: '8.5',
          minimumClientVersions: { desktop: '3.9.6', mobile: '4.39.0' },
          rosterVersion: '0.1',
          success: true,
        });
      }

      const [first, second] = workerPids(server) as [number, number];
      process.kill(first, 'SIGKILL');
      await until(() => listeningCount(server) === 3, 'a replacement worker listening', server.output);
      assert.match(server.output(), /worker died; starting another/);
      const replacement = workerPids(server)[2] as number;
      for (let request = 0; request < 6; request++) {
        const response = await fetch(`${server.baseUrl}/api/info`).catch((error: unknown) =>
          assert.fail(`${String(error)}\n${server.output()}`),
        );
        assert.equal(response.status, 200);
      }

      server.child.kill('SIGTERM');
      assert.equal(await server.exited, 0, server.output());
      for (const pid of [second, replacement]) assert.equal(isAlive(pid), false, `worker ${pid} stopped`);
    } finally {
      if (server.child.exitCode === null) server.child.kill('SIGKILL');
    }
  });
});
