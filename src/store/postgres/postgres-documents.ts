// store.permissions and store.settings in PostgreSQL, over id-keyed document tables (roles use them too).
import type { PermissionDoc, SettingDoc } from '../../core/documents.js';
import type { PermissionsPort, SettingsPort } from '../../core/store.js';
import type { PostgresAccess } from './postgres-access.js';
import { docOf, docsOf, type Queryable } from './postgres-queryable.js';

export type DocumentTable = 'roles' | 'permissions' | 'settings';

/** Every document, by id in bytewise order (the id column is COLLATE "C"). */
export async function listDocuments<T>(db: Queryable, table: DocumentTable): Promise<T[]> {
  return docsOf(await db.query(`SELECT doc FROM ${table} ORDER BY id`));
}

export async function findDocument<T>(db: Queryable, table: DocumentTable, id: string): Promise<T | null> {
  return docOf(await db.query(`SELECT doc FROM ${table} WHERE id = $1`, [id]));
}

/** Upserts the documents in one statement; a later duplicate id in the list wins, as sequential saves would. */
export async function saveDocuments(
  db: Queryable,
  table: DocumentTable,
  documents: ReadonlyArray<{ _id: string }>,
): Promise<void> {
  const last = new Map(documents.map((document) => [document._id, document]));
  if (last.size === 0) return;
  await db.query(
    `INSERT INTO ${table} (id, doc) SELECT id, doc::json FROM unnest($1::text[], $2::text[]) AS d(id, doc)
     ON CONFLICT (id) DO UPDATE SET doc = excluded.doc`,
    [[...last.keys()], [...last.values()].map((document) => JSON.stringify(document))],
  );
}

export class PostgresPermissions implements PermissionsPort {
  constructor(private readonly pg: PostgresAccess) {}

  list(): Promise<PermissionDoc[]> {
    return this.pg.read((db) => listDocuments<PermissionDoc>(db, 'permissions'));
  }
  async saveMany(permissions: PermissionDoc[]): Promise<void> {
    await this.pg.write('permissions', (db) => saveDocuments(db, 'permissions', permissions));
  }
}

export class PostgresSettings implements SettingsPort {
  constructor(private readonly pg: PostgresAccess) {}

  list(): Promise<SettingDoc[]> {
    return this.pg.read((db) => listDocuments<SettingDoc>(db, 'settings'));
  }
  find(id: string): Promise<SettingDoc | null> {
    return this.pg.read((db) => findDocument<SettingDoc>(db, 'settings', id));
  }
  async save(setting: SettingDoc): Promise<void> {
    await this.pg.write('settings', (db) => saveDocuments(db, 'settings', [setting]));
  }
}
