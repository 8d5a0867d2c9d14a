// users.setStatus / getStatus / getPresence / presence: Rocket.Chat's route handlers (users.ts), its setStatusText
// and the presence service's processStatus rule for a user without connections (Roster has none).
import type { Context } from '../context.js';
import type { UserDoc } from '../documents.js';
import type { Caller } from '../auth/sessions.js';
import { forbidden } from '../../errors.js';
import { knownValue } from '../settings/known-value.js';
import { profileErrors } from './profile-errors.js';
import { userFromParams, type UserParams } from './user-delete.js';

export type UserStatus = 'online' | 'away' | 'offline' | 'busy';
const VALID_STATUS: readonly string[] = ['online', 'away', 'offline', 'busy'];

/** helpers/isUserFromParams: no user param, or one naming the caller. */
export function isUserFromParams(params: UserParams, caller: UserDoc): boolean {
  return Boolean(
    (!params.userId && !params.username && !params.user) ||
    (params.userId && params.userId === caller._id) ||
    (params.username && params.username === caller.username) ||
    (params.user && params.user === caller.username),
  );
}

/**
 * ee/packages/presence processStatus(statusConnection, statusDefault): offline without a connection, the
 * connection's status when the default is online, else the default. Roster holds no realtime connections, so
 * processPresenceAndStatus over an empty session list gives statusConnection `offline` for everyone.
 */
export function processStatus(statusConnection: UserStatus, statusDefault: UserStatus): UserStatus {
  if (statusConnection === 'offline') return statusConnection;
  if (statusDefault === 'online') return statusConnection;
  return statusDefault;
}

export interface SetStatusInput extends UserParams {
  status?: string | null;
  message?: string | null;
}

/** The target of users.setStatus: the caller, or another user for edit-other-user-info holders. */
async function statusTarget(context: Context, caller: Caller, input: SetStatusInput): Promise<UserDoc> {
  if (isUserFromParams(input, caller.user)) {
    const user = await context.store.users.findById(caller.user._id);
    if (user) return user;
  } else if (await context.permissions.has(caller.user.roles, 'edit-other-user-info')) {
    return userFromParams(context.store, input);
  }
  // `API.v1.unauthorized()` in the 8.5 route: Rocket.Chat's 403.
  throw forbidden();
}

/**
 * users.setStatus, in Rocket.Chat's order: the Match check, `Accounts_AllowUserStatusMessageChange`, the target,
 * then `message` (setStatusText: trimmed, at most 120 characters) and `status` (valid values,
 * `Accounts_AllowInvisibleStatusOption` for offline) written together. The status becomes `statusDefault`;
 * `status` and `statusConnection` follow processStatus for a user without connections. One write: a refused
 * status leaves the message unchanged too (Rocket.Chat writes the message first).
 */
export async function setStatus(context: Context, caller: Caller, input: SetStatusInput): Promise<void> {
  const hasStatus = typeof input.status === 'string';
  const hasMessage = typeof input.message === 'string';
  const maybe = (value: unknown) => value === undefined || value === null || typeof value === 'string';
  if (!((maybe(input.status) && hasMessage) || (hasStatus && maybe(input.message)))) {
    throw profileErrors.statusMatchFailed();
  }
  const settings = await context.settings.current();
  if (!knownValue(settings, 'Accounts_AllowUserStatusMessageChange'))
    throw profileErrors.statusChangeNotAllowed();
  const target = await statusTarget(context, caller, input);
  const status = input.status ? input.status : undefined;
  if (status !== undefined) {
    if (!VALID_STATUS.includes(status)) throw profileErrors.invalidStatus();
    if (status === 'offline' && !knownValue(settings, 'Accounts_AllowInvisibleStatusOption')) {
      throw profileErrors.invisibleDisabled();
    }
  }
  const message = typeof input.message === 'string' ? input.message.trim().slice(0, 120) : undefined;
  if (message === undefined && status === undefined) return;
  const now = context.clock().toISOString();
  const written = await context.store.users.update(target._id, (user) => {
    const next: UserDoc = { ...user, _updatedAt: now };
    if (message !== undefined) next.statusText = message;
    if (status !== undefined) {
      next.statusDefault = status;
      next.statusConnection = 'offline';
      next.status = processStatus('offline', status as UserStatus);
    }
    return next;
  });
  if (!written) throw profileErrors.userNotFound();
}

const statusOf = (value: unknown): string => (typeof value === 'string' && value !== '' ? value : 'offline');

/** users.getStatus: `{_id, connectionStatus, status}` for the caller, `{_id, status}` for another user. */
export async function getStatus(context: Context, caller: Caller, params: UserParams) {
  if (isUserFromParams(params, caller.user)) {
    const user = await context.store.users.findById(caller.user._id);
    return {
      _id: user?._id,
      connectionStatus: statusOf(user?.statusConnection),
      status: statusOf(user?.status),
    };
  }
  const user = await userFromParams(context.store, params);
  return { _id: user._id, status: statusOf(user.status) };
}

/** users.getPresence: `{presence, connectionStatus, lastLogin?}` for the caller, `{presence}` for another user. */
export async function getPresence(context: Context, caller: Caller, params: UserParams) {
  if (isUserFromParams(params, caller.user)) {
    const user = await context.store.users.findById(caller.user._id);
    return {
      presence: statusOf(user?.status),
      connectionStatus: statusOf(user?.statusConnection),
      ...(user?.lastLogin ? { lastLogin: user.lastLogin } : {}),
    };
  }
  const user = await userFromParams(context.store, params);
  return { presence: statusOf(user.status) };
}
