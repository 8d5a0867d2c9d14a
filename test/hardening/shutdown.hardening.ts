// Graceful shutdown under load: SIGTERM while requests are in flight → accepted requests finish, new connections
// are refused (ECONNREFUSED, never a 5xx), and the process exits 0 within the 15 s grace period.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { ADMIN_PASSWORD, call, startSession } from './child-server.js';

const GRACE_MS = 15_000;

describe('graceful shutdown under load', () => {
  const dir = makeTempDir();
  after(() => dir.remove());

  it(
    'answers every request it accepted, refuses new connections cleanly and exits 0 within the grace period',
    { timeout: 120_000 },
    async () => {
      const session = await startSession(dir.path);
      const { baseUrl } = session.server;
      const outcomes = new Map<string, number>();
      const created: string[] = [];
      const reset: string[] = [];
      let signalled = false;
      let stop = false;
      // Each request on its own connection: the shutdown, not keep-alive reuse, decides what happens to it.
      const client = async (lane: number): Promise<void> => {
        for (let i = 0; !stop; i += 1) {
          const name = `sd-${lane}-${i}`;
          const request =
            lane % 4 === 0
              ? call(baseUrl, 'POST', '/api/v1/login', { body: { user: 'admin', password: ADMIN_PASSWORD } })
              : lane % 4 === 1
                ? call(baseUrl, 'POST', '/api/v1/channels.create', {
                    headers: session.headers,
                    body: { name },
                  })
                : call(baseUrl, 'GET', '/api/v1/users.info?username=admin', { headers: session.headers });
          let key: string;
          try {
            const reply = await request;
            key = String(reply.status);
            if (lane % 4 === 1 && reply.status === 200) created.push(name);
          } catch (error) {
            key = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
            if (lane % 4 === 1 && key === 'ECONNRESET') reset.push(name);
            if (signalled) await sleep(5);
          }
          outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
        }
      };
      const lanes = Array.from({ length: 24 }, (_, lane) => client(lane));
      await sleep(1500);
      const signalledAt = Date.now();
      signalled = true;
      session.server.child.kill('SIGTERM');
      const code = await session.server.exited;
      const exitMs = Date.now() - signalledAt;
      await sleep(300);
      stop = true;
      await Promise.all(lanes);
      process.stdout.write(
        `shutdown: exit ${code} after ${exitMs} ms; outcomes ${JSON.stringify(Object.fromEntries(outcomes))}\n`,
      );
      assert.equal(code, 0);
      assert.ok(exitMs < GRACE_MS, `exited after ${exitMs} ms`);
      // 200s, refused connections, and resets of connections still in the kernel's accept queue when the
      // listening socket closed; never a 5xx.
      for (const key of outcomes.keys())
        assert.ok(['200', 'ECONNREFUSED', 'ECONNRESET'].includes(key), `outcome ${key}`);
      assert.ok((outcomes.get('ECONNREFUSED') ?? 0) > 0, 'no connection was refused after the signal');
      // A reset request was never run (safe to retry); every answered write is stored.
      const store = SqliteStore.open(join(dir.path, 'roster.db'));
      try {
        for (const name of created)
          assert.ok(await store.rooms.findByName(name), `answered ${name} is missing`);
        for (const name of reset)
          assert.equal(await store.rooms.findByName(name), null, `reset ${name} was run`);
      } finally {
        await store.close();
      }
    },
  );
});
