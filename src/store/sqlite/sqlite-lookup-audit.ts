// store.lookupAudits in SQLite, the audit of gated lookups: an append-only table, written in batches, read in pages.
import type { Database, Statement } from 'better-sqlite3';
import type { LookupAuditEntry, LookupAuditQuery, LookupAuditsPort } from '../../core/store.js';
import { translateConflicts } from './sqlite-errors.js';

interface Row {
  ts: string;
  caller_id: string;
  target_id: string | null;
  key: LookupAuditEntry['key'];
  value: string;
  found: number;
}

/** Rows per INSERT statement: one statement per row costs about a third more of the request thread's CPU. */
const ROWS_PER_INSERT = 50;

type RowValues = Array<string | number | null>;

function insertOf(db: Database, rows: number): Statement<RowValues> {
  const values = Array.from({ length: rows }, () => '(?, ?, ?, ?, ?, ?)').join(', ');
  return db.prepare<RowValues>(
    `INSERT INTO lookup_audit (ts, caller_id, target_id, key, value, found) VALUES ${values}`,
  );
}

export class SqliteLookupAudits implements LookupAuditsPort {
  private readonly insertChunk: Statement<RowValues>;
  private readonly insertRow: Statement<RowValues>;
  private readonly deleteOlder: Statement<[string]>;

  constructor(private readonly db: Database) {
    this.insertChunk = insertOf(db, ROWS_PER_INSERT);
    this.insertRow = insertOf(db, 1);
    this.deleteOlder = db.prepare('DELETE FROM lookup_audit WHERE ts < ?');
  }

  /**
   * One transaction, not announced to the change feed's watchers (no cache holds audit entries). Rows go in
   * ROWS_PER_INSERT at a time, in order, so `seq` follows the order of `entries`.
   */
  async append(entries: readonly LookupAuditEntry[]): Promise<void> {
    translateConflicts(() =>
      this.db
        .transaction(() => {
          let next = 0;
          for (; next + ROWS_PER_INSERT <= entries.length; next += ROWS_PER_INSERT) {
            this.insertChunk.run(...valuesOf(entries, next, next + ROWS_PER_INSERT));
          }
          for (; next < entries.length; next++) this.insertRow.run(...valuesOf(entries, next, next + 1));
        })
        .immediate(),
    );
  }

  async list(query: LookupAuditQuery): Promise<{ entries: LookupAuditEntry[]; total: number }> {
    const where: string[] = [];
    const values: string[] = [];
    const add = (condition: string, value: string | undefined) => {
      if (value === undefined) return;
      where.push(condition);
      values.push(value);
    };
    add('caller_id = ?', query.callerId);
    add('target_id = ?', query.targetId);
    add('ts >= ?', query.since);
    add('ts < ?', query.until);
    const filter = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const total = (
      this.db.prepare(`SELECT count(*) AS n FROM lookup_audit ${filter}`).get(...values) as { n: number }
    ).n;
    const rows = this.db
      .prepare(
        `SELECT ts, caller_id, target_id, key, value, found FROM lookup_audit ${filter}
         ORDER BY ts DESC, seq DESC LIMIT ? OFFSET ?`,
      )
      .all(...values, query.count, query.offset) as Row[];
    return { entries: rows.map(entryOf), total };
  }

  async deleteBefore(before: string): Promise<number> {
    return this.deleteOlder.run(before).changes;
  }
}

function entryOf(row: Row): LookupAuditEntry {
  return {
    ts: row.ts,
    callerId: row.caller_id,
    targetId: row.target_id,
    key: row.key,
    value: row.value,
    found: row.found === 1,
  };
}

/** The bound values of entries[from, to), six per row in the column order of insertOf. */
function valuesOf(entries: readonly LookupAuditEntry[], from: number, to: number): RowValues {
  const values: RowValues = [];
  for (let i = from; i < to; i++) {
    const e = entries[i] as LookupAuditEntry;
    values.push(e.ts, e.callerId, e.targetId, e.key, e.value, e.found ? 1 : 0);
  }
  return values;
}
