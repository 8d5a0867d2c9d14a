// SQLite schema migrations, versioned with PRAGMA user_version and applied in order at open.
import type { Database } from 'better-sqlite3';
import { describeRename, planDuplicateRenames, type NamedRow } from '../duplicate-renames.js';

/** Receives one line per change a migration made to existing rows (renames), for the operator's log. */
export type MigrationNote = (line: string) => void;

/** SQL, or a step that also rewrites rows (and reports each change through `note`). */
type Migration = string | ((db: Database, note: MigrationNote) => void);

/**
 * 7: personal access token names unique per user (security F6). Existing duplicates (possible through the
 * check-then-insert race) are renamed first: the oldest keeps the name, later ones get `<name>-2`, ….
 */
function uniquePatNames(db: Database, note: MigrationNote): void {
  const rows = db
    .prepare(
      `SELECT hashed_token AS id, user_id AS scope, name FROM tokens
       WHERE type = 'personalAccessToken' AND name IS NOT NULL ORDER BY user_id, issued_at, hashed_token`,
    )
    .all() as NamedRow[];
  const rename = db.prepare(
    `UPDATE tokens SET name = ?, doc = json_set(doc, '$.name', ?) WHERE hashed_token = ?`,
  );
  for (const planned of planDuplicateRenames(rows, (name) => name)) {
    rename.run(planned.to, planned.to, planned.id);
    note(describeRename('personal access token', planned));
  }
  db.exec(`CREATE UNIQUE INDEX tokens_pat_name ON tokens (user_id, name) WHERE type = 'personalAccessToken'`);
}

/**
 * 8: usernames unique ignoring case (security F11). Existing case-duplicates are renamed first: the user
 * created first (then the smaller id) keeps the name, later ones become `<username>-2`, ….
 */
function uniqueUsernamesIgnoringCase(db: Database, note: MigrationNote): void {
  const rows = db
    .prepare(
      `SELECT id, '' AS scope, username AS name FROM users WHERE username IS NOT NULL
       ORDER BY json_extract(doc, '$.createdAt'), id`,
    )
    .all() as NamedRow[];
  const rename = db.prepare(
    `UPDATE users SET username = ?, username_lower = ?, doc = json_set(doc, '$.username', ?) WHERE id = ?`,
  );
  for (const planned of planDuplicateRenames(rows, (name) => name.toLowerCase())) {
    rename.run(planned.to, planned.to.toLowerCase(), planned.to, planned.id);
    note(describeRename('username', planned));
  }
  db.exec(`
    DROP INDEX users_username_lower;
    CREATE UNIQUE INDEX users_username_lower ON users (username_lower);
  `);
}

