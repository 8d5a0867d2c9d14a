// Seeding and import writes for SQLite: many documents in one transaction, each one counted by outcome.
import type { Database, Statement } from 'better-sqlite3';
import type { BulkBatch, BulkCount, BulkCounts, BulkMode } from '../../core/store.js';
import type {
  PermissionDoc,
  RoleDoc,
  RoomDoc,
  SettingDoc,
  StoredToken,
  SubscriptionDoc,
  UserDoc,
} from '../../core/documents.js';
import type { SqliteDocumentTable } from './sqlite-documents.js';
import type { SqliteUsers } from './sqlite-users.js';
import { extensionOf, normalizedEmailsOf, usernameOf } from '../../core/users/user-keys.js';

type Outcome = keyof BulkCount;

export interface BulkTables {
  users: SqliteUsers;
  roles: SqliteDocumentTable<RoleDoc>;
  permissions: SqliteDocumentTable<PermissionDoc>;
  settings: SqliteDocumentTable<SettingDoc>;
}

/** The statements of a one-table document kind: its stored JSON by id, insert-or-ignore, update-or-ignore. */
interface SingleTable<T> {
  current: Statement<[string]>;
  insert: Statement<unknown[]>;
  update: Statement<unknown[]>;
  id: (document: T) => string;
  /** Column values for insert (id first) and for update (id last). */
  insertValues: (document: T, json: string) => unknown[];
  updateValues: (document: T, json: string) => unknown[];
}

/**
 * Rooms, subscriptions and tokens live in one table each, so `OR IGNORE` makes each write atomic without a
 * savepoint: a row that clashes with another row's unique key is simply not written and counted as skipped.
 * Users span several tables (emails, import ids, roles); see `writeUser`.
 */
export class SqliteBulkWriter {
  private readonly userDoc: Statement<[string]>;
  private readonly usernameOwner: Statement<[string]>;
  private readonly extensionOwner: Statement<[string]>;
  private readonly emailOwner: Statement<[string]>;
  private readonly rooms: SingleTable<RoomDoc>;
  private readonly subscriptions: SingleTable<SubscriptionDoc>;
  private readonly tokens: SingleTable<StoredToken>;

  constructor(
    private readonly db: Database,
    private readonly tables: BulkTables,
  ) {
    this.userDoc = db.prepare('SELECT doc FROM users WHERE id = ?');
    // Usernames are unique ignoring case (users_username_lower, security F11).
    this.usernameOwner = db.prepare('SELECT id FROM users WHERE username_lower = ?');
    this.extensionOwner = db.prepare('SELECT id FROM users WHERE free_switch_extension = ?');
    this.emailOwner = db.prepare('SELECT user_id AS id FROM user_emails WHERE address = ?');
    this.rooms = {
      current: db.prepare('SELECT doc FROM rooms WHERE id = ?'),
      insert: db.prepare('INSERT OR IGNORE INTO rooms (id, t, name, doc) VALUES (?, ?, ?, ?)'),
      update: db.prepare('UPDATE OR IGNORE rooms SET t = ?, name = ?, doc = ? WHERE id = ?'),
      id: (room) => room._id,
      insertValues: (room, json) => [room._id, room.t, room.name ?? null, json],
      updateValues: (room, json) => [room.t, room.name ?? null, json, room._id],
    };
    this.subscriptions = {
      current: db.prepare('SELECT doc FROM subscriptions WHERE id = ?'),
      insert: db.prepare(
        'INSERT OR IGNORE INTO subscriptions (id, user_id, rid, t, name, doc) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      update: db.prepare(
        'UPDATE OR IGNORE subscriptions SET user_id = ?, rid = ?, t = ?, name = ?, doc = ? WHERE id = ?',
      ),
      id: (subscription) => subscription._id,
      insertValues: (s, json) => [s._id, s.u._id, s.rid, s.t, s.name ?? null, json],
      updateValues: (s, json) => [s.u._id, s.rid, s.t, s.name ?? null, json, s._id],
    };
    this.tokens = {
      current: db.prepare('SELECT doc FROM tokens WHERE hashed_token = ?'),
      insert: db.prepare(
        'INSERT OR IGNORE INTO tokens (hashed_token, user_id, type, name, issued_at, doc) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      update: db.prepare(
        'UPDATE OR IGNORE tokens SET user_id = ?, type = ?, name = ?, issued_at = ?, doc = ? WHERE hashed_token = ?',
      ),
      id: (token) => token.hashedToken,
      insertValues: (t, json) => [t.hashedToken, t.userId, t.type, t.name ?? null, t.when, json],
      updateValues: (t, json) => [t.userId, t.type, t.name ?? null, t.when, json, t.hashedToken],
    };
  }

