// Seeding and import writes for SQLite: many documents in one transaction, each one counted by outcome.
import type { Database, Statement } from 'better-sqlite3';
import { ConflictError } from '../../errors.js';
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
import type { SqliteRooms } from './sqlite-rooms.js';
import type { SqliteTokens } from './sqlite-tokens.js';
import type { SqliteUsers } from './sqlite-users.js';
import { translateConflicts } from './sqlite-errors.js';

type Outcome = keyof BulkCount;

export interface BulkTables {
  users: SqliteUsers;
  tokens: SqliteTokens;
  rooms: SqliteRooms;
  roles: SqliteDocumentTable<RoleDoc>;
  permissions: SqliteDocumentTable<PermissionDoc>;
  settings: SqliteDocumentTable<SettingDoc>;
}

export class SqliteBulkWriter {
  private readonly userDoc: Statement<[string]>;
  private readonly roomDoc: Statement<[string]>;
  private readonly subscriptionDoc: Statement<[string]>;
  private readonly tokenDoc: Statement<[string]>;
  private readonly deleteSubscriptionById: Statement<[string]>;

  constructor(
    private readonly db: Database,
    private readonly tables: BulkTables,
  ) {
    this.userDoc = db.prepare('SELECT doc FROM users WHERE id = ?');
    this.roomDoc = db.prepare('SELECT doc FROM rooms WHERE id = ?');
    this.subscriptionDoc = db.prepare('SELECT doc FROM subscriptions WHERE id = ?');
    this.tokenDoc = db.prepare('SELECT doc FROM tokens WHERE hashed_token = ?');
    this.deleteSubscriptionById = db.prepare('DELETE FROM subscriptions WHERE id = ?');
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
        for (const room of batch.rooms ?? []) counts.rooms[this.writeRoom(room, replace)]++;
        for (const subscription of batch.subscriptions ?? []) {
          counts.subscriptions[this.writeSubscription(subscription, replace)]++;
        }
        for (const token of batch.tokens ?? []) counts.tokens[this.writeToken(token, replace)]++;
      })
      .immediate();
    return counts;
  }

  private writeUser(user: UserDoc, replace: boolean): Outcome {
    return this.writeOne(this.userDoc, user._id, JSON.stringify(user), replace, (exists) =>
      exists ? this.tables.users.replace(user) : this.tables.users.insert(user),
    );
  }

  private writeRoom(room: RoomDoc, replace: boolean): Outcome {
    return this.writeOne(this.roomDoc, room._id, JSON.stringify(room), replace, (exists) =>
      exists ? this.tables.rooms.replaceRoom(room) : this.tables.rooms.insertRoom(room),
    );
  }

  private writeSubscription(subscription: SubscriptionDoc, replace: boolean): Outcome {
    return this.writeOne(
      this.subscriptionDoc,
      subscription._id,
      JSON.stringify(subscription),
      replace,
      (exists) => {
        if (exists) this.deleteSubscriptionById.run(subscription._id);
        this.tables.rooms.insertSubscription(subscription);
      },
    );
  }

  private writeToken(token: StoredToken, replace: boolean): Outcome {
    return this.writeOne(this.tokenDoc, token.hashedToken, JSON.stringify(token), replace, () => {
      this.tables.tokens.insert(token, true);
    });
  }

  /** The shared decision: insert when new, replace when asked and different, skip alone on a conflict. */
  private writeOne(
    current: Statement<[string]>,
    id: string,
    json: string,
    replace: boolean,
    apply: (exists: boolean) => void,
  ): Outcome {
    const row = current.get(id) as { doc: string } | undefined;
    if (row && (!replace || row.doc === json)) return 'unchanged';
    try {
      this.db.transaction(() => translateConflicts(() => apply(row !== undefined)))();
      return row ? 'updated' : 'inserted';
    } catch (error) {
      if (error instanceof ConflictError) return 'skipped';
      throw error;
    }
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
