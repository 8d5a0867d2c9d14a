// PostgreSQL schema migrations: versioned in roster_migrations, applied under an advisory lock at open.
import type { Pool, PoolClient } from 'pg';
import { describeRename, planDuplicateRenames, type NamedRow } from '../duplicate-renames.js';

/** Receives one line per change a migration made to existing rows (renames), for the operator's log. */
export type MigrationNote = (line: string) => void;

/** SQL, or a step that also rewrites rows (and reports each change through `note`). */
type Migration = string | ((client: PoolClient, note: MigrationNote) => Promise<void>);

/** Sets `key` of a row's json document, keeping the other keys in their order. */
function withKey(doc: unknown, key: string, value: string): string {
  return JSON.stringify({ ...(doc as Record<string, unknown>), [key]: value });
}

/**
 * 7: personal access token names unique per user (security F6). Existing duplicates (possible through the
 * check-then-insert race) are renamed first: the oldest keeps the name, later ones get `<name>-2`, ….
 */
async function uniquePatNames(client: PoolClient, note: MigrationNote): Promise<void> {
  const rows = await client.query<NamedRow & { doc: unknown }>(
    `SELECT hashed_token AS id, user_id AS scope, name, doc FROM tokens
     WHERE type = 'personalAccessToken' AND name IS NOT NULL ORDER BY user_id, issued_at, hashed_token`,
  );
  const docs = new Map(rows.rows.map((row) => [row.id, row.doc]));
  for (const planned of planDuplicateRenames(rows.rows, (name) => name)) {
    await client.query('UPDATE tokens SET name = $1, doc = $2::json WHERE hashed_token = $3', [
      planned.to,
      withKey(docs.get(planned.id), 'name', planned.to),
      planned.id,
    ]);
    note(describeRename('personal access token', planned));
  }
  await client.query(
    `CREATE UNIQUE INDEX tokens_pat_name ON tokens (user_id, name) WHERE type = 'personalAccessToken'`,
  );
}

/**
 * 8: usernames unique ignoring case (security F11). Existing case-duplicates are renamed first: the user
 * created first (then the smaller id) keeps the name, later ones become `<username>-2`, ….
 */
async function uniqueUsernamesIgnoringCase(client: PoolClient, note: MigrationNote): Promise<void> {
  const rows = await client.query<NamedRow & { doc: unknown }>(
    `SELECT id, '' AS scope, username AS name, doc FROM users WHERE username IS NOT NULL
     ORDER BY doc->>'createdAt', id`,
  );
  const docs = new Map(rows.rows.map((row) => [row.id, row.doc]));
  for (const planned of planDuplicateRenames(rows.rows, (name) => name.toLowerCase())) {
    await client.query('UPDATE users SET username = $1, username_lower = $2, doc = $3::json WHERE id = $4', [
      planned.to,
      planned.to.toLowerCase(),
      withKey(docs.get(planned.id), 'username', planned.to),
      planned.id,
    ]);
    note(describeRename('username', planned));
  }
  await client.query(`
    DROP INDEX users_username_lower;
    CREATE UNIQUE INDEX users_username_lower_key ON users (username_lower);
  `);
}

/**
 * Each entry moves the schema from version index to index + 1. Never edit a released entry: append.
 * Key columns are COLLATE "C" so equality and ordering are bytewise, as SQLite's BINARY collation is.
 * Unique constraints carry the names postgres-errors.ts maps to ConflictError fields.
 */
