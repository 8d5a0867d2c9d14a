// One PostgreSQL write: BEGIN, the body, pg_notify of the change, COMMIT, on one pooled connection.
import type pg from 'pg';
import { CHANGE_CHANNEL, type ChangeNotice } from './postgres-change-feed.js';
import { translated } from './postgres-errors.js';
import type { Queryable } from './postgres-queryable.js';

/**
 * NOTIFY inside the transaction is delivered only if it commits, so other instances never hear of a write
 * that did not happen. On any failure the transaction is rolled back; a connection that cannot even roll
 * back is destroyed rather than returned to the pool. Driver errors leave as domain errors.
 */
export function inTransaction<T>(
  pool: pg.Pool,
  notice: ChangeNotice,
  body: (db: Queryable) => Promise<T>,
): Promise<T> {
  return translated(async () => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const result = await body(client);
      await client.query('SELECT pg_notify($1, $2)', [CHANGE_CHANNEL, JSON.stringify(notice)]);
      await client.query('COMMIT');
      client.release();
      return result;
    } catch (error) {
      await client.query('ROLLBACK').then(
        () => client.release(),
        () => client.release(true),
      );
      throw error;
    }
  });
}
