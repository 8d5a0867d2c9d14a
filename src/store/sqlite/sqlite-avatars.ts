// store.avatars in SQLite: a user's uploaded image, stored next to the user in the transaction that writes them.
import type { Database, Statement } from 'better-sqlite3';
import type { UserDoc } from '../../core/documents.js';
import type { AvatarsPort, StoredAvatar } from '../../core/store.js';
import type { SqliteUsers } from './sqlite-users.js';
import type { SqliteWriter } from './sqlite-writer.js';

type AvatarRow = { content_type: string; etag: string; uploaded_at: string; data: Buffer };

export class SqliteAvatars implements AvatarsPort {
  private readonly avatarOf: Statement<[string]>;
  private readonly upsertAvatar: Statement<[string, string, string, string, Buffer]>;
  private readonly deleteAvatar: Statement<[string]>;

  constructor(
    db: Database,
    private readonly writer: SqliteWriter,
    private readonly users: () => SqliteUsers,
  ) {
    this.avatarOf = db.prepare(
      'SELECT content_type, etag, uploaded_at, data FROM user_avatars WHERE user_id = ?',
    );
    this.upsertAvatar = db.prepare(
      `INSERT INTO user_avatars (user_id, content_type, etag, uploaded_at, data) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (user_id) DO UPDATE SET content_type = excluded.content_type, etag = excluded.etag,
       uploaded_at = excluded.uploaded_at, data = excluded.data`,
    );
    this.deleteAvatar = db.prepare('DELETE FROM user_avatars WHERE user_id = ?');
  }

  async write(
    userId: string,
    avatar: Omit<StoredAvatar, 'userId'> | null,
    change: (user: UserDoc) => UserDoc,
  ): Promise<UserDoc | null> {
    const users = this.users();
    return this.writer.write('users', () => {
      const current = users.findByIdSync(userId);
      if (!current) return null;
      const next = { ...change(current), _id: userId };
      users.replace(next);
      if (avatar === null) this.deleteAvatar.run(userId);
      else this.upsertAvatar.run(userId, avatar.contentType, avatar.etag, avatar.uploadedAt, avatar.data);
      return next;
    });
  }

  async find(userId: string): Promise<StoredAvatar | null> {
    const row = this.avatarOf.get(userId) as AvatarRow | undefined;
    return row
      ? {
          userId,
          contentType: row.content_type,
          etag: row.etag,
          uploadedAt: row.uploaded_at,
          data: row.data,
        }
      : null;
  }

  /** Run when a user is deleted, in that transaction. */
  deleteOfUser(userId: string): void {
    this.deleteAvatar.run(userId);
  }
}
