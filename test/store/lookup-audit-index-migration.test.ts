// Migration 11 on a SQLite database an earlier Roster (schema 10) wrote: the lookup audit's index by target goes,
// every row stays, and filtering by target, caller and time answers what it answered before.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import type { LookupAuditEntry, LookupAuditQuery, Store } from '../../src/core/store.js';
import { migrate } from '../../src/store/sqlite/sqlite-schema.js';
import { SqliteLookupAudits } from '../../src/store/sqlite/sqlite-lookup-audit.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { makeTempDir } from '../helpers/temp-dir.js';

/** The last schema version before migration 11. */
const PREVIOUS_VERSION = 10;

/** Rows as Roster at schema 10 wrote them: two callers, three targets (one a miss), over three days. */
const ENTRIES: LookupAuditEntry[] = [
  {
    ts: '2026-11-01T10:00:00.000Z',
    callerId: 'admin',
    targetId: 'alice',
    key: 'email',
    value: 'a@x.org',
    found: true,
  },
  {
    ts: '2026-11-02T10:00:00.000Z',
    callerId: 'bot',
    targetId: null,
    key: 'email',
    value: 'no@x.org',
    found: false,
  },
  {
    ts: '2026-11-02T11:00:00.000Z',
    callerId: 'bot',
    targetId: 'alice',
    key: 'username',
    value: 'alice',
    found: true,
  },
  {
    ts: '2026-11-03T09:00:00.000Z',
    callerId: 'admin',
    targetId: 'bob',
    key: 'importId',
    value: 'rc-b',
    found: true,
  },
];

const QUERIES: LookupAuditQuery[] = [
  { offset: 0, count: 50 },
  { targetId: 'alice', offset: 0, count: 50 },
  { targetId: 'alice', callerId: 'bot', offset: 0, count: 50 },
  { targetId: 'alice', since: '2026-11-02T00:00:00.000Z', offset: 0, count: 50 },
  { callerId: 'admin', until: '2026-11-03T00:00:00.000Z', offset: 0, count: 50 },
  { targetId: 'alice', offset: 1, count: 1 },
];

async function answers(store: Pick<Store, 'lookupAudits'>) {
  return Promise.all(QUERIES.map((query) => store.lookupAudits.list(query)));
}

function indexesOf(path: string): string[] {
  const db = new Database(path, { readonly: true });
  try {
    return (
      db
        .prepare(
          "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'lookup_audit' ORDER BY name",
        )
        .all() as Array<{ name: string }>
    ).map((row) => row.name);
  } finally {
    db.close();
  }
}

describe('lookup audit index migration (11)', () => {
  it('drops the target index of a schema-10 SQLite database, keeping every entry and every answer', async () => {
    const dir = makeTempDir();
    try {
      const path = join(dir.path, 'roster.db');
      const raw = new Database(path);
      migrate(raw, () => undefined, PREVIOUS_VERSION);
      const insert = raw.prepare(
        'INSERT INTO lookup_audit (ts, caller_id, target_id, key, value, found) VALUES (?, ?, ?, ?, ?, ?)',
      );
      for (const e of ENTRIES) insert.run(e.ts, e.callerId, e.targetId, e.key, e.value, e.found ? 1 : 0);
      raw.close();
      assert.ok(indexesOf(path).includes('lookup_audit_target'));

      // What the schema-10 database answers, read through today's queries before the upgrade.
      const before = new Database(path);
      const expected = await answers({ lookupAudits: new SqliteLookupAudits(before) });
      before.close();

      const upgraded = SqliteStore.open(path);
      try {
        assert.deepEqual(await answers(upgraded), expected);
        const alice = expected[1];
        assert.equal(alice?.total, 2);
        assert.deepEqual(
          alice?.entries.map((entry) => entry.ts),
          ['2026-11-02T11:00:00.000Z', '2026-11-01T10:00:00.000Z'],
        );
        assert.equal((await upgraded.lookupAudits.list({ offset: 0, count: 50 })).total, ENTRIES.length);
      } finally {
        await upgraded.close();
      }
      assert.deepEqual(indexesOf(path), ['lookup_audit_caller', 'lookup_audit_ts']);
      const check = new Database(path, { readonly: true });
      assert.equal(check.pragma('user_version', { simple: true }), PREVIOUS_VERSION + 1);
      check.close();
    } finally {
      dir.remove();
    }
  });
});
