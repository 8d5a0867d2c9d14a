// The audit of gated lookups (README "Beyond Rocket.Chat"): what is recorded, how it is read, kept and flushed.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Permissions } from '../../src/core/access/permissions.js';
import type { LookupAuditEntry } from '../../src/core/store.js';
import type { Credentials, TestApp } from '../helpers/test-app.js';
import { startTestApp } from '../helpers/test-app.js';
import { testStores } from '../helpers/test-stores.js';
import { setPermission, startUsersInfoApp, usersInfo } from './users-info/fixtures.js';

interface Page {
  entries: LookupAuditEntry[];
  count: number;
  offset: number;
  total: number;
  success: boolean;
}

const audit = async (t: TestApp, query = '', as?: Credentials) =>
  t.get(`/api/v1/roster.audit.lookups${query === '' ? '' : `?${query}`}`, as);
const pageOf = async (t: TestApp, query = '') => {
  const response = await audit(t, query);
  assert.equal(response.statusCode, 200, response.body);
  return response.json() as Page;
};
const strip = (entries: LookupAuditEntry[]) =>
  entries.map(({ callerId, targetId, key, value, found }) => ({ callerId, targetId, key, value, found }));

for (const [storeName, factory] of testStores()) {
  describe(`lookup audit (${storeName})`, () => {
    let t: TestApp;
    let bob: Credentials;
    let carol: Credentials;
    before(async () => {
      t = await startUsersInfoApp(factory);
      bob = await t.createUser({ username: 'bob', extra: { importIds: ['imp-bob'] } });
      carol = await t.createUser({ username: 'carol' });
    });
    after(async () => t.dispose());

    it('records email and importId lookups (found, missed, refused) and full views of others, nothing else', async () => {
      const admin = t.admin.userId;
      await usersInfo(t, 'email=bob@example.com'); // admin, found
      await usersInfo(t, 'importId=nope'); // admin, miss
      await usersInfo(t, 'email=bob@example.com', carol); // refused: a miss
      await usersInfo(t, 'email=carol@example.com', carol); // her own email: still a lookup by email
      await usersInfo(t, 'username=carol'); // admin's full view of carol
      await usersInfo(t, `userId=${admin}`); // admin's own view: not recorded
      await usersInfo(t, 'username=bob', carol); // default view: not recorded
      await t.post(
        '/api/v1/roster.users.lookup',
        { users: [{ importId: 'imp-bob' }, { username: 'x' }] },
        bob,
      );
      const page = await pageOf(t);
      assert.equal(page.total, 6);
      assert.deepEqual(strip(page.entries).reverse(), [
        { callerId: admin, targetId: bob.userId, key: 'email', value: 'bob@example.com', found: true },
        { callerId: admin, targetId: null, key: 'importId', value: 'nope', found: false },
        { callerId: carol.userId, targetId: null, key: 'email', value: 'bob@example.com', found: false },
        {
          callerId: carol.userId,
          targetId: carol.userId,
          key: 'email',
          value: 'carol@example.com',
          found: true,
        },
        { callerId: admin, targetId: carol.userId, key: 'username', value: 'carol', found: true },
        { callerId: bob.userId, targetId: bob.userId, key: 'importId', value: 'imp-bob', found: true },
      ]);
      for (const entry of page.entries) assert.match(entry.ts, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    });

    it('pages newest first and filters by caller, target and time', async () => {
      const all = await pageOf(t);
      const firstTwo = await pageOf(t, 'count=2');
      assert.deepEqual(firstTwo.entries, all.entries.slice(0, 2));
      assert.equal(firstTwo.total, all.total);
      const next = await pageOf(t, 'count=2&offset=2');
      assert.deepEqual(next.entries, all.entries.slice(2, 4));
      assert.equal(next.offset, 2);
      const byCarol = await pageOf(t, `caller=${carol.userId}`);
      assert.equal(byCarol.total, 2);
      assert.ok(byCarol.entries.every((e) => e.callerId === carol.userId));
      const ofCarol = await pageOf(t, `target=${carol.userId}`);
      assert.equal(ofCarol.total, 2);
      assert.ok(ofCarol.entries.every((e) => e.targetId === carol.userId));
      const oldest = all.entries[all.entries.length - 1] as LookupAuditEntry;
      assert.equal((await pageOf(t, `until=${oldest.ts}`)).total, 0);
      assert.equal((await pageOf(t, `since=${oldest.ts}`)).total, all.total);
      assert.equal((await pageOf(t, 'since=2999-01-01T00:00:00Z')).total, 0);
      assert.equal((await pageOf(t, `caller=${carol.userId}&target=${bob.userId}`)).total, 0);
    });

    it('answers 403 without view-lookup-audit and 400 for bad parameters', async () => {
      const refused = await audit(t, '', carol);
      assert.equal(refused.statusCode, 403);
      assert.equal((refused.json() as { success: boolean }).success, false);
      for (const query of [
        'count=x',
        'offset=-1',
        'since=yesterday',
        'until=2020-13-45T99:99:99Z',
        'who=me',
      ]) {
        const response = await audit(t, query);
        assert.equal(response.statusCode, 400, query);
        assert.equal((response.json() as { errorType?: string }).errorType, 'invalid-params', query);
      }
      await setPermission(t, 'view-lookup-audit', ['user']);
      assert.equal((await audit(t, '', carol)).statusCode, 200);
      await setPermission(t, 'view-lookup-audit', ['admin']);
    });

    it('prunes entries past Roster_Lookup_Audit_Retention_Days, and keeps everything with 0', async () => {
      const old = new Date(Date.now() - 3 * 86_400_000).toISOString();
      await t.store.lookupAudits.append([
        { ts: old, callerId: 'x', targetId: null, key: 'email', value: 'old@x', found: false },
      ]);
      const before = (await pageOf(t)).total;
      await t.store.settings.save({ _id: 'Roster_Lookup_Audit_Retention_Days', type: 'int', value: 0 });
      assert.equal(await t.context.lookupAudit.prune(), 0);
      await t.store.settings.save({ _id: 'Roster_Lookup_Audit_Retention_Days', type: 'int', value: 2 });
      assert.equal(await t.context.lookupAudit.prune(), 1);
      assert.equal((await pageOf(t)).total, before - 1);
      assert.equal((await pageOf(t, 'caller=x')).total, 0);
    });
  });

  describe(`lookup audit writes (${storeName})`, () => {
    it('leaves at most maxPending entries unwritten at any time, and writes all of them on close', async () => {
      const t = await startTestApp(factory, {
        lookupAudit: { flushMs: 3_600_000, batchSize: 4, maxPending: 10 },
      });
      try {
        await t.store.settings.save({ _id: 'API_Enable_Rate_Limiter', type: 'boolean', value: false });
        const lookups = 47;
        for (let i = 0; i < lookups; i++) {
          await usersInfo(t, `email=nobody-${i}@example.com`);
          assert.ok(t.context.lookupAudit.pending <= 10, `${t.context.lookupAudit.pending} unwritten`);
        }
        // What a crash now would leave: the rows another connection sees (no flush, no close).
        const other = await t.testStore.reopen();
        const written = (await other.lookupAudits.list({ offset: 0, count: 1 })).total;
        assert.ok(written >= lookups - 10, `${written} of ${lookups} written`);
        assert.equal(written + t.context.lookupAudit.pending, lookups);
        // A graceful shutdown (closeContext awaits this) writes every waiting entry.
        await t.context.lookupAudit.close();
        assert.equal(t.context.lookupAudit.pending, 0);
        assert.equal((await other.lookupAudits.list({ offset: 0, count: 1 })).total, lookups);
      } finally {
        await t.dispose();
      }
    });

    it('writes a batch of any size whole and in order (SQLite inserts 50 rows per statement)', async () => {
      const { store, dispose } = await factory();
      try {
        const entries = (from: number, n: number): LookupAuditEntry[] =>
          Array.from({ length: n }, (_, i) => ({
            ts: '2026-12-03T08:00:00.000Z',
            callerId: 'caller',
            targetId: (from + i) % 3 === 0 ? null : `target-${from + i}`,
            key: 'email',
            value: `user-${from + i}@example.com`,
            found: (from + i) % 3 !== 0,
          }));
        const written = [...entries(0, 123), ...entries(123, 1), ...entries(124, 50)];
        await store.lookupAudits.append(written.slice(0, 123));
        await store.lookupAudits.append(written.slice(123, 124));
        await store.lookupAudits.append(written.slice(124));
        await store.lookupAudits.append([]);
        const page = await store.lookupAudits.list({ offset: 0, count: 500 });
        assert.equal(page.total, written.length);
        // Same ts for all: newest first is latest appended first.
        assert.deepEqual([...page.entries].reverse(), written);
      } finally {
        await dispose();
      }
    });

    it('grants view-lookup-audit to admins of a database written before it existed', async () => {
      const { store, dispose } = await factory();
      const permissions = new Permissions(store);
      try {
        assert.equal(await permissions.has(['admin'], 'view-lookup-audit'), true);
        assert.equal(await permissions.has(['user'], 'view-lookup-audit'), false);
      } finally {
        permissions.close();
        await dispose();
      }
    });
  });
}
