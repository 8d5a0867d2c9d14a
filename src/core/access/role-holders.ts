// roles.getUsersInRole: a page of the users holding a role, with Rocket.Chat's checks and projection.
import type { Context } from '../context.js';
import type { RoleDoc, UserDoc } from '../documents.js';
import type { Caller } from '../auth/sessions.js';
import { pagination } from '../users/user-list.js';
import { roleErrors } from './role-errors.js';

export interface UsersInRoleParams {
  role: string;
  roomId?: string;
  count?: number;
  offset?: number;
}

/** roles.ts `roles.getUsersInRole`'s projection (`_id` is always kept). */
const HOLDER_FIELDS = new Set(['_id', 'name', 'username', 'emails', 'avatarETag', 'createdAt', '_updatedAt']);

/**
 * Rocket.Chat 8.5 `roles.getUsersInRole`: `access-permissions` (checked by the route), then an empty role, then
 * `view-other-user-channels` for a roomId, then the role by `_id` only (lookup by name was removed in 7.0).
 * `getUsersInRolePaginated`: a `Subscriptions` role's holders are the members whose subscription (in roomId, or
 * in any room without one) lists it; sorted by username.
 */
export async function listUsersInRole(
  context: Context,
  caller: Caller,
  params: UsersInRoleParams,
): Promise<{ users: Record<string, unknown>[]; total: number }> {
  const { offset, count } = pagination({
    offset: numberText(params.offset),
    count: numberText(params.count),
  });
  if (params.role === '') throw roleErrors.roleParamMissing();
  const roomId = params.roomId === '' ? undefined : params.roomId;
  if (
    roomId !== undefined &&
    !(await context.permissions.has(caller.user.roles, 'view-other-user-channels'))
  ) {
    throw roleErrors.notAllowed();
  }
  const role = await findRoleById(context, params.role);
  if (!role) throw roleErrors.unknownRoleId();
  const page = await context.store.roles.listHolders({
    roleId: role._id,
    scope: role.scope === 'Subscriptions' ? 'Subscriptions' : 'Users',
    ...(role.scope === 'Subscriptions' && roomId !== undefined ? { roomId } : {}),
    offset,
    count,
  });
  return { users: page.users.map(holderView), total: page.total };
}

export async function findRoleById(context: Context, id: string): Promise<RoleDoc | null> {
  return (await context.store.roles.list()).find((role) => role._id === id) ?? null;
}

/** MongoDB projects in the document's own field order. */
function holderView(user: UserDoc): Record<string, unknown> {
  return Object.fromEntries(Object.entries(user).filter(([field]) => HOLDER_FIELDS.has(field)));
}

const numberText = (value: number | undefined) => (value === undefined ? undefined : String(value));
