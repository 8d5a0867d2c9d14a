// permissions.listAll / permissions.update: the permission documents and Rocket.Chat's checks on changing them.
import type { Context } from '../context.js';
import type { PermissionDoc } from '../documents.js';
import { forbidden } from '../../errors.js';
import { accessErrors } from './access-errors.js';
import type { Caller } from '../auth/sessions.js';

/** `permissionsGetMethod`: everything, or what changed after `updatedSince` (Roster keeps no trash: `remove` is empty). */
export async function listAllPermissions(
  context: Context,
  updatedSince: string | undefined,
): Promise<{ update: PermissionDoc[]; remove: [] }> {
  const all = await context.store.permissions.list();
  if (updatedSince === undefined) return { update: all, remove: [] };
  const since = Date.parse(updatedSince);
  if (Number.isNaN(since)) {
    throw accessErrors.invalidUpdatedSince();
  }
  const update = all.filter(
    (permission) => typeof permission._updatedAt === 'string' && Date.parse(permission._updatedAt) > since,
  );
  return { update, remove: [] };
}

export interface PermissionChange {
  _id: string;
  roles: string[];
}

/** Replaces each listed permission's roles; an unknown permission or role changes nothing. */
export async function updatePermissions(
  context: Context,
  caller: Caller,
  changes: readonly PermissionChange[],
): Promise<PermissionDoc[]> {
  const { store } = context;
  if (!(await context.permissions.has(caller.user.roles, 'access-permissions'))) throw forbidden();
  const byId = new Map((await store.permissions.list()).map((permission) => [permission._id, permission]));
  if (changes.some((change) => !byId.has(change._id))) {
    throw accessErrors.invalidPermission();
  }
  const knownRoles = new Set((await store.roles.list()).map((role) => role._id));
  if (changes.some((change) => change.roles.some((role) => !knownRoles.has(role)))) {
    throw accessErrors.invalidRole();
  }
  if (changes.length > 0) {
    const now = context.clock().toISOString();
    await store.permissions.saveMany(
      changes.map((change) => ({
        ...byId.get(change._id),
        _id: change._id,
        roles: [...change.roles],
        _updatedAt: now,
      })),
    );
  }
  return store.permissions.list();
}
