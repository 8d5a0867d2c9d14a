// Crash safety: kill -9 `roster serve` during a write-heavy load and `roster import` mid-run; after each crash
// the database passes PRAGMA integrity_check and every acknowledged (2xx) write is present.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { fileURLToPath } from 'node:url';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { CLI_PATH, runCli } from '../helpers/cli-process.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { call, startSession } from './child-server.js';
import { Rng } from './fuzz-values.js';

const CYCLES = Number(process.env.ROSTER_CRASH_CYCLES ?? 5);
const IMPORT_CRASHES = Number(process.env.ROSTER_IMPORT_CRASHES ?? 2);
const GENERATOR = fileURLToPath(new URL('../../bench/generate-export.js', import.meta.url));

function integrityCheck(path: string): string {
  const db = new Database(path);
  try {
    return (db.pragma('integrity_check') as Array<{ integrity_check: string }>)
      .map((row) => row.integrity_check)
      .join('; ');
  } finally {
    db.close();
  }
}

describe('crash safety', () => {
  const dir = makeTempDir();
  after(() => dir.remove());

  it(
    `survives ${CYCLES} kill -9 during write-heavy load with every acknowledged write kept`,
    { timeout: 600_000 },
    async () => {
      const rng = new Rng(909);
      const acked = { users: [] as string[], channels: [] as string[] };
      let sent = 0;
      for (let cycle = 0; cycle < CYCLES; cycle += 1) {
        const session = await startSession(dir.path);
        const { baseUrl } = session.server;
        // The restarted server answers for every write acknowledged before any earlier crash.
        for (const username of acked.users) {
          const found = await call(baseUrl, 'GET', `/api/v1/users.info?username=${username}`, {
            headers: session.headers,
          });
          assert.equal(found.status, 200, `acknowledged user ${username} is missing after a crash`);
        }
        for (const name of acked.channels) {
          const found = await call(baseUrl, 'GET', `/api/v1/channels.info?roomName=${name}`, {
            headers: session.headers,
          });
          assert.equal(found.status, 200, `acknowledged channel ${name} is missing after a crash`);
        }
        let killed = false;
        const writer = async (lane: number): Promise<void> => {
          for (let i = 0; !killed; i += 1) {
            const name = `c${cycle}l${lane}n${i}`;
            sent += 1;
            try {
              if (i % 3 === 0) {
                const reply = await call(baseUrl, 'POST', '/api/v1/users.create', {
                  headers: session.headers,
                  body: { username: `u${name}`, email: `u${name}@example.com`, name, password: `pw-${name}` },
                });
                if (reply.status === 200) acked.users.push(`u${name}`);
                else assert.fail(`users.create answered ${reply.status} ${reply.body}`);
              } else {
                const reply = await call(baseUrl, 'POST', '/api/v1/channels.create', {
                  headers: session.headers,
                  body: { name },
                });
                if (reply.status === 200) acked.channels.push(name);
                else assert.fail(`channels.create answered ${reply.status} ${reply.body}`);
              }
            } catch (error) {
              if (!killed) throw error;
            }
          }
        };
        const lanes = Array.from({ length: 16 }, (_, lane) => writer(lane));
        await sleep(1000 + rng.int(2000));
        killed = true;
        session.server.child.kill('SIGKILL');
        await session.server.exited;
        await Promise.all(lanes);
        assert.equal(integrityCheck(join(dir.path, 'roster.db')), 'ok');
      }
      const store = SqliteStore.open(join(dir.path, 'roster.db'));
      try {
        for (const username of acked.users) assert.ok(await store.users.findByUsername(username), username);
        for (const name of acked.channels) assert.ok(await store.rooms.findByName(name), name);
      } finally {
        await store.close();
      }
      process.stdout.write(
        `crash (serve): ${CYCLES} kill -9 survived; ${sent} writes sent, ${acked.users.length + acked.channels.length} acknowledged ` +
          `(${acked.users.length} users.create, ${acked.channels.length} channels.create), all present; integrity_check ok\n`,
      );
    },
  );

  it(
    `survives ${IMPORT_CRASHES} kill -9 during roster import; a rerun completes with every document`,
    { timeout: 600_000 },
    async () => {
      const exportDir = join(dir.path, 'export');
      const generated = await new Promise<number | null>((resolve) =>
        spawn(process.execPath, [
          GENERATOR,
          '--users',
          '20000',
          '--subscriptions',
          '60000',
          '--rooms',
          '200',
          exportDir,
        ]).once('exit', resolve),
      );
      assert.equal(generated, 0);
      const db = join(dir.path, 'import.db');
      const rng = new Rng(808);
      for (let crash = 0; crash < IMPORT_CRASHES; crash += 1) {
        const child = spawn(process.execPath, [CLI_PATH, 'import', '--db', db, exportDir]);
        const exited = new Promise((resolve) => child.once('exit', resolve));
        // Killed at a random moment once batches are being committed (the first "importing" progress line),
        // not after a fixed delay, which a fast machine outruns.
        await outputContaining(child, 'importing ');
        await sleep(rng.int(1500));
        assert.equal(child.exitCode, null, 'the import finished before the kill; kill earlier');
        child.kill('SIGKILL');
        await exited;
        assert.equal(integrityCheck(db), 'ok');
      }
      const rerun = await runCli(['import', '--db', db, exportDir]);
      assert.equal(rerun.code, 0, rerun.output);
      assert.equal(integrityCheck(db), 'ok');
      const store = SqliteStore.open(db);
      try {
        const page = await store.users.list({ offset: 0, count: 1, sort: [['username', 1]] });
        assert.equal(page.total, 20_001, 'the export’s 20,000 users plus the bootstrapped admin');
      } finally {
        await store.close();
      }
      process.stdout.write(
        `crash (import): ${IMPORT_CRASHES} kill -9 mid-import survived; integrity_check ok; rerun imported all 20,000 users\n`,
      );
    },
  );
});

/** Resolves once the child's stdout or stderr has printed `text`. */
function outputContaining(child: ChildProcess, text: string): Promise<void> {
  return new Promise((resolve) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(text)) resolve();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
  });
}
