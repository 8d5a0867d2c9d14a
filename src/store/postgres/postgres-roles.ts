// store.roles in PostgreSQL: role documents, their holders (roles.getUsersInRole) and the trash (roles.sync).
import type { RoleDoc, UserDoc } from '../../core/documents.js';
import type { RoleHoldersQuery, RolesPort } from '../../core/store.js';
import type { PostgresAccess } from './postgres-access.js';
import { listDocuments, saveDocuments } from './postgres-documents.js';
import { docsOf, type Queryable } from './postgres-queryable.js';

/** A subscription holds the role when its document's `roles` array lists it. */
const SUBSCRIPTION_HOLDS = `jsonb_exists(CASE WHEN json_typeof(s.doc->'roles') = 'array' THEN (s.doc->'roles')::jsonb END, $1)`;

/** The ids of the holders: the user_roles index for global roles; subscriptions by room (its index) or scanned. */
function holderIds(query: RoleHoldersQuery): { sql: string; values: string[] } {
  if (query.scope === 'Users')
    return { sql: 'SELECT r.user_id FROM user_roles r WHERE r.role = $1', values: [query.roleId] };
  if (query.roomId === undefined) {
    return {
      sql: `SELECT s.user_id FROM subscriptions s WHERE ${SUBSCRIPTION_HOLDS}`,
      values: [query.roleId],
    };
  }
  return {
    sql: `SELECT s.user_id FROM subscriptions s WHERE s.rid = $2 AND ${SUBSCRIPTION_HOLDS}`,
    values: [query.roleId, query.roomId],
  };
}

export async function listUsersInRole(
  db: Queryable,
  query: RoleHoldersQuery,
): Promise<{ users: UserDoc[]; total: number }> {
  const ids = holderIds(query);
  const counted = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM users u WHERE u.id IN (${ids.sql})`,
    ids.values,
  );
  const total = counted.rows[0]?.n ?? 0;
  if (query.count <= 0 || total === 0) return { users: [], total };
  const next = ids.values.length;
  const page = await db.query(
    `SELECT u.doc FROM users u WHERE u.id IN (${ids.sql})
     ORDER BY u.username NULLS FIRST, u.id LIMIT $${next + 1} OFFSET $${next + 2}`,
    [...ids.values, query.count, query.offset],
  );
  return { users: docsOf<UserDoc>(page), total };
}

/** Moves the role into the trash; the caller runs it inside a transaction. */
export async function deleteRole(db: Queryable, id: string, deletedAt: string): Promise<boolean> {
  const removed = await db.query<{ doc: RoleDoc }>('DELETE FROM roles WHERE id = $1 RETURNING doc', [id]);
  const role = removed.rows[0]?.doc;
  if (!role) return false;
  await db.query(
    `INSERT INTO roles_trash (id, deleted_at, doc) VALUES ($1, $2, $3::json)
     ON CONFLICT (id) DO UPDATE SET deleted_at = excluded.deleted_at, doc = excluded.doc`,
    [id, deletedAt, JSON.stringify({ ...role, _deletedAt: deletedAt, __collection__: 'roles' })],
  );
  return true;
}

export async function listRolesDeletedAfter(db: Queryable, since: string): Promise<RoleDoc[]> {
  return docsOf<RoleDoc>(
    await db.query('SELECT doc FROM roles_trash WHERE deleted_at > $1 ORDER BY deleted_at, id', [since]),
  );
}

export class PostgresRoles implements RolesPort {
  constructor(private readonly pg: PostgresAccess) {}

  list(): Promise<RoleDoc[]> {
    return this.pg.read((db) => listDocuments<RoleDoc>(db, 'roles'));
  }
  async save(role: RoleDoc): Promise<void> {
    await this.pg.write('roles', (db) => saveDocuments(db, 'roles', [role]));
  }
  listHolders(query: RoleHoldersQuery): Promise<{ users: UserDoc[]; total: number }> {
    return this.pg.read((db) => listUsersInRole(db, query));
  }
  delete(id: string, deletedAt: string): Promise<boolean> {
    return this.pg.write('roles', (db) => deleteRole(db, id, deletedAt));
  }
  listDeletedAfter(since: string): Promise<RoleDoc[]> {
    return this.pg.read((db) => listRolesDeletedAfter(db, since));
  }
}
