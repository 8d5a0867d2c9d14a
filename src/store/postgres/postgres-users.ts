// store.users in PostgreSQL: the JSON document (type json: key order kept, as Rocket.Chat returns fields in stored order) plus the index rows (emails, import ids, roles) kept in step.
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
import * as lifecycle from './postgres-account-lifecycle.js';
import type { PostgresAccess } from './postgres-access.js';
import { saveAvatar } from './postgres-directory.js';
import { docOf, type Queryable } from './postgres-queryable.js';
import { deleteSubscriptionsOfUser } from './postgres-rooms.js';
import { deleteTokensOfUser } from './postgres-tokens.js';

/** A guard before a field name is put into SQL text (core already drops unknown fields). */
const SORTABLE_FIELDS: ReadonlySet<string> = new Set(USER_SORT_FIELDS);

/** `lock` takes the row for the rest of the transaction (read-modify-write). */
export async function findUserById(db: Queryable, id: string, lock = false): Promise<UserDoc | null> {
  return docOf(await db.query(`SELECT doc FROM users WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]));
}

export async function findUserByIdOrUsername(db: Queryable, value: string): Promise<UserDoc | null> {
  return docOf(
    await db.query(
      `SELECT doc FROM (SELECT doc, 0 AS rank FROM users WHERE id = $1
        UNION ALL SELECT doc, 1 FROM users WHERE username = $1) AS found ORDER BY rank LIMIT 1`,
      [value],
    ),
  );
}

export async function findUserByUsername(db: Queryable, username: string): Promise<UserDoc | null> {
  return docOf(await db.query('SELECT doc FROM users WHERE username = $1', [username]));
}

export async function findUserByUsernameInsensitive(
  db: Queryable,
  username: string,
): Promise<UserDoc | null> {
  return docOf(
    await db.query('SELECT doc FROM users WHERE username_lower = $1 LIMIT 1', [username.toLowerCase()]),
  );
}

export async function findUserByEmail(db: Queryable, address: string): Promise<UserDoc | null> {
  return docOf(
    await db.query('SELECT u.doc FROM user_emails e JOIN users u ON u.id = e.user_id WHERE e.address = $1', [
      normalizeEmail(address),
    ]),
  );
}

export async function findUserByImportId(db: Queryable, importId: string): Promise<UserDoc | null> {
  return docOf(
    await db.query(
      'SELECT u.doc FROM user_import_ids i JOIN users u ON u.id = i.user_id WHERE i.import_id = $1 ORDER BY u.id LIMIT 1',
      [importId],
    ),
  );
}

export async function findUserByFreeSwitchExtension(
  db: Queryable,
  extension: string,
): Promise<UserDoc | null> {
  return docOf(await db.query('SELECT doc FROM users WHERE free_switch_extension = $1', [extension]));
}

export async function countUsersWithRole(db: Queryable, role: string): Promise<number> {
  const result = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM user_roles WHERE role = $1', [
    role,
  ]);
  return result.rows[0]?.n ?? 0;
}

/** Inserts the document and its index rows; the caller runs it inside a transaction. */
export async function insertUserRows(db: Queryable, user: UserDoc): Promise<void> {
  const username = usernameOf(user);
  await db.query(
    'INSERT INTO users (id, username, username_lower, free_switch_extension, doc) VALUES ($1, $2, $3, $4, $5)',
    [user._id, username, username?.toLowerCase() ?? null, extensionOf(user), JSON.stringify(user)],
  );
  await insertIndexRows(db, [user]);
}

/** Replaces the document and its index rows; the caller runs it inside a transaction. */
export async function replaceUserRows(db: Queryable, user: UserDoc): Promise<void> {
  const username = usernameOf(user);
  await deleteIndexRows(db, [user._id]);
  await db.query(
    'UPDATE users SET username = $1, username_lower = $2, free_switch_extension = $3, doc = $4 WHERE id = $5',
    [username, username?.toLowerCase() ?? null, extensionOf(user), JSON.stringify(user), user._id],
  );
  await insertIndexRows(db, [user]);
}

export async function deleteUserRows(db: Queryable, id: string): Promise<boolean> {
  await deleteIndexRows(db, [id]);
  return ((await db.query('DELETE FROM users WHERE id = $1', [id])).rowCount ?? 0) > 0;
}

/** The index rows of many users in three multi-row statements. */
export async function insertIndexRows(db: Queryable, users: readonly UserDoc[]): Promise<void> {
  const pairs = (keysOf: (user: UserDoc) => string[]): [string[], string[]] => {
    const keys: string[] = [];
    const ids: string[] = [];
    for (const user of users)
      for (const key of keysOf(user)) {
        keys.push(key);
        ids.push(user._id);
      }
    return [keys, ids];
  };
  const emails = pairs(normalizedEmailsOf);
  if (emails[0].length > 0)
    await db.query(
      'INSERT INTO user_emails (address, user_id) SELECT * FROM unnest($1::text[], $2::text[])',
      emails,
    );
  const importIds = pairs(importIdsOf);
  if (importIds[0].length > 0)
    await db.query(
      'INSERT INTO user_import_ids (import_id, user_id) SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT DO NOTHING',
      importIds,
    );
  const roles = pairs(rolesOf);
  if (roles[0].length > 0)
    await db.query(
      'INSERT INTO user_roles (role, user_id) SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT DO NOTHING',
      roles,
    );
}

export async function deleteIndexRows(db: Queryable, ids: readonly string[]): Promise<void> {
  await db.query('DELETE FROM user_emails WHERE user_id = ANY($1::text[])', [ids]);
  await db.query('DELETE FROM user_import_ids WHERE user_id = ANY($1::text[])', [ids]);
  await db.query('DELETE FROM user_roles WHERE user_id = ANY($1::text[])', [ids]);
}

export async function listUsers(db: Queryable, query: UserListQuery): Promise<UserPage> {
  const where: string[] = [];
  const params: unknown[] = [];
  const param = (value: unknown): string => {
    params.push(value);
    return `$${params.length}`;
  };
  if (query.text !== undefined && query.text !== '') {
    const pattern = param(`%${query.text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    const emails = query.textIncludesEmails
      ? ` OR id IN (SELECT user_id FROM user_emails WHERE address LIKE ${pattern})`
      : '';
    where.push(`(username_lower LIKE ${pattern} OR lower(doc->>'name') LIKE ${pattern}${emails})`);
  }
  if (query.roles !== undefined && query.roles.length > 0) {
    where.push(`id IN (SELECT user_id FROM user_roles WHERE role = ANY(${param([...query.roles])}::text[]))`);
  }
  if (query.active !== undefined) {
    where.push(`(coalesce(doc->>'active', 'false') = 'true') = ${param(query.active)}`);
  }
  filterByListFields(query, where, param);
  const whereSql = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
  const countResult = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM users ${whereSql}`,
    params,
  );
  const orderSql = orderBy(query.sort, param);
  const rows = await db.query<{ doc: UserDoc }>(
    `SELECT doc FROM users ${whereSql} ${orderSql} LIMIT ${param(query.count)} OFFSET ${param(query.offset)}`,
    params,
  );
  return { users: rows.rows.map((row) => row.doc), total: countResult.rows[0]?.n ?? 0 };
}

// --- users.list / users.listByStatus filters: email, hasLoggedIn, type, inactiveReason ---

/** Rocket.Chat's `findPaginatedUsersByStatus` / users.list conditions, over the stored document. */
function filterByListFields(query: UserListQuery, where: string[], param: (value: unknown) => string): void {
  if (query.email !== undefined) {
    // user_emails holds the trimmed, lower-cased addresses: an anchored case-insensitive match is equality.
    where.push(`id IN (SELECT user_id FROM user_emails WHERE address = ${param(query.email.toLowerCase())})`);
  }
  if (query.hasLoggedIn !== undefined) {
    // `?` tests the key's presence, as Mongo's $exists does (an explicit null counts as present).
    where.push(`${query.hasLoggedIn ? '' : 'NOT '}(doc::jsonb ? 'lastLogin')`);
  }
  if (query.type !== undefined) {
    where.push(`json_typeof(doc->'type') = 'string' AND doc->>'type' = ${param(query.type)}`);
  }
  if (query.inactiveReason !== undefined) {
    const reasons = query.inactiveReason;
    const orAbsent = reasons.includes('deactivated') || reasons.includes('idle_too_long');
    const inList = `(json_typeof(doc->'inactiveReason') = 'string' AND doc->>'inactiveReason' = ANY(${param([...reasons])}::text[]))`;
    where.push(`(${inList}${orAbsent ? ` OR NOT (doc::jsonb ? 'inactiveReason')` : ''})`);
  }
}

/**
 * Bytewise ordering with NULLs first ascending and last descending, as SQLite orders json_extract values.
 * Every sortable field holds a string or a boolean, whose text forms order as SQLite orders them.
 */
function orderBy(sort: UserListQuery['sort'], param: (value: unknown) => string): string {
  const terms = sort
    .filter(([field]) => SORTABLE_FIELDS.has(field))
    .map(([field, direction]) => {
      const column =
        field === '_id'
          ? 'id'
          : field === 'username'
            ? 'username'
            : `(doc->>${param(field)}::text) COLLATE "C"`;
      return direction === -1 ? `${column} DESC NULLS LAST` : `${column} ASC NULLS FIRST`;
    });
  terms.push('id ASC');
  return `ORDER BY ${terms.join(', ')}`;
}

export class PostgresUsers implements UsersPort {
  constructor(private readonly pg: PostgresAccess) {}

  findById(id: string): Promise<UserDoc | null> {
    return this.pg.read((db) => findUserById(db, id));
  }
  findByIdOrUsername(value: string): Promise<UserDoc | null> {
    return this.pg.read((db) => findUserByIdOrUsername(db, value));
  }
  findByUsername(username: string): Promise<UserDoc | null> {
    return this.pg.read((db) => findUserByUsername(db, username));
  }
  findByUsernameInsensitive(username: string): Promise<UserDoc | null> {
    return this.pg.read((db) => findUserByUsernameInsensitive(db, username));
  }
  findByEmail(address: string): Promise<UserDoc | null> {
    return this.pg.read((db) => findUserByEmail(db, address));
  }
  findByImportId(importId: string): Promise<UserDoc | null> {
    return this.pg.read((db) => findUserByImportId(db, importId));
  }
  findByFreeSwitchExtension(extension: string): Promise<UserDoc | null> {
    return this.pg.read((db) => findUserByFreeSwitchExtension(db, extension));
  }
  findByIds(ids: readonly string[]): Promise<UserDoc[]> {
    return this.pg.read((db) => lifecycle.findUsersByIds(db, ids));
  }
  findByUsernames(usernames: readonly string[]): Promise<UserDoc[]> {
    return this.pg.read((db) => lifecycle.findUsersByUsernames(db, usernames));
  }
  findByUsernamesInsensitive(usernames: readonly string[]): Promise<UserDoc[]> {
    return this.pg.read((db) => lifecycle.findUsersByUsernamesInsensitive(db, usernames));
  }

  async insert(user: UserDoc): Promise<void> {
    await this.pg.write('users', (db) => insertUserRows(db, user));
  }

  async update(
    id: string,
    change: (user: UserDoc) => UserDoc,
    options: TokenRevocation = {},
  ): Promise<UserDoc | null> {
    const updated = await this.pg.write('users', async (db) => {
      const current = await findUserById(db, id, true);
      if (!current) return null;
      const next = { ...change(current), _id: id };
      await replaceUserRows(db, next);
      if (options.revokeTokens) await deleteTokensOfUser(db, id, options.keepToken);
      return next;
    });
    if (updated && options.revokeTokens) this.pg.publish('tokens');
    return updated;
  }

  /** Tables are touched users → subscriptions → tokens, the order bulk writes lock them in. */
  async delete(id: string): Promise<boolean> {
    const deleted = await this.pg.write('users', async (db) => {
      const found = await deleteUserRows(db, id);
      await deleteSubscriptionsOfUser(db, id);
      await deleteTokensOfUser(db, id);
      await saveAvatar(db, id, null);
      return found;
    });
    this.pg.publish('tokens');
    return deleted;
  }

  list(query: UserListQuery): Promise<UserPage> {
    return this.pg.read((db) => listUsers(db, query));
  }
  countWithRole(role: string): Promise<number> {
    return this.pg.read((db) => countUsersWithRole(db, role));
  }
}