  /** Writes the whole batch in one transaction; a document that conflicts with another is skipped alone. */
  write(batch: BulkBatch, mode: BulkMode): BulkCounts {
    const counts = emptyCounts();
    const replace = mode === 'replace';
    this.db
      .transaction(() => {
        for (const role of batch.roles ?? []) counts.roles[this.tables.roles.write(role, replace)]++;
        for (const permission of batch.permissions ?? []) {
          counts.permissions[this.tables.permissions.write(permission, replace)]++;
        }
        for (const setting of batch.settings ?? [])
          counts.settings[this.tables.settings.write(setting, replace)]++;
        for (const user of batch.users ?? []) counts.users[this.writeUser(user, replace)]++;
        for (const room of batch.rooms ?? []) counts.rooms[this.writeSingle(this.rooms, room, replace)]++;
        for (const subscription of batch.subscriptions ?? []) {
          counts.subscriptions[this.writeSingle(this.subscriptions, subscription, replace)]++;
        }
        for (const token of batch.tokens ?? [])
          counts.tokens[this.writeSingle(this.tokens, token, replace)]++;
      })
      .immediate();
    return counts;
  }

  private writeSingle<T>(table: SingleTable<T>, document: T, replace: boolean): Outcome {
    const json = JSON.stringify(document);
    if (!replace) {
      if (table.insert.run(...table.insertValues(document, json)).changes > 0) return 'inserted';
      return table.current.get(table.id(document)) ? 'unchanged' : 'skipped';
    }
    const row = table.current.get(table.id(document)) as { doc: string } | undefined;
    if (!row)
      return table.insert.run(...table.insertValues(document, json)).changes > 0 ? 'inserted' : 'skipped';
    if (row.doc === json) return 'unchanged';
    return table.update.run(...table.updateValues(document, json)).changes > 0 ? 'updated' : 'skipped';
  }

  /**
   * A user is checked against the unique keys of other users first (a few index lookups), so the write itself
   * cannot conflict and needs no savepoint; the batch's single writer transaction keeps the check valid.
   */
  private writeUser(user: UserDoc, replace: boolean): Outcome {
    const row = this.userDoc.get(user._id) as { doc: string } | undefined;
    if (row && !replace) return 'unchanged';
    if (row && row.doc === JSON.stringify(user)) return 'unchanged';
    if (this.clashesWithAnotherUser(user)) return 'skipped';
    if (row) this.tables.users.replace(user);
    else this.tables.users.insertSync(user);
    return row ? 'updated' : 'inserted';
  }

  private clashesWithAnotherUser(user: UserDoc): boolean {
    const takenBy = (statement: Statement<[string]>, key: string | null): boolean => {
      if (key === null) return false;
      const owner = statement.get(key) as { id: string } | undefined;
      return owner !== undefined && owner.id !== user._id;
    };
    return (
      takenBy(this.usernameOwner, usernameOf(user)?.toLowerCase() ?? null) ||
      takenBy(this.extensionOwner, extensionOf(user)) ||
      normalizedEmailsOf(user).some((address) => takenBy(this.emailOwner, address))
    );
  }
}

function emptyCounts(): BulkCounts {
  const count = (): BulkCount => ({ inserted: 0, updated: 0, unchanged: 0, skipped: 0 });
  return {
    users: count(),
    tokens: count(),
    rooms: count(),
    subscriptions: count(),
    roles: count(),
    permissions: count(),
    settings: count(),
  };
}