const MIGRATIONS: readonly Migration[] = [
  `
  CREATE TABLE meta (key text COLLATE "C" PRIMARY KEY, value text NOT NULL);

  CREATE TABLE users (
    id text COLLATE "C" CONSTRAINT users_pkey PRIMARY KEY,
    username text COLLATE "C" CONSTRAINT users_username_key UNIQUE,
    username_lower text COLLATE "C",
    free_switch_extension text COLLATE "C" CONSTRAINT users_free_switch_extension_key UNIQUE,
    doc json NOT NULL
  );
  CREATE INDEX users_username_lower ON users (username_lower);
  CREATE TABLE user_emails (
    address text COLLATE "C" CONSTRAINT user_emails_pkey PRIMARY KEY,
    user_id text COLLATE "C" NOT NULL
  );
  CREATE INDEX user_emails_user ON user_emails (user_id);
  CREATE TABLE user_import_ids (
    import_id text COLLATE "C" NOT NULL,
    user_id text COLLATE "C" NOT NULL,
    PRIMARY KEY (import_id, user_id)
  );
  CREATE INDEX user_import_ids_user ON user_import_ids (user_id);
  CREATE TABLE user_roles (
    role text COLLATE "C" NOT NULL,
    user_id text COLLATE "C" NOT NULL,
    PRIMARY KEY (role, user_id)
  );
  CREATE INDEX user_roles_user ON user_roles (user_id);

  CREATE TABLE tokens (
    hashed_token text COLLATE "C" CONSTRAINT tokens_pkey PRIMARY KEY,
    user_id text COLLATE "C" NOT NULL,
    type text COLLATE "C" NOT NULL,
    name text COLLATE "C",
    issued_at text COLLATE "C" NOT NULL,
    doc json NOT NULL
  );
  CREATE INDEX tokens_user ON tokens (user_id, type, name);
  CREATE INDEX tokens_login_issued ON tokens (type, issued_at);

  CREATE TABLE rooms (
    id text COLLATE "C" CONSTRAINT rooms_pkey PRIMARY KEY,
    t text COLLATE "C" NOT NULL,
    name text COLLATE "C",
    doc json NOT NULL
  );
  CREATE UNIQUE INDEX rooms_channel_name ON rooms (name) WHERE t IN ('c', 'p');

  CREATE TABLE subscriptions (
    id text COLLATE "C" CONSTRAINT subscriptions_pkey PRIMARY KEY,
    user_id text COLLATE "C" NOT NULL,
    rid text COLLATE "C" NOT NULL,
    t text COLLATE "C" NOT NULL,
    name text COLLATE "C",
    doc json NOT NULL,
    -- One index serves uniqueness per (room, user), findSubscription and a room's member list.
    CONSTRAINT subscriptions_rid_user_id_key UNIQUE (rid, user_id)
  );
  CREATE INDEX subscriptions_user_order ON subscriptions (user_id, t, name NULLS FIRST);

  CREATE TABLE roles (id text COLLATE "C" PRIMARY KEY, doc json NOT NULL);
  CREATE TABLE permissions (id text COLLATE "C" PRIMARY KEY, doc json NOT NULL);
  CREATE TABLE settings (id text COLLATE "C" PRIMARY KEY, doc json NOT NULL);
  `,
  // 2: the lookups of a rename, a deletion and a deactivation (Rocket.Chat's updateUsernameReferences,
  // relinquishRoomOwnerships, setArchivedForDMsWithUsername): the other side's direct-message subscriptions by
  // name, and the rooms a user created.
  `
  CREATE INDEX subscriptions_direct_name ON subscriptions (name) WHERE t = 'd';
  CREATE INDEX rooms_creator ON rooms ((doc->'u'->>'_id'));
  `,
  // 3: the roles trash (Rocket.Chat's trash collection, `__collection__: 'roles'`): roles.delete keeps the role
  // there and roles.sync lists it under `remove`.
  `
  CREATE TABLE roles_trash (
    id text COLLATE "C" PRIMARY KEY,
    deleted_at text COLLATE "C" NOT NULL,
    doc json NOT NULL
  );
  CREATE INDEX roles_trash_deleted ON roles_trash (deleted_at);
  `,
  // 4: avatars stored next to their users (Rocket.Chat's Avatars store), and the prefix searches of
  // users.autocomplete, directory and spotlight. Prefixes are ranges over COLLATE "C" keys (bytewise, as
  // text_pattern_ops would compare them): username_lower has its index already, names get an expression index.
  `
  CREATE TABLE user_avatars (
    user_id text COLLATE "C" PRIMARY KEY,
    content_type text NOT NULL,
    etag text NOT NULL,
    uploaded_at text NOT NULL,
    data bytea NOT NULL
  );
  CREATE INDEX users_name_lower ON users ((lower(doc->>'name') COLLATE "C"));
  `,
  // 5: users.presence (Rocket.Chat's findUsersNotOffline, findNotIdUpdatedFrom): the few users not offline, and
  // users by `_updatedAt`.
  `
  CREATE INDEX users_not_offline ON users ((doc->>'status'))
    WHERE (doc->>'status') IN ('online', 'away', 'busy');
  CREATE INDEX users_updated_at ON users ((doc->>'_updatedAt') COLLATE "C");
  `,
  // 6: the audit of gated lookups (README "Beyond Rocket.Chat"), newest first per filter.
  `
  CREATE TABLE lookup_audit (
    seq bigserial PRIMARY KEY,
    ts text COLLATE "C" NOT NULL,
    caller_id text COLLATE "C" NOT NULL,
    target_id text COLLATE "C",
    key text COLLATE "C" NOT NULL,
    value text COLLATE "C" NOT NULL,
    found boolean NOT NULL
  );
  CREATE INDEX lookup_audit_ts ON lookup_audit (ts, seq);
  CREATE INDEX lookup_audit_caller ON lookup_audit (caller_id, ts, seq);
  CREATE INDEX lookup_audit_target ON lookup_audit (target_id, ts, seq);
  `,
  uniquePatNames,
  uniqueUsernamesIgnoringCase,
  // 9: where a user came from (security F18): true once a bulk write (roster import, roster seed) wrote the
  // user, false for Roster's own (first start, users.create, users.register), which an import does not replace
  // unless told to. An earlier Roster recorded nothing, so existing users count as imported only when they hold
  // import ids; the others (the first-start admin among them) are protected until an import replaces them.
  `
  ALTER TABLE users ADD COLUMN imported boolean NOT NULL DEFAULT false;
  UPDATE users SET imported = true WHERE id IN (SELECT user_id FROM user_import_ids);
  `,
  // 10: messages (Rocket.Chat's rocketchat_message), read back per room by time (channels.history & co.).
  `
  CREATE TABLE messages (
    id text COLLATE "C" CONSTRAINT messages_pkey PRIMARY KEY,
    rid text COLLATE "C" NOT NULL,
    ts text COLLATE "C" NOT NULL,
    t text COLLATE "C",
    doc json NOT NULL
  );
  CREATE INDEX messages_room_ts ON messages (rid, ts, id);
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/** First key of the advisory lock (the second is the schema's hash, so schemas migrate independently). */
const MIGRATION_LOCK_KEY = 0x524f53; // "ROS"

/**
 * Applies every migration newer than the schema's version in one transaction that first takes a
 * transaction-scoped advisory lock: N instances starting together queue on the lock, the first migrates,
 * the others then find the schema current. DDL is transactional in PostgreSQL, so a failure leaves nothing.
 * `target` (default: current) lets tests build an earlier Roster's schema.
 */
export async function migrate(
  pool: Pool,
  note: MigrationNote = () => undefined,
  target = SCHEMA_VERSION,
): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1, hashtext(current_schema()))', [MIGRATION_LOCK_KEY]);
    await client.query(
      'CREATE TABLE IF NOT EXISTS roster_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL)',
    );
    const result = await client.query<{ version: number | null }>(
      'SELECT max(version) AS version FROM roster_migrations',
    );
    const version = result.rows[0]?.version ?? 0;
    if (version > SCHEMA_VERSION) {
      throw new Error(`database schema version ${version} is newer than this Roster (${SCHEMA_VERSION})`);
    }
    // Notes are told only once the transaction committed: a rolled-back migration renamed nothing.
    const notes: string[] = [];
    for (let next = version; next < target; next++) {
      const migration = MIGRATIONS[next] as Migration;
      if (typeof migration === 'string') await client.query(migration);
      else await migration(client, (line) => notes.push(`migration ${next + 1}: ${line}`));
      await client.query('INSERT INTO roster_migrations (version, applied_at) VALUES ($1, now())', [
        next + 1,
      ]);
    }
    await client.query('COMMIT');
    client.release();
    for (const line of notes) note(line);
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    client.release(true);
    throw error;
  }
}
