// Seeding and import writes for PostgreSQL: a whole batch in one transaction, a few multi-row statements per kind.
import type { BulkBatch, BulkCount, BulkCounts, BulkMode } from '../../core/store.js';
import type { RoomDoc, StoredToken, SubscriptionDoc, UserDoc } from '../../core/documents.js';
import { extensionOf, normalizedEmailsOf, usernameOf } from '../../core/users/user-keys.js';
import { planBulk, type BulkPlan, type KindRules } from './postgres-bulk-plan.js';
import { saveDocuments, type DocumentTable } from './postgres-documents.js';
import type { Queryable } from './postgres-queryable.js';
import { insertSubscriptionRows } from './postgres-rooms.js';
import { upsertTokenRows } from './postgres-tokens.js';
import { deleteIndexRows, insertIndexRows } from './postgres-users.js';

const byId: KindRules<{ _id: string }> = { idOf: (document) => document._id, keysOf: () => [] };

const USER_RULES: KindRules<UserDoc> = {
  idOf: (user) => user._id,
  keysOf: (user) => {
    const username = usernameOf(user);
    const extension = extensionOf(user);
    return [
      ...(username !== null ? [`u:${username.toLowerCase()}`] : []),
      ...(extension !== null ? [`x:${extension}`] : []),
      ...normalizedEmailsOf(user).map((address) => `e:${address}`),
    ];
  },
};

const ROOM_RULES: KindRules<RoomDoc> = {
  idOf: (room) => room._id,
  keysOf: (room) => (isChannel(room) ? [`n:${room.name as string}`] : []),
};

const SUBSCRIPTION_RULES: KindRules<SubscriptionDoc> = {
  idOf: (subscription) => subscription._id,
  keysOf: (subscription) => [`s:${subscription.u._id}\u0001${subscription.rid}`],
};

const TOKEN_RULES: KindRules<StoredToken> = { idOf: (token) => token.hashedToken, keysOf: () => [] };

function isChannel(room: RoomDoc): boolean {
  return (room.t === 'c' || room.t === 'p') && room.name !== undefined && room.name !== null;
}

/**
 * Writes the whole batch inside the caller's transaction. The tables whose unique keys can clash are locked
 * (EXCLUSIVE: reads go on, other writes wait) so the in-memory plan of postgres-bulk-plan.ts sees exactly what
 * one-by-one writes would have seen; they are locked in the order every other transaction touches them.
 */
export async function writeBulk(db: Queryable, batch: BulkBatch, mode: BulkMode): Promise<BulkCounts> {
  const replace = mode === 'replace';
  const locked = [
    ...(batch.users?.length ? ['users', 'user_emails'] : []),
    ...(batch.rooms?.length ? ['rooms'] : []),
    ...(batch.subscriptions?.length ? ['subscriptions'] : []),
  ];
  if (locked.length > 0) await db.query(`LOCK TABLE ${locked.join(', ')} IN EXCLUSIVE MODE`);
  return {
    roles: await writeDocuments(db, 'roles', batch.roles ?? [], replace),
    permissions: await writeDocuments(db, 'permissions', batch.permissions ?? [], replace),
    settings: await writeDocuments(db, 'settings', batch.settings ?? [], replace),
    users: await writeUsers(db, batch.users ?? [], replace),
    rooms: await writeRooms(db, batch.rooms ?? [], replace),
    subscriptions: await writeSubscriptions(db, batch.subscriptions ?? [], replace),
    tokens: await writeTokens(db, batch.tokens ?? [], replace),
  };
}

/**
 * The stored documents among `ids`. Ignoring, only existence matters (a stored document is kept as it is),
 * so documents are neither read nor parsed: each id maps to `true` in place of its document.
 */
async function storedDocs<T>(
  db: Queryable,
  table: string,
  idColumn: string,
  ids: string[],
  replace: boolean,
): Promise<Map<string, T>> {
  const result = await db.query<{ id: string; doc: T }>(
    `SELECT ${idColumn} AS id, ${replace ? 'doc' : 'true AS doc'} FROM ${table} WHERE ${idColumn} = ANY($1::text[])`,
    [ids],
  );
  return new Map(result.rows.map((row) => [row.id, row.doc]));
}

