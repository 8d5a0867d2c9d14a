// store.roles in SQLite: the role documents, their holders (roles.getUsersInRole) and the trash (roles.sync).
import type { Database, Statement } from 'better-sqlite3';
import type { RoleDoc, UserDoc } from '../../core/documents.js';
import type { RoleHoldersQuery, RolesPort } from '../../core/store.js';
import { SqliteDocumentTable } from './sqlite-documents.js';
import type { SqliteWriter } from './sqlite-writer.js';

/** A subscription holds the role when its document's `roles` array lists it. */
const SUBSCRIPTION_HOLDS = `EXISTS (SELECT 1 FROM json_each(s.doc, '$.roles') j WHERE j.value = @role)`;

export class SqliteRoles extends SqliteDocumentTable<RoleDoc> implements RolesPort {
  private readonly byUserRole: { page: Statement; count: Statement };
  private readonly bySubscription: { page: Statement; count: Statement };
  private readonly bySubscriptionInRoom: { page: Statement; count: Statement };
  private readonly trashInsert: Statement<[string, string, string]>;
  private readonly roleDelete: Statement<[string]>;
  private readonly roleFind: Statement<[string]>;
  private readonly trashAfter: Statement<[string]>;

  constructor(db: Database, writer: SqliteWriter) {
    super(db, writer, 'roles');
    // The user_roles index serves the global roles; subscriptions are read by room (its unique index) or scanned.
    const holders = (ids: string) => ({
      page: db.prepare(
        `SELECT u.doc FROM users u WHERE u.id IN (${ids}) ORDER BY u.username, u.id LIMIT @count OFFSET @offset`,
      ),
      count: db.prepare(`SELECT count(*) AS n FROM users u WHERE u.id IN (${ids})`),
    });
    this.byUserRole = holders('SELECT r.user_id FROM user_roles r WHERE r.role = @role');
    this.bySubscription = holders(`SELECT s.user_id FROM subscriptions s WHERE ${SUBSCRIPTION_HOLDS}`);
    this.bySubscriptionInRoom = holders(
      `SELECT s.user_id FROM subscriptions s WHERE s.rid = @roomId AND ${SUBSCRIPTION_HOLDS}`,
    );
    this.trashInsert = db.prepare(
      `INSERT INTO roles_trash (id, deleted_at, doc) VALUES (?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET deleted_at = excluded.deleted_at, doc = excluded.doc`,
    );
    this.roleDelete = db.prepare('DELETE FROM roles WHERE id = ?');
    this.roleFind = db.prepare('SELECT doc FROM roles WHERE id = ?');
    this.trashAfter = db.prepare('SELECT doc FROM roles_trash WHERE deleted_at > ? ORDER BY deleted_at, id');
  }

  async listHolders(query: RoleHoldersQuery): Promise<{ users: UserDoc[]; total: number }> {
    const statements =
      query.scope === 'Users'
        ? this.byUserRole
        : query.roomId === undefined
          ? this.bySubscription
          : this.bySubscriptionInRoom;
    const params = { role: query.roleId, roomId: query.roomId ?? null };
    const total = (statements.count.get(params) as { n: number }).n;
    if (query.count <= 0 || total === 0) return { users: [], total };
    const rows = statements.page.all({ ...params, count: query.count, offset: query.offset }) as {
      doc: string;
    }[];
    return { users: rows.map((row) => JSON.parse(row.doc) as UserDoc), total };
  }

  /** Moves the role into the trash, in one transaction. */
  async delete(id: string, deletedAt: string): Promise<boolean> {
    return this.writer.write('roles', () => {
      const row = this.roleFind.get(id) as { doc: string } | undefined;
      if (!row) return false;
      const trashed = { ...(JSON.parse(row.doc) as RoleDoc), _deletedAt: deletedAt, __collection__: 'roles' };
      this.trashInsert.run(id, deletedAt, JSON.stringify(trashed));
      this.roleDelete.run(id);
      return true;
    });
  }

  async listDeletedAfter(since: string): Promise<RoleDoc[]> {
    return (this.trashAfter.all(since) as { doc: string }[]).map((row) => JSON.parse(row.doc) as RoleDoc);
  }
}
