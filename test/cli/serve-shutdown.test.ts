// SIGTERM with requests in flight: each accepted request is answered (not 503), then the process exits 0.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { startServer } from '../helpers/cli-process.js';
import { makeTempDir } from '../helpers/temp-dir.js';

describe('roster serve shutdown', () => {
  it('answers logins that were in flight at SIGTERM with 200 and exits 0', async () => {
    const dir = makeTempDir();
    try {
      const server = await startServer(['--db', join(dir.path, 'roster.db')], {
        ROSTER_ADMIN_PASSWORD: 'shutdown-password',
      });
      const login = () =>
        fetch(`${server.baseUrl}/api/v1/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ user: 'admin', password: 'shutdown-password' }),
        }).then((response) => response.status);
      // Warm the keep-alive pool, so the next logins reach the server on open connections.
      assert.deepEqual(await Promise.all([login(), login(), login(), login()]), [200, 200, 200, 200]);
      const inFlight = Array.from({ length: 4 }, login);
      // Long enough for the server to have read the requests (bcrypt keeps them running well past it).
      await sleep(100);
      server.child.kill('SIGTERM');
      assert.deepEqual(await Promise.all(inFlight), Array(4).fill(200));
      assert.equal(await server.exited, 0);
    } finally {
      dir.remove();
    }
  });
});
