// store.directory in SQLite: the prefix searches of users.autocomplete, directory and spotlight.
import type { Database, Statement } from 'better-sqlite3';
import type { RoomDoc, UserDoc } from '../../core/documents.js';
import type { DirectoryPort, UserPage, UserSearchQuery } from '../../core/store.js';

/** Above every character a key can continue with: `key >= p AND key < p || TOP` is "starts with p". */
const TOP = String.fromCodePoint(0x10ffff);

const NAME_LOWER = "lower(json_extract(doc, '$.name'))";

/** ORDER BY of each sort; `name` walks the users_name_lower index, `username` the username one. */
const ORDER: Record<UserSearchQuery['sort'], (direction: string) => string> = {
  username: (d) => `username ${d}`,
  name: (d) => `${NAME_LOWER} ${d}, username ${d}`,
  createdAt: (d) => `json_extract(doc, '$.createdAt') ${d}, username ${d}`,
};

function uniqueById(users: UserDoc[]): UserDoc[] {
  const seen = new Set<string>();
  return users.filter((user) => !seen.has(user._id) && seen.add(user._id));
}

export class SqliteDirectory implements DirectoryPort {
  private readonly publicRooms: Statement<{ lo: string; hi: string; limit: number }>;
  private readonly statements = new Map<string, Statement>();

  constructor(private readonly db: Database) {
    // The rooms_channel_name partial index (its predicate repeated so the planner may use it).
    this.publicRooms = db.prepare(
      `SELECT doc FROM rooms WHERE t IN ('c', 'p') AND t = 'c' AND name >= @lo AND name < @hi
       ORDER BY name LIMIT @limit`,
    );
  }

  async searchUsers(query: UserSearchQuery): Promise<UserPage> {
    if (query.firstMatches) return this.firstMatches(query);
    const params: Record<string, string> = { excluded: JSON.stringify(query.excludeUsernames ?? []) };
    const where = [
      "json_extract(doc, '$.active') = 1",
      'username IS NOT NULL',
      'username NOT IN (SELECT value FROM json_each(@excluded))',
    ];
    if (query.localOnly) where.push("coalesce(json_extract(doc, '$.federated'), 0) <> 1");
    if (query.prefix !== '') {
      // Two index ranges (username_lower, users_name_lower), each "starts with", united by id.
      const lower = query.prefix.toLowerCase();
      Object.assign(params, { lo: lower, hi: lower + TOP, raw: query.prefix, top: TOP });
      where.push(`id IN (SELECT id FROM users WHERE username_lower >= @lo AND username_lower < @hi
        UNION SELECT id FROM users WHERE ${NAME_LOWER} >= lower(@raw) AND ${NAME_LOWER} < lower(@raw) || @top)`);
    }
    const filter = where.join(' AND ');
    const direction = query.direction === -1 ? 'DESC' : 'ASC';
    const rows = this.statement(
      `SELECT doc FROM users WHERE ${filter} ORDER BY ${ORDER[query.sort](direction)} LIMIT @limit OFFSET @offset`,
    ).all({ ...params, limit: query.count, offset: query.offset }) as Array<{ doc: string }>;
    const users = rows.map((row) => JSON.parse(row.doc) as UserDoc);
    if (!query.withTotal) return { users, total: users.length };
    const { n } = this.statement(`SELECT count(*) AS n FROM users WHERE ${filter}`).get(params) as {
      n: number;
    };
    return { users, total: n };
  }

  /** UserSearchQuery.firstMatches: two index walks in key order, each stopping at `count`. */
  private firstMatches(query: UserSearchQuery): UserPage {
    const where = [
      "json_extract(doc, '$.active') = 1",
      'username IS NOT NULL',
      'username NOT IN (SELECT value FROM json_each(@excluded))',
    ];
    if (query.localOnly) where.push("coalesce(json_extract(doc, '$.federated'), 0) <> 1");
    const filter = where.join(' AND ');
    const lower = query.prefix.toLowerCase();
    const params = {
      excluded: JSON.stringify(query.excludeUsernames ?? []),
      lo: lower,
      hi: lower + TOP,
      raw: query.prefix,
      top: TOP,
      limit: query.count,
    };
    const byUsername = this.statement(
      `SELECT doc FROM users WHERE username_lower >= @lo AND username_lower < @hi AND ${filter}
       ORDER BY username_lower LIMIT @limit`,
    ).all(params) as Array<{ doc: string }>;
    const rows = [...byUsername];
    if (rows.length < query.count && query.prefix !== '') {
      const byName = this.statement(
        `SELECT doc FROM users WHERE ${NAME_LOWER} >= lower(@raw) AND ${NAME_LOWER} < lower(@raw) || @top
         AND ${filter} ORDER BY ${NAME_LOWER} LIMIT @limit`,
      ).all(params) as Array<{ doc: string }>;
      rows.push(...byName);
    }
    const users = uniqueById(rows.map((row) => JSON.parse(row.doc) as UserDoc)).slice(0, query.count);
    return { users, total: users.length };
  }

  /** The search statements come in a few shapes (sort × prefix × localOnly): each is prepared once. */
  private statement(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  async searchPublicRooms(prefix: string, limit: number): Promise<RoomDoc[]> {
    const rows = this.publicRooms.all({ lo: prefix, hi: prefix + TOP, limit }) as Array<{ doc: string }>;
    return rows.map((row) => JSON.parse(row.doc) as RoomDoc);
  }
}
