// store.avatars and store.directory in PostgreSQL: avatar images and the prefix searches of users.autocomplete,
// directory and spotlight.
import type { RoomDoc, UserDoc } from '../../core/documents.js';
import type {
  AvatarsPort,
  DirectoryPort,
  StoredAvatar,
  UserPage,
  UserSearchQuery,
} from '../../core/store.js';
import type { PostgresAccess } from './postgres-access.js';
import { findUserById, replaceUserRows } from './postgres-users.js';
import { docsOf, type Queryable } from './postgres-queryable.js';

/** Above every character a key can continue with: `key >= p AND key < p || TOP` is "starts with p". */
const TOP = String.fromCodePoint(0x10ffff);

/** The users_name_lower index's expression, repeated verbatim so the planner matches it. */
const NAME_LOWER = `(lower(doc->>'name') COLLATE "C")`;

const ORDER: Record<UserSearchQuery['sort'], (direction: string) => string> = {
  username: (d) => `username ${d}`,
  name: (d) => `${NAME_LOWER} ${d}, username ${d}`,
  createdAt: (d) => `(doc->>'createdAt') COLLATE "C" ${d}, username ${d}`,
};

type AvatarRow = { content_type: string; etag: string; uploaded_at: string; data: Buffer };

export async function findAvatar(db: Queryable, userId: string): Promise<StoredAvatar | null> {
  const result = await db.query<AvatarRow>(
    'SELECT content_type, etag, uploaded_at, data FROM user_avatars WHERE user_id = $1',
    [userId],
  );
  const row = result.rows[0];
  return row
    ? { userId, contentType: row.content_type, etag: row.etag, uploadedAt: row.uploaded_at, data: row.data }
    : null;
}

/** Inside the transaction that also writes the user. */
export async function saveAvatar(
  db: Queryable,
  userId: string,
  avatar: Omit<StoredAvatar, 'userId'> | null,
): Promise<void> {
  if (avatar === null) {
    await db.query('DELETE FROM user_avatars WHERE user_id = $1', [userId]);
    return;
  }
  await db.query(
    `INSERT INTO user_avatars (user_id, content_type, etag, uploaded_at, data) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (user_id) DO UPDATE SET content_type = excluded.content_type, etag = excluded.etag,
     uploaded_at = excluded.uploaded_at, data = excluded.data`,
    [userId, avatar.contentType, avatar.etag, avatar.uploadedAt, avatar.data],
  );
}

function uniqueById(users: UserDoc[]): UserDoc[] {
  const seen = new Set<string>();
  return users.filter((user) => !seen.has(user._id) && seen.add(user._id));
}

/** UserSearchQuery.firstMatches: two index walks in key order, each stopping at `count`. */
async function firstMatches(db: Queryable, query: UserSearchQuery): Promise<UserPage> {
  const where = ["(doc->>'active') = 'true'", 'username IS NOT NULL', 'username <> ALL ($1::text[])'];
  if (query.localOnly) where.push("coalesce(doc->>'federated', 'false') <> 'true'");
  const filter = where.join(' AND ');
  const lower = query.prefix.toLowerCase();
  const excluded = [...(query.excludeUsernames ?? [])];
  const found = docsOf<UserDoc>(
    await db.query(
      `SELECT doc FROM users WHERE username_lower >= $2 AND username_lower < $3 AND ${filter}
       ORDER BY username_lower LIMIT $4`,
      [excluded, lower, lower + TOP, query.count],
    ),
  );
  if (found.length < query.count && query.prefix !== '') {
    found.push(
      ...docsOf<UserDoc>(
        await db.query(
          `SELECT doc FROM users WHERE ${NAME_LOWER} >= lower($2::text) AND ${NAME_LOWER} < lower($2::text) || $3::text
           AND ${filter} ORDER BY ${NAME_LOWER} LIMIT $4`,
          [excluded, query.prefix, TOP, query.count],
        ),
      ),
    );
  }
  const users = uniqueById(found).slice(0, query.count);
  return { users, total: users.length };
}

export async function searchUsers(db: Queryable, query: UserSearchQuery): Promise<UserPage> {
  if (query.firstMatches) return firstMatches(db, query);
  const values: unknown[] = [[...(query.excludeUsernames ?? [])]];
  const where = ["(doc->>'active') = 'true'", 'username IS NOT NULL', 'username <> ALL ($1::text[])'];
  if (query.localOnly) where.push("coalesce(doc->>'federated', 'false') <> 'true'");
  if (query.prefix !== '') {
    // Two index ranges (users_username_lower, users_name_lower), each "starts with", united by id.
    const lower = query.prefix.toLowerCase();
    values.push(lower, lower + TOP, query.prefix, TOP);
    where.push(`id IN (SELECT id FROM users WHERE username_lower >= $2 AND username_lower < $3
      UNION SELECT id FROM users WHERE ${NAME_LOWER} >= lower($4::text) AND ${NAME_LOWER} < lower($4::text) || $5::text)`);
  }
  const filter = where.join(' AND ');
  const direction = query.direction === -1 ? 'DESC' : 'ASC';
  const page = values.length + 1;
  const result = await db.query(
    `SELECT doc FROM users WHERE ${filter} ORDER BY ${ORDER[query.sort](direction)}
     LIMIT $${page} OFFSET $${page + 1}`,
    [...values, query.count, query.offset],
  );
  const users = docsOf<UserDoc>(result);
  if (!query.withTotal) return { users, total: users.length };
  const counted = await db.query<{ n: string }>(`SELECT count(*) AS n FROM users WHERE ${filter}`, values);
  return { users, total: Number(counted.rows[0]?.n ?? 0) };
}

/** The rooms_channel_name partial index (its predicate repeated so the planner may use it). */
export async function searchPublicRooms(db: Queryable, prefix: string, limit: number): Promise<RoomDoc[]> {
  return docsOf<RoomDoc>(
    await db.query(
      `SELECT doc FROM rooms WHERE t IN ('c', 'p') AND t = 'c' AND name >= $1 AND name < $2
       ORDER BY name LIMIT $3`,
      [prefix, prefix + TOP, limit],
    ),
  );
}

export class PostgresAvatars implements AvatarsPort {
  constructor(private readonly pg: PostgresAccess) {}

  write(
    userId: string,
    avatar: Omit<StoredAvatar, 'userId'> | null,
    change: (user: UserDoc) => UserDoc,
  ): Promise<UserDoc | null> {
    return this.pg.write('users', async (db) => {
      const current = await findUserById(db, userId, true);
      if (!current) return null;
      const next = { ...change(current), _id: userId };
      await replaceUserRows(db, next);
      await saveAvatar(db, userId, avatar);
      return next;
    });
  }
  find(userId: string): Promise<StoredAvatar | null> {
    return this.pg.read((db) => findAvatar(db, userId));
  }
}

export class PostgresDirectory implements DirectoryPort {
  constructor(private readonly pg: PostgresAccess) {}

  searchUsers(query: UserSearchQuery): Promise<UserPage> {
    return this.pg.read((db) => searchUsers(db, query));
  }
  searchPublicRooms(prefix: string, limit: number): Promise<RoomDoc[]> {
    return this.pg.read((db) => searchPublicRooms(db, prefix, limit));
  }
}
