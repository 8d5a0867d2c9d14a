// `roster serve --workers N` as a child process: workers share the port, a dead one is replaced, SIGTERM stops all.
import assert from 'node:assert/strict';
import { request } from 'node:http';
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

/** POST /api/v1/login on a connection of its own, so the cluster hands each attempt to the next worker. */
function loginOnNewConnection(baseUrl: string, password: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify({ user: 'admin', password });
    const call = request(
      `${baseUrl}/api/v1/login`,
      { method: 'POST', agent: false, headers: { 'content-type': 'application/json' } },
      (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
      },
    );
    call.on('error', reject);
    call.end(body);
  });
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

  it('shares failed-login and rate-limit counts between workers without Redis (security F5)', async () => {
    const server = await startServer(['--db', join(dir.path, 'guard.db'), '--workers', '2'], {
      ROSTER_LOG_LEVEL: 'info',
      ROSTER_ADMIN_PASSWORD: 'admin-secret-pw',
    });
    try {
      await until(() => listeningCount(server) === 2, 'two workers listening', server.output);
      assert.match(server.output(), /counted in the primary process, shared by every worker/);
      // Each worker alone would check 10 passwords (10 per account and IP, 10 logins a minute per IP): 20 in all.
      const answers = [];
      for (let attempt = 0; attempt < 20; attempt++) {
        answers.push(await loginOnNewConnection(server.baseUrl, `guess-${attempt}`));
      }
      const checked = answers.filter((answer) => answer.body.includes('"error":"Unauthorized"'));
      assert.equal(checked.length, 10, JSON.stringify(answers));
      assert.ok(
        answers.slice(10).every((answer) => answer.status === 429 || answer.body.includes('blocked')),
        JSON.stringify(answers.slice(10)),
      );
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  });
});
