// store.tokens in PostgreSQL: login tokens and personal access tokens, keyed by their hash so authentication is one lookup.
import type { StoredToken, UserDoc } from '../../core/documents.js';
import type { TokensPort, UserSession } from '../../core/store.js';
import type { PostgresAccess } from './postgres-access.js';
import { docsOf, type Queryable } from './postgres-queryable.js';

export async function findSession(db: Queryable, hashedToken: string): Promise<UserSession | null> {
  const result = await db.query<{ token: StoredToken; user: UserDoc }>(
    'SELECT t.doc AS token, u.doc AS user FROM tokens t JOIN users u ON u.id = t.user_id WHERE t.hashed_token = $1',
    [hashedToken],
  );
  const row = result.rows[0];
  return row ? { token: row.token, user: row.user } : null;
}

export async function insertTokenRow(db: Queryable, token: StoredToken): Promise<void> {
  await db.query(
    'INSERT INTO tokens (hashed_token, user_id, type, name, issued_at, doc) VALUES ($1, $2, $3, $4, $5, $6)',
    [token.hashedToken, token.userId, token.type, token.name ?? null, token.when, JSON.stringify(token)],
  );
}

/** Inserts or overwrites many tokens in one statement (bulk writes replace a token by its hash). */
export async function upsertTokenRows(db: Queryable, tokens: readonly StoredToken[]): Promise<void> {
  if (tokens.length === 0) return;
  await db.query(
    `INSERT INTO tokens (hashed_token, user_id, type, name, issued_at, doc)
     SELECT h, u, t, n, w, d::json FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
       AS x(h, u, t, n, w, d)
     ON CONFLICT (hashed_token) DO UPDATE SET user_id = excluded.user_id, type = excluded.type,
       name = excluded.name, issued_at = excluded.issued_at, doc = excluded.doc`,
    [
      tokens.map((t) => t.hashedToken),
      tokens.map((t) => t.userId),
      tokens.map((t) => t.type),
      tokens.map((t) => t.name ?? null),
      tokens.map((t) => t.when),
      tokens.map((t) => JSON.stringify(t)),
    ],
  );
}

export async function deleteTokenRow(db: Queryable, hashedToken: string): Promise<boolean> {
  return ((await db.query('DELETE FROM tokens WHERE hashed_token = $1', [hashedToken])).rowCount ?? 0) > 0;
}

export async function listTokensOfUser(
  db: Queryable,
  userId: string,
  type: StoredToken['type'],
): Promise<StoredToken[]> {
  return docsOf(
    await db.query(
      'SELECT doc FROM tokens WHERE user_id = $1 AND type = $2 ORDER BY issued_at, hashed_token',
      [userId, type],
    ),
  );
}

export async function deletePersonalAccessTokenRow(
  db: Queryable,
  userId: string,
  name: string,
): Promise<boolean> {
  const result = await db.query(
    "DELETE FROM tokens WHERE user_id = $1 AND type = 'personalAccessToken' AND name = $2",
    [userId, name],
  );
  return (result.rowCount ?? 0) > 0;
}

/** Every token of the user, but the one hashed `keep`. */
export async function deleteTokensOfUser(db: Queryable, userId: string, keep?: string): Promise<number> {
  if (keep !== undefined) {
    const sql = 'DELETE FROM tokens WHERE user_id = $1 AND hashed_token <> $2';
    return (await db.query(sql, [userId, keep])).rowCount ?? 0;
  }
  return (await db.query('DELETE FROM tokens WHERE user_id = $1', [userId])).rowCount ?? 0;
}

/** The user's login tokens (never PATs), but the one hashed `keep`. */
export async function deleteLoginTokensOfUser(db: Queryable, userId: string, keep?: string): Promise<number> {
  if (keep !== undefined) {
    const sql = "DELETE FROM tokens WHERE user_id = $1 AND type = 'login' AND hashed_token <> $2";
    return (await db.query(sql, [userId, keep])).rowCount ?? 0;
  }
  return (await db.query("DELETE FROM tokens WHERE user_id = $1 AND type = 'login'", [userId])).rowCount ?? 0;
}

export async function deleteLoginTokensIssuedBefore(db: Queryable, issuedBefore: string): Promise<number> {
  return (
    (await db.query("DELETE FROM tokens WHERE type = 'login' AND issued_at < $1", [issuedBefore])).rowCount ??
    0
  );
}

export class PostgresTokens implements TokensPort {
  constructor(private readonly pg: PostgresAccess) {}

  findSession(hashedToken: string): Promise<UserSession | null> {
    return this.pg.read((db) => findSession(db, hashedToken));
  }
  async insert(token: StoredToken): Promise<void> {
    await this.pg.write('tokens', (db) => insertTokenRow(db, token));
  }
  delete(hashedToken: string): Promise<boolean> {
    return this.pg.write('tokens', (db) => deleteTokenRow(db, hashedToken));
  }
  listOfUser(userId: string, type: StoredToken['type']): Promise<StoredToken[]> {
    return this.pg.read((db) => listTokensOfUser(db, userId, type));
  }
  deletePersonalAccessToken(userId: string, name: string): Promise<boolean> {
    return this.pg.write('tokens', (db) => deletePersonalAccessTokenRow(db, userId, name));
  }
  deleteLoginTokensIssuedBefore(issuedBefore: string): Promise<number> {
    return this.pg.write('tokens', (db) => deleteLoginTokensIssuedBefore(db, issuedBefore));
  }
  deleteLoginTokensOfUser(userId: string, keepToken?: string): Promise<number> {
    return this.pg.write('tokens', (db) => deleteLoginTokensOfUser(db, userId, keepToken));
  }
}
