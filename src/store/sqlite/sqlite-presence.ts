// store.presence in SQLite: users.presence's reads, served by the partial users_not_offline and users_updated_at indexes.
import type { Database, Statement } from 'better-sqlite3';
import type { UserDoc } from '../../core/documents.js';
import type { PresencePort } from '../../core/store.js';

type DocRows = { doc: string }[];

/** The same expression as the partial index's WHERE, so SQLite's planner can use it. */
const NOT_OFFLINE = "json_extract(doc, '$.status') IN ('online', 'away', 'busy')";

export class SqlitePresence implements PresencePort {
  private readonly notOffline: Statement<[]>;
  private readonly notOfflineByIds: Statement<[string]>;
  private readonly updatedSince: Statement<[string, string]>;

  constructor(db: Database) {
    this.notOffline = db.prepare(
      `SELECT doc FROM users WHERE ${NOT_OFFLINE} AND username IS NOT NULL ORDER BY id`,
    );
    this.notOfflineByIds = db.prepare(
      `SELECT doc FROM users WHERE id IN (SELECT value FROM json_each(?)) AND ${NOT_OFFLINE} ORDER BY id`,
    );
    this.updatedSince = db.prepare(
      `SELECT doc FROM users WHERE json_extract(doc, '$._updatedAt') >= ? AND id <> ? AND username IS NOT NULL
       ORDER BY id`,
    );
  }

  async listNotOffline(ids?: readonly string[]): Promise<UserDoc[]> {
    const rows = ids === undefined ? this.notOffline.all() : this.notOfflineByIds.all(JSON.stringify(ids));
    return (rows as DocRows).map((row) => JSON.parse(row.doc) as UserDoc);
  }

  async listUpdatedSince(since: string, exceptId: string): Promise<UserDoc[]> {
    return (this.updatedSince.all(since, exceptId) as DocRows).map((row) => JSON.parse(row.doc) as UserDoc);
  }
}
