// The CLI against PostgreSQL: `roster seed` and `roster serve --workers 2` with --store postgres --pg-url.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { PostgresStore } from '../../src/store/postgres/postgres-store.js';
import { runCli, startServer } from '../helpers/cli-process.js';
import { freshPgSchema, testStores } from '../helpers/test-stores.js';

if (testStores().some(([name]) => name === 'postgres')) {
  describe('roster CLI on PostgreSQL (postgres)', () => {
    let schema: Awaited<ReturnType<typeof freshPgSchema>>;
    beforeEach(async () => (schema = await freshPgSchema()));
    afterEach(async () => schema.drop());

    it('seeds users, rooms and subscriptions, and a second identical run changes nothing', async () => {
      const args = ['seed', '--store', 'postgres', '--users', '30', '--rooms', '4', '--rooms-per-user', '2'];
      const first = await runCli([...args, '--pg-url', schema.url]);
      assert.equal(first.code, 0, first.output);
      assert.match(
        first.output,
        /"users":\{"inserted":30,"unchanged":0\},"rooms":\{"inserted":4,"unchanged":0\},"subscriptions":\{"inserted":60,"unchanged":0\}/,
      );
      const second = await runCli(args, { ROSTER_PG_URL: schema.url });
      assert.equal(second.code, 0, second.output);
      assert.match(second.output, /"users":\{"inserted":0,"unchanged":30\}/);
      const store = await PostgresStore.open(schema.url);
      try {
        assert.equal((await store.users.findByUsername('user7'))?.username, 'user7');
        assert.equal(
          (await store.subscriptions.listOfUser((await store.users.findByUsername('user7'))!._id)).length,
          2,
        );
      } finally {
        await store.close();
      }
    });

    it('serves /api/info from 2 workers sharing one PostgreSQL schema, creating one admin', async () => {
      const server = await startServer(['--store', 'postgres', '--pg-url', schema.url, '--workers', '2']);
      try {
        for (let request = 0; request < 4; request++) {
          const info = await fetch(`${server.baseUrl}/api/info`);
          assert.equal(info.status, 200);
          assert.deepEqual(await info.json(), {
            version: '8.5',
            minimumClientVersions: { desktop: '3.9.6', mobile: '4.39.0' },
            rosterVersion: '0.1',
            success: true,
          });
        }
        assert.match(server.output(), /\(store: postgres\)/);
        server.child.kill('SIGTERM');
        assert.equal(await server.exited, 0, server.output());
      } finally {
        if (server.child.exitCode === null) server.child.kill('SIGKILL');
      }
      const store = await PostgresStore.open(schema.url);
      try {
        assert.equal(await store.users.countWithRole('admin'), 1);
      } finally {
        await store.close();
      }
    });
  });
}