async function holdersOf(db: Queryable, sql: string, values: unknown[]): Promise<Map<string, string>> {
  const result = await db.query<{ key: string; id: string }>(sql, values);
  return new Map(result.rows.map((row) => [row.key, row.id]));
}

async function writeDocuments(
  db: Queryable,
  table: DocumentTable,
  documents: ReadonlyArray<{ _id: string }>,
  replace: boolean,
): Promise<BulkCount> {
  if (documents.length === 0) return emptyCount();
  const stored = await storedDocs<{ _id: string }>(db, table, 'id', documents.map(byId.idOf), replace);
  const plan = planBulk(documents, replace, byId, stored, new Map());
  await saveDocuments(db, table, [...plan.finals.values()]);
  return plan.count;
}

async function writeUsers(db: Queryable, users: readonly UserDoc[], replace: boolean): Promise<BulkCount> {
  if (users.length === 0) return emptyCount();
  const stored = await storedDocs<UserDoc>(db, 'users', 'id', users.map(USER_RULES.idOf), replace);
  const candidates = writable(users, USER_RULES, stored, replace);
  const holders = await holdersOf(
    db,
    `SELECT 'u:' || username_lower AS key, id FROM users WHERE username_lower = ANY($1::text[])
     UNION ALL SELECT 'x:' || free_switch_extension, id FROM users WHERE free_switch_extension = ANY($2::text[])
     UNION ALL SELECT 'e:' || address, user_id FROM user_emails WHERE address = ANY($3::text[])`,
    [
      // Usernames are unique ignoring case (users_username_lower_key, security F11).
      candidates.map(usernameOf).flatMap((username) => (username !== null ? [username.toLowerCase()] : [])),
      candidates.map(extensionOf).filter((extension) => extension !== null),
      candidates.flatMap(normalizedEmailsOf),
    ],
  );
  const plan = planBulk(users, replace, USER_RULES, stored, holders);
  await releaseReplaced(db, plan, [
    'UPDATE users SET username = NULL, username_lower = NULL, free_switch_extension = NULL WHERE id = ANY($1::text[])',
  ]);
  if (plan.replaced.size > 0) await deleteIndexRows(db, [...plan.replaced]);
  const finals = [...plan.finals.values()];
  if (finals.length === 0) return plan.count;
  await db.query(
    // `imported` (migration 9): users a bulk write (import, seed) wrote; see findLocalUserIds.
    `INSERT INTO users (id, username, username_lower, free_switch_extension, doc, imported)
     SELECT id, u, ul, x, d::json, true FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
       AS n(id, u, ul, x, d)
     ON CONFLICT (id) DO UPDATE SET username = excluded.username, username_lower = excluded.username_lower,
       free_switch_extension = excluded.free_switch_extension, doc = excluded.doc, imported = true`,
    [
      finals.map((user) => user._id),
      finals.map(usernameOf),
      finals.map((user) => usernameOf(user)?.toLowerCase() ?? null),
      finals.map(extensionOf),
      finals.map((user) => JSON.stringify(user)),
    ],
  );
  await insertIndexRows(db, finals);
  return plan.count;
}

/** Of `ids`, the stored users no bulk write has written (Store.findLocalUserIds). */
export async function findLocalUserIds(db: Queryable, ids: readonly string[]): Promise<string[]> {
  // PostgreSQL text cannot hold NUL, so no stored id contains one (the server would refuse the array).
  const wanted = ids.filter((id) => !id.includes('\u0000'));
  if (wanted.length === 0) return [];
  const result = await db.query<{ id: string }>(
    'SELECT id FROM users WHERE NOT imported AND id = ANY($1::text[]) ORDER BY id',
    [wanted],
  );
  return result.rows.map((row) => row.id);
}

