// Importing a Rocket.Chat export through the store: every field kept, passwords, tokens, permissions usable.
import assert from 'node:assert/strict';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { closeContext, createContext } from '../../src/core/context.js';
import { verifyPassword } from '../../src/core/auth/passwords.js';
import type { Store } from '../../src/core/store.js';
import { resolveExportFiles } from '../../src/import/collection-files.js';
import { importExport, type ImportSummary } from '../../src/import/import-run.js';
import { silentLog } from '../helpers/test-app.js';
import { testStores } from '../helpers/test-stores.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { ALICE, BOB, CANONICAL_ARRAY, quietObserver, RELAXED_LINES } from './export-fixtures.js';

const NOW = new Date('2026-11-28T12:00:00.000Z');

async function importFrom(store: Store, path: string, batchSize = 2): Promise<ImportSummary> {
  const files = await resolveExportFiles([path]);
  return importExport(store, files, { batchSize, skipInvalid: false }, quietObserver);
}

function written(summary: ImportSummary): Record<string, [number, number, number, number]> {
  return Object.fromEntries(
    Object.entries(summary.collections).map(([key, c]) => [
      key,
      [c.inserted, c.updated, c.unchanged, c.skipped],
    ]),
  );
}

for (const [storeName, factory] of testStores()) {
  describe(`import of a Rocket.Chat export (${storeName})`, () => {
    for (const [format, path] of [
      ['one document per line, relaxed EJSON', RELAXED_LINES],
      ['--jsonArray, canonical EJSON', CANONICAL_ARRAY],
    ] as const) {
      it(`imports users, tokens, rooms, subscriptions, roles, permissions and known settings (${format})`, async () => {
        const { store, dispose } = await factory();
        try {
          const summary = await importFrom(store, path);
          assert.deepEqual(written(summary), {
            roles: [7, 0, 0, 0],
            permissions: [4, 0, 0, 0],
            settings: [3, 0, 0, 0],
            users: [3, 0, 0, 0],
            tokens: [2, 0, 0, 0],
            rooms: [2, 0, 0, 0],
            subscriptions: [3, 0, 0, 0],
          });
          assert.equal(
            summary.collections.settings.ignored,
            1,
            'Layout_Home_Title is not a Roster setting (Site_Url is, for /me avatarUrl)',
          );

          const alice = await store.users.findByImportId('ldap-alice');
          assert.equal(alice?._id, ALICE.id);
          assert.equal((await store.users.findByEmail('  alice@EXAMPLE.com '))?._id, ALICE.id);
          assert.equal((await store.users.findByImportId('slack-U024BE7LH'))?.username, 'alice');
          assert.equal(alice?.createdAt, '2023-03-01T10:00:00.000Z');
          assert.equal(alice?.lastLogin, '2026-11-20T08:15:30.100Z');
          assert.equal(alice?.utcOffset, 2);
          assert.equal(alice?.loginCount, 1234);
          assert.deepEqual(alice?.customFields, { team: 'Platform', employeeId: 'E-1001' });
          assert.deepEqual(alice?.settings, {
            preferences: { language: 'en', emailNotificationMode: 'mentions', sidebarShowUnread: true },
          });
          assert.deepEqual(alice?.__rooms, ['GENERAL', 'R7pLq2mXa9Tt4bCdE']);
          assert.deepEqual(
            Object.keys(alice?.services ?? {}),
            ['password', 'email'],
            'loginTokens left the user',
          );
          assert.equal((await store.users.findById(BOB.id))?.utcOffset, -3.5);

          const bcrypt = (alice?.services?.password as { bcrypt: string }).bcrypt;
          assert.equal(await verifyPassword(ALICE.password, bcrypt), true);
          assert.equal(await verifyPassword(BOB.password, bcrypt), false);

          const subscriptions = await store.subscriptions.listOfUser(ALICE.id);
          assert.deepEqual(
            subscriptions.map((s) => [s.rid, s.unread, s.roles ?? null, s.ts]),
            [
              ['GENERAL', 3, null, '2024-02-02T10:00:00.000Z'],
              ['R7pLq2mXa9Tt4bCdE', 0, ['owner', 'moderator'], '2024-02-02T10:00:00.000Z'],
            ],
          );
          assert.deepEqual(
            (await store.subscriptions.listOfUser(BOB.id)).map((s) => [s.unread, s.roles]),
            [[12, ['leader']]],
          );
          assert.equal((await store.rooms.findByName('platform-team'))?.msgs, 87);

          const permissions = new Map((await store.permissions.list()).map((p) => [p._id, p]));
          assert.deepEqual(permissions.get('view-full-other-user-info')?.roles, ['admin', 'auditor']);
          assert.equal(
            permissions.get('change-setting-Accounts_CustomFields')?.settingId,
            'Accounts_CustomFields',
          );
          assert.equal((await store.roles.list()).find((role) => role._id === 'auditor')?.scope, 'Users');

          const context = createContext({ store, log: silentLog, version: 'test', clock: () => NOW });
          try {
            const session = await context.sessions.authenticate(ALICE.id, ALICE.loginToken);
            assert.equal(session?.user.username, 'alice');
            assert.deepEqual(session?.token, {
              hashedToken: 'rTXpnsaSg2DsrgofpVjhGIbDZrbUA0bT0Ur7evM44J8=',
              userId: ALICE.id,
              when: '2026-11-20T08:15:30.123Z',
              type: 'login',
            });
            const pat = await context.sessions.authenticate(ALICE.id, ALICE.personalAccessToken);
            assert.deepEqual(
              [pat?.token.type, pat?.token.name, pat?.token.lastTokenPart, pat?.token.createdAt],
              ['personalAccessToken', 'ci-bot', 'a1B2c3', '2026-10-01T12:00:00.000Z'],
            );
            assert.equal(await context.sessions.authenticate(BOB.id, ALICE.loginToken), null);
            assert.equal(await context.permissions.has(['auditor'], 'view-other-user-channels'), true);
            assert.equal(await context.permissions.has(['user'], 'view-other-user-channels'), false);
            const settings = await context.settings.current();
            assert.equal(settings.loginExpirationDays, 30);
            assert.deepEqual([...settings.customFields.keys()].sort(), ['employeeId', 'team']);
            assert.equal(settings.customFields.get('team')?.public, true);
          } finally {
            await closeContext(context);
          }
        } finally {
          await dispose();
        }
      });
    }

    it('stores the same documents from both formats and both EJSON modes', async () => {
      const lines = await factory();
      const array = await factory();
      try {
        await importFrom(lines.store, RELAXED_LINES);
        await importFrom(array.store, CANONICAL_ARRAY, 1000);
        for (const id of [ALICE.id, BOB.id, 'rocket.cat']) {
          assert.deepEqual(await array.store.users.findById(id), await lines.store.users.findById(id));
        }
        assert.deepEqual(await array.store.settings.list(), await lines.store.settings.list());
        assert.deepEqual(
          await array.store.subscriptions.listOfRoom('GENERAL'),
          await lines.store.subscriptions.listOfRoom('GENERAL'),
        );
      } finally {
        await lines.dispose();
        await array.dispose();
      }
    });

    it('changes nothing when the same export is imported twice: every document counts as unchanged', async () => {
      const { store, dispose } = await factory();
      try {
        await importFrom(store, RELAXED_LINES);
        const before = await store.users.findById(ALICE.id);
        const again = await importFrom(store, CANONICAL_ARRAY);
        assert.deepEqual(written(again), {
          roles: [0, 0, 7, 0],
          permissions: [0, 0, 4, 0],
          settings: [0, 0, 3, 0],
          users: [0, 0, 3, 0],
          tokens: [0, 0, 2, 0],
          rooms: [0, 0, 2, 0],
          subscriptions: [0, 0, 3, 0],
        });
        assert.deepEqual(await store.users.findById(ALICE.id), before);
      } finally {
        await dispose();
      }
    });

    it('updates only what changed when a newer export is imported', async () => {
      const { store, dispose } = await factory();
      const dir = makeTempDir();
      try {
        await importFrom(store, RELAXED_LINES);
        cpSync(RELAXED_LINES, dir.path, { recursive: true });
        const users = join(dir.path, 'users.json');
        writeFileSync(
          users,
          readFileSync(users, 'utf8').replace('"name":"Bob Builder"', '"name":"Robert Builder"'),
        );
        const subscriptions = join(dir.path, 'rocketchat_subscription.json');
        writeFileSync(
          subscriptions,
          readFileSync(subscriptions, 'utf8').replace('"unread":12', '"unread":0'),
        );
        const summary = await importFrom(store, dir.path);
        assert.deepEqual(written(summary).users, [0, 1, 2, 0]);
        assert.deepEqual(written(summary).subscriptions, [0, 1, 2, 0]);
        assert.deepEqual(written(summary).tokens, [0, 0, 2, 0]);
        assert.equal((await store.users.findById(BOB.id))?.name, 'Robert Builder');
        assert.equal((await store.subscriptions.find('GENERAL', BOB.id))?.unread, 0);
      } finally {
        dir.remove();
        await dispose();
      }
    });
  });
}
