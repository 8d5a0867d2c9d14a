// roles.addUserToRole / roles.removeUserFromRole: Rocket.Chat's checks, texts and scopes of role grants.
import type { Context } from '../context.js';
import type { RoleDoc, UserDoc } from '../documents.js';
import { forbidden } from '../../errors.js';
import { accessErrors } from './access-errors.js';
import { permissionErrors } from './permission-errors.js';
import { roomErrors } from '../rooms/room-errors.js';
import { assertNotLastAdminRole } from '../users/last-admin.js';
import type { Caller } from '../auth/sessions.js';
import type { Store } from '../store.js';
import { rolesOf } from '../users/user-keys.js';

export interface RoleGrantInput {
  username: string;
  /** Rocket.Chat 8.x names the role by id; `roleName` is the older form, still sent by some scripts. */
  roleId?: string;
  roleName?: string;
  roomId?: string;
  /** removeUserFromRole names the room of a Subscriptions-scoped role `scope`. */
  scope?: string;
}

/**
 * `validateUserData`: every role given to a user must exist. Rocket.Chat checks existence only, so a room-scoped
 * role (`owner`, `moderator`, `leader`, scope `Subscriptions`) can become a global role there and then acts in
 * every room (security review F13). Roster accepts only `Users`-scoped roles as a user's global roles and answers
 * a room role with the same "invalid role id" error (README, "Differences from Rocket.Chat"); room roles are
 * granted per room with roles.addUserToRole and a roomId.
 */
export async function assertRolesExist(store: Store, roles: readonly string[]): Promise<void> {
  const known = new Set(
    (await store.roles.list()).filter((role) => role.scope !== 'Subscriptions').map((role) => role._id),
  );
  if (roles.some((role) => !known.has(role))) {
    throw accessErrors.invalidRoleId();
  }
}

async function findRole(store: Store, input: RoleGrantInput): Promise<RoleDoc | null> {
  const roles = await store.roles.list();
  if (input.roleId) return roles.find((role) => role._id === input.roleId) ?? null;
  return roles.find((role) => role.name === input.roleName) ?? null;
}

const noRoleGiven = (input: RoleGrantInput) => !input.roleId && !input.roleName;

/**
 * roles.addUserToRole (app/api/server/v1/roles.ts): the user, the role and "already in role" are checked by the
 * route, then the addUserToRole function checks access-permissions (400 "Accessing permissions is not allowed")
 * and, for the admin role, assign-admin-role, before the room of a room role.
 */
export async function addUserToRole(
  context: Context,
  caller: Caller,
  input: RoleGrantInput,
): Promise<RoleDoc> {
  const { store } = context;
  const user =
    input.username.trim() === '' ? null : await store.users.findByUsernameInsensitive(input.username);
  if (!user) throw roomErrors.userNotFound();
  if (noRoleGiven(input)) throw accessErrors.roleNotGiven();
  const role = await findRole(store, input);
  if (!role) throw accessErrors.roleNotFound();
  const roomId = input.roomId ?? '';
  const roomRole = role.scope === 'Subscriptions';
  const subscription = roomRole && roomId !== '' ? await store.subscriptions.find(roomId, user._id) : null;
  // hasRoleAsync(user, role, roomId)
  const holds = roomRole ? (subscription?.roles ?? []).includes(role._id) : rolesOf(user).includes(role._id);
  if (holds) throw alreadyInRole();
  const roles = caller.user.roles;
  if (!(await context.permissions.has(roles, 'access-permissions')))
    throw permissionErrors.accessingPermissions();
  if (role._id === 'admin' && !(await context.permissions.has(roles, 'assign-admin-role'))) {
    throw permissionErrors.assigningAdmin('authorization:addUserToRole');
  }

  if (roomRole) {
    if (roomId === '') throw accessErrors.invalidArguments();
    if (!subscription) throw accessErrors.userNotInGivenRoom();
    await store.subscriptions.update(roomId, user._id, (current) => ({
      ...current,
      roles: [...new Set([...(current.roles ?? []), role._id])],
    }));
    return role;
  }
  await store.users.update(user._id, (current) =>
    withRoles(current, [...rolesOf(current), role._id], context.clock()),
  );
  return role;
}

export async function removeUserFromRole(
  context: Context,
  caller: Caller,
  input: RoleGrantInput,
): Promise<RoleDoc> {
  const { store } = context;
  // `permissionsRequired: ['access-permissions']` on the route: its 403.
  if (!(await context.permissions.has(caller.user.roles, 'access-permissions'))) throw forbidden();
  if (noRoleGiven(input)) throw accessErrors.roleNotGiven();
  const user = await store.users.findByUsername(input.username);
  if (!user) throw accessErrors.noUserWithUsername();
  const role = await findRole(store, input);
  if (!role) throw accessErrors.roleDoesNotExist();

  if (role.scope === 'Subscriptions') {
    const roomId = input.scope ?? input.roomId ?? '';
    const subscription = roomId === '' ? null : await store.subscriptions.find(roomId, user._id);
    if (!subscription || !(subscription.roles ?? []).includes(role._id)) throw notInRole();
    await store.subscriptions.update(roomId, user._id, (current) => ({
      ...current,
      roles: (current.roles ?? []).filter((name) => name !== role._id),
    }));
    return role;
  }
  if (!rolesOf(user).includes(role._id)) throw notInRole();
  await assertNotLastAdminRole(store, role._id);
  await store.users.update(user._id, (current) =>
    withRoles(
      current,
      rolesOf(current).filter((name) => name !== role._id),
      context.clock(),
    ),
  );
  return role;
}

function withRoles(user: UserDoc, roles: string[], now: Date): UserDoc {
  return { ...user, roles: [...new Set(roles)], _updatedAt: now.toISOString() };
}

const alreadyInRole = accessErrors.alreadyInRole;
const notInRole = accessErrors.notInRole;
