// Translates better-sqlite3 constraint errors into the domain's ConflictError; nothing driver-shaped escapes.
import { ConflictError } from '../../errors.js';

const CONFLICT_BY_COLUMN: ReadonlyArray<readonly [string, ConflictError['field']]> = [
  ['users.username', 'username'],
  ['users.free_switch_extension', 'freeSwitchExtension'],
  ['user_emails.address', 'email'],
  ['users.id', 'id'],
  ['rooms.name', 'roomName'],
  ['rooms.id', 'id'],
  ['subscriptions.rid', 'subscription'],
  ['subscriptions.id', 'id'],
  ['tokens.hashed_token', 'token'],
  ['tokens.user_id', 'tokenName'],
];

/** Runs `write`, rethrowing a UNIQUE/PRIMARY KEY violation as ConflictError naming the field. */
export function translateConflicts<T>(write: () => T): T {
  try {
    return write();
  } catch (error) {
    throw asConflict(error) ?? error;
  }
}

function asConflict(error: unknown): ConflictError | null {
  if (!(error instanceof Error) || !('code' in error)) return null;
  const code = String((error as { code: unknown }).code);
  if (code !== 'SQLITE_CONSTRAINT_UNIQUE' && code !== 'SQLITE_CONSTRAINT_PRIMARYKEY') return null;
  const match = CONFLICT_BY_COLUMN.find(([column]) => error.message.includes(column));
  return new ConflictError(match ? match[1] : 'id');
}
