// store.users in SQLite: the JSON document plus the index rows (emails, import ids, roles) kept in step.
import type { Database, Statement } from 'better-sqlite3';
import type { UserDoc } from '../../core/documents.js';
import {
  USER_SORT_FIELDS,
  type TokenRevocation,
  type UserListQuery,
  type UserPage,
  type UsersPort,
} from '../../core/store.js';
import {
  extensionOf,
  importIdsOf,
  normalizeEmail,
  normalizedEmailsOf,
  rolesOf,
  usernameOf,
} from '../../core/users/user-keys.js';
import type { SqliteAvatars } from './sqlite-avatars.js';
import type { SqliteSubscriptions } from './sqlite-subscriptions.js';
import type { SqliteTokens } from './sqlite-tokens.js';
import type { SqliteWriter } from './sqlite-writer.js';

type DocRow = { doc: string } | undefined;

/** A guard before a field name is put into SQL text (core already drops unknown fields). */
const SORTABLE_FIELDS: ReadonlySet<string> = new Set(USER_SORT_FIELDS);

/** A JSON array parameter, read back with json_each: any number of values in one statement. */
const jsonList = (values: readonly string[]) => JSON.stringify(values);

/** What deleting or revoking a user's tokens also touches. */
export interface SqliteUserRelations {
  tokens: SqliteTokens;
  subscriptions: SqliteSubscriptions;
  avatars: SqliteAvatars;
}

export class SqliteUsers implements UsersPort {
  private readonly byId: Statement<[string]>;
  private readonly byUsername: Statement<[string]>;
  private readonly byIdOrUsername: Statement<{ value: string }>;
  private readonly byUsernameLower: Statement<[string]>;
  private readonly byEmail: Statement<[string]>;
  private readonly byImportId: Statement<[string]>;
  private readonly byExtension: Statement<[string]>;
  private readonly insertRow: Statement<[string, string | null, string | null, string | null, string]>;
  private readonly updateRow: Statement<[string | null, string | null, string | null, string, string]>;
  private readonly deleteRow: Statement<[string]>;
  private readonly insertEmail: Statement<[string, string]>;
  private readonly insertImportId: Statement<[string, string]>;
  private readonly insertRole: Statement<[string, string]>;
  private readonly deleteEmails: Statement<[string]>;
  private readonly deleteImportIds: Statement<[string]>;
  private readonly deleteRoles: Statement<[string]>;
  private readonly countRole: Statement<[string]>;
  private readonly byIds: Statement<[string]>;
  private readonly byUsernames: Statement<[string]>;
  private readonly byUsernamesLower: Statement<[string]>;

  constructor(
    private readonly db: Database,
    private readonly writer: SqliteWriter,
    private readonly related: () => SqliteUserRelations,
  ) {
    this.byId = db.prepare('SELECT doc FROM users WHERE id = ?');
    this.byUsername = db.prepare('SELECT doc FROM users WHERE username = ?');
    // One statement, so one read transaction (most of a point lookup's cost in WAL mode), not two.
    this.byIdOrUsername = db.prepare(
      `SELECT doc FROM (SELECT doc, 0 AS rank FROM users WHERE id = @value
        UNION ALL SELECT doc, 1 FROM users WHERE username = @value) ORDER BY rank LIMIT 1`,
    );
    this.byUsernameLower = db.prepare('SELECT doc FROM users WHERE username_lower = ? LIMIT 1');
    this.byEmail = db.prepare(
      'SELECT u.doc FROM user_emails e JOIN users u ON u.id = e.user_id WHERE e.address = ?',
    );
    this.byImportId = db.prepare(
      'SELECT u.doc FROM user_import_ids i JOIN users u ON u.id = i.user_id WHERE i.import_id = ? ORDER BY u.id LIMIT 1',
    );
    this.byExtension = db.prepare('SELECT doc FROM users WHERE free_switch_extension = ?');
    this.insertRow = db.prepare(
      'INSERT INTO users (id, username, username_lower, free_switch_extension, doc) VALUES (?, ?, ?, ?, ?)',
    );
    this.updateRow = db.prepare(
      'UPDATE users SET username = ?, username_lower = ?, free_switch_extension = ?, doc = ? WHERE id = ?',
    );
    this.deleteRow = db.prepare('DELETE FROM users WHERE id = ?');
    this.insertEmail = db.prepare('INSERT INTO user_emails (address, user_id) VALUES (?, ?)');
    this.insertImportId = db.prepare(
      'INSERT OR IGNORE INTO user_import_ids (import_id, user_id) VALUES (?, ?)',
    );
    this.insertRole = db.prepare('INSERT OR IGNORE INTO user_roles (role, user_id) VALUES (?, ?)');
    this.deleteEmails = db.prepare('DELETE FROM user_emails WHERE user_id = ?');
    this.deleteImportIds = db.prepare('DELETE FROM user_import_ids WHERE user_id = ?');
    this.deleteRoles = db.prepare('DELETE FROM user_roles WHERE user_id = ?');
    this.countRole = db.prepare('SELECT count(*) AS n FROM user_roles WHERE role = ?');
    this.byIds = db.prepare('SELECT doc FROM users WHERE id IN (SELECT value FROM json_each(?))');
    this.byUsernames = db.prepare('SELECT doc FROM users WHERE username IN (SELECT value FROM json_each(?))');
    this.byUsernamesLower = db.prepare(
      'SELECT doc FROM users WHERE username_lower IN (SELECT value FROM json_each(?)) ORDER BY id',
    );
  }

