// store.permissions and store.settings in SQLite (and the base of store.roles): id-keyed JSON documents.
import type { Database, Statement } from 'better-sqlite3';
import type { SqliteWriter } from './sqlite-writer.js';

/** Serves `PermissionsPort` and `SettingsPort` (each names the operations it offers) and is the base of roles. */
export class SqliteDocumentTable<T extends { _id: string }> {
  private readonly all: Statement<[]>;
  private readonly one: Statement<[string]>;
  private readonly upsert: Statement<[string, string]>;
  private readonly insertIfMissing: Statement<[string, string]>;

  constructor(
    db: Database,
    protected readonly writer: SqliteWriter,
    private readonly table: 'roles' | 'permissions' | 'settings',
  ) {
    this.all = db.prepare(`SELECT doc FROM ${table} ORDER BY id`);
    this.one = db.prepare(`SELECT doc FROM ${table} WHERE id = ?`);
    this.upsert = db.prepare(
      `INSERT INTO ${table} (id, doc) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET doc = excluded.doc`,
    );
    this.insertIfMissing = db.prepare(`INSERT OR IGNORE INTO ${table} (id, doc) VALUES (?, ?)`);
  }

  async list(): Promise<T[]> {
    return (this.all.all() as { doc: string }[]).map((row) => JSON.parse(row.doc) as T);
  }
  async find(id: string): Promise<T | null> {
    const row = this.one.get(id) as { doc: string } | undefined;
    return row ? (JSON.parse(row.doc) as T) : null;
  }
  async save(document: T): Promise<void> {
    this.writer.write(this.table, () => this.saveSync(document));
  }
  /** Upserts all of them in one transaction. */
  async saveMany(documents: T[]): Promise<void> {
    this.writer.write(this.table, () => {
      for (const document of documents) this.saveSync(document);
    });
  }
  /** `save` inside a write transaction the caller runs (initialize). */
  saveSync(document: T): void {
    this.upsert.run(document._id, JSON.stringify(document));
  }
  /** 'inserted', 'updated', 'unchanged' as `bulkWrite` counts them. */
  write(document: T, replace: boolean): 'inserted' | 'updated' | 'unchanged' {
    const json = JSON.stringify(document);
    if (this.insertIfMissing.run(document._id, json).changes > 0) return 'inserted';
    if (!replace) return 'unchanged';
    const current = this.one.get(document._id) as { doc: string };
    if (current.doc === json) return 'unchanged';
    this.upsert.run(document._id, json);
    return 'updated';
  }
}
