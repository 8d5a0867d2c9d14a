// What the PostgreSQL table modules query through: a pool or a client inside a transaction.
import type { QueryResult, QueryResultRow } from 'pg';

export interface Queryable {
  query<R extends QueryResultRow = QueryResultRow>(text: string, values?: unknown[]): Promise<QueryResult<R>>;
}

/** The `doc` of the first row, or null; pg parses json columns into objects. */
export function docOf<T>(result: QueryResult): T | null {
  const row = result.rows[0] as { doc: T } | undefined;
  return row ? row.doc : null;
}

/** Every row's `doc`. */
export function docsOf<T>(result: QueryResult): T[] {
  return result.rows.map((row) => (row as { doc: T }).doc);
}