  async findById(id: string): Promise<UserDoc | null> {
    return this.findByIdSync(id);
  }
  /** `findById` inside a write transaction. */
  findByIdSync(id: string): UserDoc | null {
    return parse(this.byId.get(id) as DocRow);
  }
  /** The `_id` match first, then the username match. */
  async findByIdOrUsername(value: string): Promise<UserDoc | null> {
    return parse(this.byIdOrUsername.get({ value }) as DocRow);
  }
  async findByUsername(username: string): Promise<UserDoc | null> {
    return parse(this.byUsername.get(username) as DocRow);
  }
  async findByUsernameInsensitive(username: string): Promise<UserDoc | null> {
    return parse(this.byUsernameLower.get(username.toLowerCase()) as DocRow);
  }
  async findByEmail(address: string): Promise<UserDoc | null> {
    return parse(this.byEmail.get(normalizeEmail(address)) as DocRow);
  }
  async findByImportId(importId: string): Promise<UserDoc | null> {
    return parse(this.byImportId.get(importId) as DocRow);
  }
  async findByFreeSwitchExtension(extension: string): Promise<UserDoc | null> {
    return parse(this.byExtension.get(extension) as DocRow);
  }
  async countWithRole(role: string): Promise<number> {
    return (this.countRole.get(role) as { n: number }).n;
  }
  async findByIds(ids: readonly string[]): Promise<UserDoc[]> {
    return ids.length === 0 ? [] : parseAll(this.byIds.all(jsonList(ids)) as { doc: string }[]);
  }
  async findByUsernames(usernames: readonly string[]): Promise<UserDoc[]> {
    return usernames.length === 0
      ? []
      : parseAll(this.byUsernames.all(jsonList(usernames)) as { doc: string }[]);
  }
  async findByUsernamesInsensitive(usernames: readonly string[]): Promise<UserDoc[]> {
    const lower = usernames.map((name) => name.toLowerCase());
    return lower.length === 0
      ? []
      : parseAll(this.byUsernamesLower.all(jsonList(lower)) as { doc: string }[]);
  }

  async insert(user: UserDoc): Promise<void> {
    this.writer.write('users', () => this.insertSync(user));
  }

  async update(
    id: string,
    change: (user: UserDoc) => UserDoc,
    options: TokenRevocation = {},
  ): Promise<UserDoc | null> {
    const updated = this.writer.write('users', () => {
      const current = this.findByIdSync(id);
      if (!current) return null;
      const next = { ...change(current), _id: id };
      this.replace(next);
      if (options.revokeTokens) this.related().tokens.deleteOfUser(id, options.keepToken);
      return next;
    });
    if (updated && options.revokeTokens) this.writer.publish('tokens');
    return updated;
  }

  async delete(id: string): Promise<boolean> {
    const { tokens, subscriptions, avatars } = this.related();
    const deleted = this.writer.write('users', () => {
      tokens.deleteOfUser(id);
      subscriptions.deleteOfUser(id);
      avatars.deleteOfUser(id);
      return this.deleteSync(id);
    });
    this.writer.publish('tokens');
    return deleted;
  }

  /** Inserts the document and its index rows; the caller runs it inside a transaction. */
  insertSync(user: UserDoc): void {
    const username = usernameOf(user);
    this.insertRow.run(
      user._id,
      username,
      username?.toLowerCase() ?? null,
      extensionOf(user),
      JSON.stringify(user),
    );
    this.insertIndexRows(user);
  }

  /** Replaces the document and its index rows; the caller runs it inside a transaction. */
  replace(user: UserDoc): void {
    const username = usernameOf(user);
    this.deleteIndexRows(user._id);
    this.updateRow.run(
      username,
      username?.toLowerCase() ?? null,
      extensionOf(user),
      JSON.stringify(user),
      user._id,
    );
    this.insertIndexRows(user);
  }