async function writeRooms(db: Queryable, rooms: readonly RoomDoc[], replace: boolean): Promise<BulkCount> {
  if (rooms.length === 0) return emptyCount();
  const stored = await storedDocs<RoomDoc>(db, 'rooms', 'id', rooms.map(ROOM_RULES.idOf), replace);
  const holders = await holdersOf(
    db,
    `SELECT 'n:' || name AS key, id FROM rooms WHERE t IN ('c', 'p') AND name = ANY($1::text[])`,
    [
      writable(rooms, ROOM_RULES, stored, replace)
        .filter(isChannel)
        .map((room) => room.name as string),
    ],
  );
  const plan = planBulk(rooms, replace, ROOM_RULES, stored, holders);
  await releaseReplaced(db, plan, ['UPDATE rooms SET name = NULL WHERE id = ANY($1::text[])']);
  const finals = [...plan.finals.values()];
  if (finals.length > 0) {
    await db.query(
      `INSERT INTO rooms (id, t, name, doc)
       SELECT id, t, name, d::json FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS n(id, t, name, d)
       ON CONFLICT (id) DO UPDATE SET t = excluded.t, name = excluded.name, doc = excluded.doc`,
      [
        finals.map((room) => room._id),
        finals.map((room) => room.t),
        finals.map((room) => room.name ?? null),
        finals.map((room) => JSON.stringify(room)),
      ],
    );
  }
  return plan.count;
}

async function writeSubscriptions(
  db: Queryable,
  subscriptions: readonly SubscriptionDoc[],
  replace: boolean,
): Promise<BulkCount> {
  if (subscriptions.length === 0) return emptyCount();
  const stored = await storedDocs<SubscriptionDoc>(
    db,
    'subscriptions',
    'id',
    subscriptions.map(SUBSCRIPTION_RULES.idOf),
    replace,
  );
  const candidates = writable(subscriptions, SUBSCRIPTION_RULES, stored, replace);
  const holders = await holdersOf(
    db,
    `SELECT 's:' || s.user_id || chr(1) || s.rid AS key, s.id FROM subscriptions s
     JOIN unnest($1::text[], $2::text[]) AS k(user_id, rid) ON k.user_id = s.user_id AND k.rid = s.rid`,
    [candidates.map((s) => s.u._id), candidates.map((s) => s.rid)],
  );
  const plan = planBulk(subscriptions, replace, SUBSCRIPTION_RULES, stored, holders);
  await releaseReplaced(db, plan, ['DELETE FROM subscriptions WHERE id = ANY($1::text[])']);
  await insertSubscriptionRows(db, [...plan.finals.values()]);
  return plan.count;
}

async function writeTokens(
  db: Queryable,
  tokens: readonly StoredToken[],
  replace: boolean,
): Promise<BulkCount> {
  if (tokens.length === 0) return emptyCount();
  const stored = await storedDocs<StoredToken>(
    db,
    'tokens',
    'hashed_token',
    tokens.map(TOKEN_RULES.idOf),
    replace,
  );
  const plan = planBulk(tokens, replace, TOKEN_RULES, stored, new Map());
  await upsertTokenRows(db, [...plan.finals.values()]);
  return plan.count;
}

/** The documents that may be written: ignoring, those whose id is stored are kept as they are, so need no keys. */
function writable<T>(
  documents: readonly T[],
  rules: KindRules<T>,
  stored: ReadonlyMap<string, T>,
  replace: boolean,
): readonly T[] {
  return replace ? documents : documents.filter((document) => !stored.has(rules.idOf(document)));
}

/** Frees the unique keys of rows about to be replaced, so the multi-row upsert never trips over its own rows. */
async function releaseReplaced<T>(db: Queryable, plan: BulkPlan<T>, statements: string[]): Promise<void> {
  if (plan.replaced.size === 0) return;
  for (const statement of statements) await db.query(statement, [[...plan.replaced]]);
}

function emptyCount(): BulkCount {
  return { inserted: 0, updated: 0, unchanged: 0, skipped: 0 };
}
