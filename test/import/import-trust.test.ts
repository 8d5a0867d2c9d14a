// Security F18: an export naming a user Roster created itself (the first-start admin, users.create, users.register)
// does not replace it without --overwrite-existing; a user an import wrote is replaced; the run reports imported
// admins and tokens.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { bootstrap } from '../../src/core/setup/bootstrap.js';
import { importExport } from '../../src/import/import-run.js';
import { hashPassword } from '../../src/core/auth/passwords.js';
import { startTestApp, ADMIN_PASSWORD, type TestApp } from '../helpers/test-app.js';
import { testStores } from '../helpers/test-stores.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { quietObserver } from './export-fixtures.js';

for (const [storeName, factory] of testStores()) {
  describe(`import trust (${storeName})`, () => {
    it('keeps a user not from an import (unless overwriteExisting) and reports imported admins and tokens', async () => {
      const { store, dispose } = await factory();
      const dir = makeTempDir();
      try {
        const initial = await bootstrap(store, {
          username: 'rosteradmin',
          email: 'a@x.org',
          password: 'strong-pw',
        });
        if (!initial.created) throw new Error('store was not empty');
        const admin = initial;
        const path = join(dir.path, 'users.json');
        const token = (name: string) => ({
          token: `planted-${name}`,
          when: { $date: '2026-01-01T00:00:00.000Z' },
        });
        writeFileSync(
          path,
          [
            {
              _id: admin.userId,
              username: 'rosteradmin',
              roles: ['admin'],
              services: { resume: { loginTokens: [token('a')] } },
            },
            {
              _id: 'evil0000000000001',
              username: 'evil',
              roles: ['admin', 'user'],
              services: { resume: { loginTokens: [token('e')] } },
            },
          ]
            .map((doc) => JSON.stringify(doc))
            .join('\n'),
        );
        const files = [{ path, collection: 'users' as const }];
        const summary = await importExport(
          store,
          files,
          { batchSize: 10, skipInvalid: false },
          quietObserver,
        );
        assert.deepEqual(summary.protectedUsers, [`rosteradmin (${admin.userId})`]);
        assert.equal(summary.collections.users.protected, 1);
        assert.equal(summary.collections.users.skipped, 0);
        assert.deepEqual(summary.admins, ['evil']);
        assert.equal(summary.tokensWritten, 1);
        const kept = await store.users.findById(admin.userId);
        assert.ok(kept?.services?.password, 'the bootstrap password survives');
        assert.deepEqual(await store.tokens.listOfUser(admin.userId, 'login'), []);

        const forced = await importExport(
          store,
          files,
          { batchSize: 10, skipInvalid: false, overwriteExisting: true },
          quietObserver,
        );
        assert.deepEqual(forced.protectedUsers, []);
        assert.equal(forced.collections.users.updated, 1);
        assert.equal((await store.tokens.listOfUser(admin.userId, 'login')).length, 1);
      } finally {
        dir.remove();
        await dispose();
      }
    });
  });
}

/** An export line replacing `id` with a known password and a planted login token (the review's users.json). */
async function hostileUser(id: string, username: string, token: string): Promise<string> {
  return JSON.stringify({
    _id: id,
    username,
    roles: ['admin', 'user'],
    active: true,
    services: {
      password: { bcrypt: await hashPassword('attacker-pw') },
      resume: { loginTokens: [{ token, when: { $date: new Date().toISOString() } }] },
    },
  });
}

const me = (t: TestApp, userId: string, token: string) =>
  t.inject({ method: 'GET', url: '/api/v1/me', headers: { 'x-user-id': userId, 'x-auth-token': token } });

for (const [storeName, factory] of testStores()) {
  describe(`import trust over HTTP (${storeName})`, () => {
    it('refuses to replace the first-start admin, a users.create user and a registered user; replaces imported ones', async () => {
      const t = await startTestApp(factory);
      const dir = makeTempDir();
      try {
        await t.store.settings.save({ _id: 'API_Enable_Rate_Limiter', type: 'boolean', value: false });
        const created = await t.post('/api/v1/users.create', {
          username: 'made',
          email: 'made@x.org',
          name: 'Made',
          password: 'made-pw',
        });
        assert.equal(created.statusCode, 200, created.body);
        const madeId = (created.json() as { user: { _id: string } }).user._id;
        const registered = await t.inject({
          method: 'POST',
          url: '/api/v1/users.register',
          payload: { username: 'joined', email: 'joined@x.org', pass: 'joined-pw', name: 'Joined' },
        });
        assert.equal(registered.statusCode, 200, registered.body);
        const joinedId = (registered.json() as { user: { _id: string } }).user._id;
        // A user an earlier import wrote.
        const firstPath = join(dir.path, 'first.json');
        writeFileSync(
          firstPath,
          JSON.stringify({ _id: 'rcUser00000000001', username: 'rcuser', name: 'RC' }),
        );
        await importExport(
          t.store,
          [{ path: firstPath, collection: 'users' }],
          { batchSize: 10, skipInvalid: false },
          quietObserver,
        );

        const path = join(dir.path, 'users.json');
        const victims: Array<[string, string]> = [
          [t.admin.userId, 'admin'],
          [madeId, 'made'],
          [joinedId, 'joined'],
          ['rcUser00000000001', 'rcuser'],
        ];
        const lines = await Promise.all(
          victims.map(([id, username]) => hostileUser(id, username, `planted-${username}`)),
        );
        writeFileSync(path, lines.join('\n'));
        const files = [{ path, collection: 'users' as const }];
        const summary = await importExport(
          t.store,
          files,
          { batchSize: 2, skipInvalid: false },
          quietObserver,
        );
        assert.deepEqual(
          summary.protectedUsers.sort(),
          [`admin (${t.admin.userId})`, `joined (${joinedId})`, `made (${madeId})`].sort(),
        );
        assert.equal(summary.collections.users.protected, 3);
        assert.equal(summary.collections.users.updated, 1);
        assert.deepEqual(summary.admins, ['rcuser']);
        assert.equal(summary.tokensWritten, 1);
        // Their passwords still work, the export's do not, and its planted tokens do not authenticate.
        await t.login('admin', ADMIN_PASSWORD);
        await t.login('made', 'made-pw');
        await t.login('joined', 'joined-pw');
        for (const [id, username] of victims.slice(0, 3)) {
          assert.equal((await me(t, id, `planted-${username}`)).statusCode, 401);
          const attacker = await t.inject({
            method: 'POST',
            url: '/api/v1/login',
            payload: { user: username, password: 'attacker-pw' },
          });
          assert.equal(attacker.statusCode, 401);
        }
        // The imported user is replaced as an import should.
        assert.equal((await me(t, 'rcUser00000000001', 'planted-rcuser')).statusCode, 200);

        // Told to, the import replaces them (and they count as imported from then on).
        const forced = await importExport(
          t.store,
          files,
          { batchSize: 2, skipInvalid: false, overwriteExisting: true },
          quietObserver,
        );
        assert.deepEqual(forced.protectedUsers, []);
        assert.equal(forced.collections.users.updated, 3);
        assert.equal((await me(t, madeId, 'planted-made')).statusCode, 200);
        assert.deepEqual(await t.store.findLocalUserIds([t.admin.userId, madeId, joinedId]), []);
      } finally {
        dir.remove();
        await t.dispose();
      }
    });
  });
}
