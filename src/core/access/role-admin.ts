// roles.create / roles.update / roles.delete / roles.sync: custom roles as Rocket.Chat's role administration keeps them.
import { randomBytes } from 'node:crypto';
import type { Context } from '../context.js';
import type { RoleDoc } from '../documents.js';
import type { Caller } from '../auth/sessions.js';
import { roleErrors } from './role-errors.js';

export interface RoleProps {
  name: string;
  description?: string | null;
  scope?: 'Users' | 'Subscriptions' | null;
  mandatory2fa?: boolean | null;
}

export interface RoleUpdateProps extends RoleProps {
  roleId: string;
}

async function assertMayAccessPermissions(context: Context, caller: Caller): Promise<void> {
  if (!(await context.permissions.has(caller.user.roles, 'access-permissions'))) {
    throw roleErrors.accessNotAllowed();
  }
}

const findByIdOrName = (roles: RoleDoc[], value: string) =>
  roles.find((role) => role._id === value || role.name === value) ?? null;

/**
 * ee/server/api/roles.ts `roles.create` and insertRoleAsync: `access-permissions`, a name no role has as its id or
 * name, `Roles.createWithRandomId` (an ObjectId-like hex `_id`, `protected: false`). Rocket.Chat requires the
 * `custom-roles` licence module; Roster has no licences and always allows it (README).
 */
export async function createRole(context: Context, caller: Caller, props: RoleProps): Promise<RoleDoc> {
  await assertMayAccessPermissions(context, caller);
  if (findByIdOrName(await context.store.roles.list(), props.name)) throw roleErrors.duplicateName();
  const role: RoleDoc = {
    _id: randomBytes(12).toString('hex'),
    _updatedAt: context.clock().toISOString(),
    name: props.name,
    scope: props.scope || 'Users',
    description: props.description || '',
    protected: false,
    mandatory2fa: props.mandatory2fa ?? false,
  };
  await context.store.roles.save(role);
  return role;
}

/**
 * `roles.update` and updateRole: the body's scope defaults to `Users` (as Rocket.Chat's handler does); a protected
 * role keeps its name and scope; another role may not have the new name. `Roles.updateById` sets name, scope,
 * description and mandatory2fa (default false) and keeps everything else, `protected` included.
 */
export async function updateRole(context: Context, caller: Caller, props: RoleUpdateProps): Promise<RoleDoc> {
  await assertMayAccessPermissions(context, caller);
  const roles = await context.store.roles.list();
  const role = roles.find((candidate) => candidate._id === props.roleId);
  if (!role) throw roleErrors.roleDoesNotExist();
  const scope = props.scope || 'Users';
  if (role.protected && (props.name !== role.name || scope !== role.scope))
    throw roleErrors.updateProtected();
  if (roles.some((other) => other.name === props.name && other._id !== role._id)) {
    throw roleErrors.duplicateName();
  }
  const updated: RoleDoc = {
    ...role,
    name: props.name,
    scope,
    description: props.description || '',
    mandatory2fa: props.mandatory2fa ?? false,
    _updatedAt: context.clock().toISOString(),
  };
  await context.store.roles.save(updated);
  return updated;
}

/**
 * `roles.delete`: by id or name; a protected role, or one any user (Users scope) or subscription (Subscriptions
 * scope) holds, stays. The role goes to the trash, where roles.sync finds it.
 */
export async function deleteRole(context: Context, roleId: string): Promise<void> {
  const role = findByIdOrName(await context.store.roles.list(), roleId);
  if (!role) throw roleErrors.roleDoesNotExist();
  if (role.protected) throw roleErrors.deleteProtected();
  const holders = await context.store.roles.listHolders({
    roleId: role._id,
    scope: role.scope === 'Subscriptions' ? 'Subscriptions' : 'Users',
    offset: 0,
    count: 0,
  });
  if (holders.total > 0) throw roleErrors.inUse();
  await context.store.roles.delete(role._id, context.clock().toISOString());
}

/**
 * `roles.sync`: roles changed at or after `updatedSince` (`$gte`) and roles deleted after it; without it, since
 * 1970. A role whose change time no Roster recorded (a database from before roles had `_updatedAt`) counts as
 * changed in 1970.
 */
export async function syncRoles(
  context: Context,
  updatedSince: string | undefined,
): Promise<{ update: RoleDoc[]; remove: RoleDoc[] }> {
  const since = updatedSince ? Date.parse(updatedSince) : 0;
  if (Number.isNaN(since)) throw roleErrors.invalidUpdatedSince();
  const changedAt = (role: RoleDoc) =>
    typeof role._updatedAt === 'string' ? Date.parse(role._updatedAt) : 0;
  const update = (await context.store.roles.list()).filter((role) => changedAt(role) >= since);
  const remove = await context.store.roles.listDeletedAfter(new Date(since).toISOString());
  return { update, remove };
}

/** roles.list: every role document. */
export function listRoles(context: Context): Promise<RoleDoc[]> {
  return context.store.roles.list();
}