  /** The document and its index rows only; the caller runs it inside a transaction. */
  deleteSync(id: string): boolean {
    this.deleteIndexRows(id);
    return this.deleteRow.run(id).changes > 0;
  }

  async list(query: UserListQuery): Promise<UserPage> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (query.text !== undefined && query.text !== '') {
      const pattern = `%${query.text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      const emails = query.textIncludesEmails
        ? ` OR id IN (SELECT user_id FROM user_emails WHERE address LIKE ? ESCAPE '\\')`
        : '';
      where.push(
        `(username_lower LIKE ? ESCAPE '\\' OR lower(json_extract(doc, '$.name')) LIKE ? ESCAPE '\\'${emails})`,
      );
      params.push(pattern, pattern, ...(query.textIncludesEmails ? [pattern] : []));
    }
    if (query.roles !== undefined && query.roles.length > 0) {
      where.push(
        `id IN (SELECT user_id FROM user_roles WHERE role IN (${query.roles.map(() => '?').join(', ')}))`,
      );
      params.push(...query.roles);
    }
    if (query.active !== undefined) {
      where.push(`coalesce(json_extract(doc, '$.active'), 0) = ?`);
      params.push(query.active ? 1 : 0);
    }
    filterByListFields(query, where, params);
    const whereSql = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const orderSql = orderBy(query.sort);
    const total = (
      this.db.prepare(`SELECT count(*) AS n FROM users ${whereSql}`).get(...params) as { n: number }
    ).n;
    const rows = this.db
      .prepare(`SELECT doc FROM users ${whereSql} ${orderSql} LIMIT ? OFFSET ?`)
      .all(...params, query.count, query.offset) as { doc: string }[];
    return { users: rows.map((row) => JSON.parse(row.doc) as UserDoc), total };
  }

  private insertIndexRows(user: UserDoc): void {
    for (const address of normalizedEmailsOf(user)) this.insertEmail.run(address, user._id);
    for (const importId of importIdsOf(user)) this.insertImportId.run(importId, user._id);
    for (const role of rolesOf(user)) this.insertRole.run(role, user._id);
  }

  private deleteIndexRows(id: string): void {
    this.deleteEmails.run(id);
    this.deleteImportIds.run(id);
    this.deleteRoles.run(id);
  }
}

// --- users.list / users.listByStatus filters: email, hasLoggedIn, type, inactiveReason ---

/** Rocket.Chat's `findPaginatedUsersByStatus` / users.list conditions, over the stored document. */
function filterByListFields(query: UserListQuery, where: string[], params: unknown[]): void {
  if (query.email !== undefined) {
    // user_emails holds the trimmed, lower-cased addresses: an anchored case-insensitive match is equality.
    where.push(`id IN (SELECT user_id FROM user_emails WHERE address = ?)`);
    params.push(query.email.toLowerCase());
  }
  if (query.hasLoggedIn !== undefined) {
    // json_type is NULL only when the key is absent ($exists), 'null' for an explicit null.
    where.push(`json_type(doc, '$.lastLogin') IS ${query.hasLoggedIn ? 'NOT NULL' : 'NULL'}`);
  }
  if (query.type !== undefined) {
    where.push(`json_type(doc, '$.type') = 'text' AND json_extract(doc, '$.type') = ?`);
    params.push(query.type);
  }
  if (query.inactiveReason !== undefined) {
    const reasons = query.inactiveReason;
    const orAbsent = reasons.includes('deactivated') || reasons.includes('idle_too_long');
    const inList =
      reasons.length > 0
        ? `(json_type(doc, '$.inactiveReason') = 'text' AND json_extract(doc, '$.inactiveReason') IN (${reasons.map(() => '?').join(', ')}))`
        : '0';
    where.push(`(${inList}${orAbsent ? ` OR json_type(doc, '$.inactiveReason') IS NULL` : ''})`);
    params.push(...reasons);
  }
}

function orderBy(sort: UserListQuery['sort']): string {
  const terms = sort
    .filter(([field]) => SORTABLE_FIELDS.has(field))
    .map(([field, direction]) => {
      const column =
        field === '_id' ? 'id' : field === 'username' ? 'username' : `json_extract(doc, '$.${field}')`;
      return `${column} ${direction === -1 ? 'DESC' : 'ASC'}`;
    });
  terms.push('id ASC');
  return `ORDER BY ${terms.join(', ')}`;
}

function parse(row: DocRow): UserDoc | null {
  return row ? (JSON.parse(row.doc) as UserDoc) : null;
}

function parseAll(rows: { doc: string }[]): UserDoc[] {
  return rows.map((row) => JSON.parse(row.doc) as UserDoc);
}
