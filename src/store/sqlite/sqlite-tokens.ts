// store.tokens in SQLite: login tokens and personal access tokens, keyed by their hash so authentication is one lookup.
import type { Database, Statement } from 'better-sqlite3';
import type { StoredToken, UserDoc } from '../../core/documents.js';
import type { TokensPort, UserSession } from '../../core/store.js';
import type { SqliteWriter } from './sqlite-writer.js';

export class SqliteTokens implements TokensPort {
  private readonly session: Statement<[string]>;
  private readonly insertRow: Statement<[string, string, string, string | null, string, string]>;
  private readonly upsertRow: Statement<[string, string, string, string | null, string, string]>;
  private readonly deleteRow: Statement<[string]>;
  private readonly ofUser: Statement<[string, string]>;
  private readonly deleteNamed: Statement<[string, string]>;
  private readonly deleteOfUserStatement: Statement<[string]>;
  private readonly deleteOfUserExceptStatement: Statement<[string, string]>;
  private readonly deleteIssuedBefore: Statement<[string]>;
  private readonly deleteLoginOfUserStatement: Statement<[string]>;
  private readonly deleteLoginOfUserExceptStatement: Statement<[string, string]>;

  constructor(
    db: Database,
    private readonly writer: SqliteWriter,
  ) {
    this.session = db.prepare(
      'SELECT t.doc AS token, u.doc AS user FROM tokens t JOIN users u ON u.id = t.user_id WHERE t.hashed_token = ?',
    );
    const columns = '(hashed_token, user_id, type, name, issued_at, doc) VALUES (?, ?, ?, ?, ?, ?)';
    this.insertRow = db.prepare(`INSERT INTO tokens ${columns}`);
    this.upsertRow = db.prepare(`INSERT OR REPLACE INTO tokens ${columns}`);
    this.deleteRow = db.prepare('DELETE FROM tokens WHERE hashed_token = ?');
    this.ofUser = db.prepare(
      'SELECT doc FROM tokens WHERE user_id = ? AND type = ? ORDER BY issued_at, hashed_token',
    );
    this.deleteNamed = db.prepare(
      "DELETE FROM tokens WHERE user_id = ? AND type = 'personalAccessToken' AND name = ?",
    );
    this.deleteOfUserStatement = db.prepare('DELETE FROM tokens WHERE user_id = ?');
    this.deleteOfUserExceptStatement = db.prepare(
      'DELETE FROM tokens WHERE user_id = ? AND hashed_token <> ?',
    );
    this.deleteLoginOfUserStatement = db.prepare("DELETE FROM tokens WHERE user_id = ? AND type = 'login'");
    this.deleteLoginOfUserExceptStatement = db.prepare(
      "DELETE FROM tokens WHERE user_id = ? AND type = 'login' AND hashed_token <> ?",
    );
    this.deleteIssuedBefore = db.prepare("DELETE FROM tokens WHERE type = 'login' AND issued_at < ?");
  }

  async findSession(hashedToken: string): Promise<UserSession | null> {
    const row = this.session.get(hashedToken) as { token: string; user: string } | undefined;
    if (!row) return null;
    return { token: JSON.parse(row.token) as StoredToken, user: JSON.parse(row.user) as UserDoc };
  }

  async insert(token: StoredToken): Promise<void> {
    this.writer.write('tokens', () => this.insertSync(token));
  }

  /** `insert` inside a write transaction; `replace` overwrites a token with the same hash. */
  insertSync(token: StoredToken, replace = false): number {
    const statement = replace ? this.upsertRow : this.insertRow;
    return statement.run(
      token.hashedToken,
      token.userId,
      token.type,
      token.name ?? null,
      token.when,
      JSON.stringify(token),
    ).changes;
  }

  async delete(hashedToken: string): Promise<boolean> {
    return this.writer.write('tokens', () => this.deleteRow.run(hashedToken).changes > 0);
  }

  async listOfUser(userId: string, type: StoredToken['type']): Promise<StoredToken[]> {
    return (this.ofUser.all(userId, type) as { doc: string }[]).map(
      (row) => JSON.parse(row.doc) as StoredToken,
    );
  }

  async deletePersonalAccessToken(userId: string, name: string): Promise<boolean> {
    return this.writer.write('tokens', () => this.deleteNamed.run(userId, name).changes > 0);
  }

  /** Every token of the user, but the one hashed `keep`; the caller runs it inside a transaction. */
  deleteOfUser(userId: string, keep?: string): number {
    if (keep !== undefined) return this.deleteOfUserExceptStatement.run(userId, keep).changes;
    return this.deleteOfUserStatement.run(userId).changes;
  }

  async deleteLoginTokensOfUser(userId: string, keep?: string): Promise<number> {
    return this.writer.write('tokens', () =>
      keep !== undefined
        ? this.deleteLoginOfUserExceptStatement.run(userId, keep).changes
        : this.deleteLoginOfUserStatement.run(userId).changes,
    );
  }

  async deleteLoginTokensIssuedBefore(issuedBefore: string): Promise<number> {
    return this.writer.write('tokens', () => this.deleteIssuedBefore.run(issuedBefore).changes);
  }
}
