// store.presence in PostgreSQL: users.presence's reads, served by the partial users_not_offline and users_updated_at indexes.
import type { UserDoc } from '../../core/documents.js';
import type { PresencePort } from '../../core/store.js';
import type { PostgresAccess } from './postgres-access.js';
import { docsOf, type Queryable } from './postgres-queryable.js';

/** The same expression as the partial index's WHERE, so the planner can use it. */
const NOT_OFFLINE = "(doc->>'status') IN ('online', 'away', 'busy')";

export async function listUsersNotOffline(db: Queryable, ids?: readonly string[]): Promise<UserDoc[]> {
  if (ids === undefined) {
    return docsOf(
      await db.query(`SELECT doc FROM users WHERE ${NOT_OFFLINE} AND username IS NOT NULL ORDER BY id`),
    );
  }
  const wanted = ids.filter((id) => !id.includes('\u0000'));
  if (wanted.length === 0) return [];
  return docsOf(
    await db.query(`SELECT doc FROM users WHERE id = ANY($1::text[]) AND ${NOT_OFFLINE} ORDER BY id`, [
      wanted,
    ]),
  );
}

export async function listUsersUpdatedSince(
  db: Queryable,
  since: string,
  exceptId: string,
): Promise<UserDoc[]> {
  return docsOf(
    await db.query(
      `SELECT doc FROM users WHERE (doc->>'_updatedAt') COLLATE "C" >= $1 AND id <> $2 AND username IS NOT NULL
       ORDER BY id`,
      [since, exceptId],
    ),
  );
}

export class PostgresPresence implements PresencePort {
  constructor(private readonly pg: PostgresAccess) {}

  listNotOffline(ids?: readonly string[]): Promise<UserDoc[]> {
    return this.pg.read((db) => listUsersNotOffline(db, ids));
  }
  listUpdatedSince(since: string, exceptId: string): Promise<UserDoc[]> {
    return this.pg.read((db) => listUsersUpdatedSince(db, since, exceptId));
  }
}
