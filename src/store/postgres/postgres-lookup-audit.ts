// store.lookupAudits in PostgreSQL, the audit of gated lookups: an append-only table, a batch per statement, read in pages.
import type { LookupAuditEntry, LookupAuditQuery, LookupAuditsPort } from '../../core/store.js';
import type { PostgresAccess } from './postgres-access.js';
import type { Queryable } from './postgres-queryable.js';

interface Row {
  ts: string;
  caller_id: string;
  target_id: string | null;
  key: LookupAuditEntry['key'];
  value: string;
  found: boolean;
}

/** One statement (atomic on its own), with no NOTIFY: no instance's cache holds audit entries. */
export async function appendLookupAudits(db: Queryable, entries: readonly LookupAuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await db.query(
    `INSERT INTO lookup_audit (ts, caller_id, target_id, key, value, found)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::boolean[])
     ORDER BY 1`,
    [
      entries.map((e) => e.ts),
      entries.map((e) => e.callerId),
      entries.map((e) => e.targetId),
      entries.map((e) => e.key),
      entries.map((e) => e.value),
      entries.map((e) => e.found),
    ],
  );
}

export async function listLookupAudits(
  db: Queryable,
  query: LookupAuditQuery,
): Promise<{ entries: LookupAuditEntry[]; total: number }> {
  const where: string[] = [];
  const values: unknown[] = [];
  const add = (condition: string, value: string) => {
    values.push(value);
    where.push(`${condition} $${values.length}`);
  };
  if (query.callerId !== undefined) add('caller_id =', query.callerId);
  if (query.targetId !== undefined) add('target_id =', query.targetId);
  if (query.since !== undefined) add('ts >=', query.since);
  if (query.until !== undefined) add('ts <', query.until);
  const filter = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
  const counted = await db.query<{ n: string }>(`SELECT count(*) AS n FROM lookup_audit ${filter}`, values);
  const page = await db.query<Row>(
    `SELECT ts, caller_id, target_id, key, value, found FROM lookup_audit ${filter}
     ORDER BY ts DESC, seq DESC LIMIT $${values.length + 1} OFFSET $${values.length + 2}`,
    [...values, query.count, query.offset],
  );
  return {
    total: Number(counted.rows[0]?.n ?? 0),
    entries: page.rows.map((row) => ({
      ts: row.ts,
      callerId: row.caller_id,
      targetId: row.target_id,
      key: row.key,
      value: row.value,
      found: row.found,
    })),
  };
}

export async function deleteLookupAuditsBefore(db: Queryable, before: string): Promise<number> {
  return (await db.query('DELETE FROM lookup_audit WHERE ts < $1', [before])).rowCount ?? 0;
}

/** Single statements on the pool, never announced: an audit write changes nothing any cache holds. */
export class PostgresLookupAudits implements LookupAuditsPort {
  constructor(private readonly pg: PostgresAccess) {}

  append(entries: readonly LookupAuditEntry[]): Promise<void> {
    // PostgreSQL text cannot hold NUL: a lookup value containing one is kept with U+FFFD in its place.
    const storable = entries.map((e) => ({ ...e, value: e.value.replaceAll('\u0000', '\ufffd') }));
    return this.pg.unannounced((db) => appendLookupAudits(db, storable));
  }
  list(query: LookupAuditQuery): Promise<{ entries: LookupAuditEntry[]; total: number }> {
    return this.pg.read((db) => listLookupAudits(db, query));
  }
  deleteBefore(before: string): Promise<number> {
    return this.pg.unannounced((db) => deleteLookupAuditsBefore(db, before));
  }
}