/** Each entry moves the schema from version index to index + 1. Never edit a released entry: append. */
const MIGRATIONS: readonly Migration[] = [
  `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

  CREATE TABLE users (
    id TEXT PRIMARY KEY,
    username TEXT UNIQUE,
    username_lower TEXT,
    free_switch_extension TEXT UNIQUE,
    doc TEXT NOT NULL
  );
  CREATE INDEX users_username_lower ON users (username_lower);
  CREATE TABLE user_emails (address TEXT PRIMARY KEY, user_id TEXT NOT NULL);
  CREATE INDEX user_emails_user ON user_emails (user_id);
  CREATE TABLE user_import_ids (import_id TEXT NOT NULL, user_id TEXT NOT NULL, PRIMARY KEY (import_id, user_id));
  CREATE INDEX user_import_ids_user ON user_import_ids (user_id);
  CREATE TABLE user_roles (role TEXT NOT NULL, user_id TEXT NOT NULL, PRIMARY KEY (role, user_id));
  CREATE INDEX user_roles_user ON user_roles (user_id);

  CREATE TABLE tokens (
    hashed_token TEXT PRIMARY KEY,
    user_id TEXT NOT NULL,
    type TEXT NOT NULL,
    name TEXT,
    issued_at TEXT NOT NULL,
    doc TEXT NOT NULL
  );
  CREATE INDEX tokens_user ON tokens (user_id, type, name);
  CREATE INDEX tokens_login_issued ON tokens (type, issued_at);

  CREATE TABLE rooms (id TEXT PRIMARY KEY, t TEXT NOT NULL, name TEXT, doc TEXT NOT NULL);
  CREATE UNIQUE INDEX rooms_channel_name ON rooms (name) WHERE t IN ('c', 'p');

  CREATE TABLE subscriptions (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL,
    rid TEXT NOT NULL,
    t TEXT NOT NULL,
    name TEXT,
    doc TEXT NOT NULL
  );
  -- One index serves uniqueness per (room, user), findSubscription and a room's member list.
  CREATE UNIQUE INDEX subscriptions_room_user ON subscriptions (rid, user_id);
  CREATE INDEX subscriptions_user_order ON subscriptions (user_id, t, name);

  CREATE TABLE roles (id TEXT PRIMARY KEY, doc TEXT NOT NULL);
  CREATE TABLE permissions (id TEXT PRIMARY KEY, doc TEXT NOT NULL);
  CREATE TABLE settings (id TEXT PRIMARY KEY, doc TEXT NOT NULL);
  `,
  // 2: the lookups of a rename, a deletion and a deactivation (Rocket.Chat's updateUsernameReferences,
  // relinquishRoomOwnerships, setArchivedForDMsWithUsername): the other side's direct-message subscriptions by
  // name, and the rooms a user created.
  `
  CREATE INDEX subscriptions_direct_name ON subscriptions (name) WHERE t = 'd';
  CREATE INDEX rooms_creator ON rooms (json_extract(doc, '$.u._id'));
  `,
  // 3: the roles trash (Rocket.Chat's trash collection, `__collection__: 'roles'`): roles.delete keeps the role
  // there and roles.sync lists it under `remove`.
  `
  CREATE TABLE roles_trash (id TEXT PRIMARY KEY, deleted_at TEXT NOT NULL, doc TEXT NOT NULL);
  CREATE INDEX roles_trash_deleted ON roles_trash (deleted_at);
  `,
  // 4: avatars stored next to their users (Rocket.Chat's Avatars store), and the prefix searches of
  // users.autocomplete, directory and spotlight: lower-cased names (usernames have username_lower already).
  `
  CREATE TABLE user_avatars (
    user_id TEXT PRIMARY KEY,
    content_type TEXT NOT NULL,
    etag TEXT NOT NULL,
    uploaded_at TEXT NOT NULL,
    data BLOB NOT NULL
  );
  CREATE INDEX users_name_lower ON users (lower(json_extract(doc, '$.name')));
  `,
  // 5: users.presence (Rocket.Chat's findUsersNotOffline, findNotIdUpdatedFrom): the few users not offline, and
  // users by `_updatedAt`.
  `
  CREATE INDEX users_not_offline ON users (json_extract(doc, '$.status'))
    WHERE json_extract(doc, '$.status') IN ('online', 'away', 'busy');
  CREATE INDEX users_updated_at ON users (json_extract(doc, '$._updatedAt'));
  `,
  // 6: the audit of gated lookups (README "Beyond Rocket.Chat"), newest first per filter.
  `
  CREATE TABLE lookup_audit (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    ts TEXT NOT NULL,
    caller_id TEXT NOT NULL,
    target_id TEXT,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    found INTEGER NOT NULL
  );
  CREATE INDEX lookup_audit_ts ON lookup_audit (ts, seq);
  CREATE INDEX lookup_audit_caller ON lookup_audit (caller_id, ts, seq);
  CREATE INDEX lookup_audit_target ON lookup_audit (target_id, ts, seq);
  `,
  uniquePatNames,
  uniqueUsernamesIgnoringCase,
  // 9: where a user came from (security F18): 1 once a bulk write (roster import, roster seed) wrote the user,
  // 0 for Roster's own (first start, users.create, users.register), which an import does not replace unless
  // told to. An earlier Roster recorded nothing, so existing users count as imported only when they hold
  // import ids; the others (the first-start admin among them) are protected until an import replaces them.
  `
  ALTER TABLE users ADD COLUMN imported INTEGER NOT NULL DEFAULT 0;
  UPDATE users SET imported = 1 WHERE id IN (SELECT user_id FROM user_import_ids);
  `,
  // 10: messages (Rocket.Chat's rocketchat_message), read back per room by time (channels.history & co.).
  `
  CREATE TABLE messages (
    id TEXT PRIMARY KEY,
    rid TEXT NOT NULL,
    ts TEXT NOT NULL,
    t TEXT,
    doc TEXT NOT NULL
  );
  CREATE INDEX messages_room_ts ON messages (rid, ts, id);
  `,
  // 11: the lookup audit loses its index by target (issue 20). Recorded lookups name random targets, so every row
  // dirtied its own page of that index: about 19 µs of the request thread's CPU per audited lookup, four times
  // the rest of the row. Filtering by target alone now scans the table (newest first, through lookup_audit_ts);
  // by caller or time it still uses an index. Rows are untouched.
  `
  DROP INDEX IF EXISTS lookup_audit_target;
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/**
 * Applies every migration newer than the database's user_version (up to `target`, which tests lower to build
 * an earlier Roster's database), each in its own write transaction. The version is read inside that
 * transaction, so processes opening the same file at once migrate it once.
 */
export function migrate(db: Database, note: MigrationNote = () => undefined, target = SCHEMA_VERSION): void {
  // Notes are told only once their transaction committed: a rolled-back migration renamed nothing.
  let notes: string[] = [];
  const step = db.transaction((): boolean => {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) {
      throw new Error(`database schema version ${version} is newer than this Roster (${SCHEMA_VERSION})`);
    }
    if (version >= target) return false;
    const migration = MIGRATIONS[version] as Migration;
    if (typeof migration === 'string') db.exec(migration);
    else migration(db, (line) => notes.push(`migration ${version + 1}: ${line}`));
    db.pragma(`user_version = ${version + 1}`);
    return true;
  });
  for (;;) {
    notes = [];
    const migrated = step.immediate();
    for (const line of notes) note(line);
    if (!migrated) break;
  }
}
