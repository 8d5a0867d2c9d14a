// Translates pg errors into the domain's errors: unique violations → ConflictError, lost connections → 503.
import { ConflictError, RosterError, StoreUnavailableError, unstorableText } from '../../errors.js';

/** Unique constraints and indexes of postgres-schema.ts, by name, to the field ConflictError reports. */
const CONFLICT_BY_CONSTRAINT: Readonly<Record<string, ConflictError['field']>> = {
  users_pkey: 'id',
  users_username_key: 'username',
  users_username_lower_key: 'username',
  tokens_pat_name: 'tokenName',
  users_free_switch_extension_key: 'freeSwitchExtension',
  user_emails_pkey: 'email',
  rooms_pkey: 'id',
  rooms_channel_name: 'roomName',
  subscriptions_pkey: 'id',
  subscriptions_rid_user_id_key: 'subscription',
  tokens_pkey: 'token',
};

/** Node socket errors that mean the server could not be reached or the connection dropped. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

/**
 * SQLSTATEs of an unusable server or session: class 08 (connection exception), admin/crash shutdown and
 * "cannot connect now" (57P01–57P03), too many connections (53300).
 */
function isUnavailableState(code: string): boolean {
  return code.startsWith('08') || /^57P0[1-3]$/.test(code) || code === '53300';
}

/** pg's own messages for a connection that ended or never came (they carry no code). */
const CONNECTION_MESSAGES =
  /Connection terminated|connection error|timeout exceeded when trying to connect|Client was closed|not queryable|Cannot use a pool after calling end/i;

/** The domain error `error` stands for, or null when it is not a database condition the domain knows. */
export function translatePgError(error: unknown): Error | null {
  if (
    error instanceof ConflictError ||
    error instanceof StoreUnavailableError ||
    error instanceof RosterError
  ) {
    return error;
  }
  if (!(error instanceof Error)) return null;
  const code = 'code' in error ? String((error as { code: unknown }).code) : '';
  if (code === '23505') {
    const constraint = (error as { constraint?: string }).constraint ?? '';
    return new ConflictError(CONFLICT_BY_CONSTRAINT[constraint] ?? 'id');
  }
  // untranslatable_character / character_not_in_repertoire: a NUL in json or text (security F12).
  if (code === '22P05' || code === '22021') return unstorableText();
  if (NETWORK_CODES.has(code) || isUnavailableState(code) || CONNECTION_MESSAGES.test(error.message)) {
    return new StoreUnavailableError(error);
  }
  return null;
}

/** Runs `operation`, rethrowing driver errors as domain errors; anything else passes through unchanged. */
export async function translated<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    throw translatePgError(error) ?? error;
  }
}
