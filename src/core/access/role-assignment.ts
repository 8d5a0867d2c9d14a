// roles.addUserToRole / roles.removeUserFromRole: Rocket.Chat's checks, texts and scopes of role grants.
import type { Context } from '../context.js';
import type { RoleDoc, UserDoc } from '../documents.js';
import { forbidden } from '../../errors.js';
import { accessErrors } from './access-errors.js';
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

async function assertMayAssignRoles(context: Context, caller: Caller): Promise<void> {
  if (!(await context.permissions.has(caller.user.roles, 'assign-roles'))) throw forbidden();
}

const noRoleGiven = (input: RoleGrantInput) => !input.roleId && !input.roleName;

export async function addUserToRole(
  context: Context,
  caller: Caller,
  input: RoleGrantInput,
): Promise<RoleDoc> {
  const { store } = context;
  await assertMayAssignRoles(context, caller);
  const user =
    input.username.trim() === '' ? null : await store.users.findByUsernameInsensitive(input.username);
  if (!user) throw roomErrors.userNotFound();
  if (noRoleGiven(input)) throw accessErrors.roleNotGiven();
  const role = await findRole(store, input);
  if (!role) throw accessErrors.roleNotFound();

  if (role.scope === 'Subscriptions') {
    const roomId = input.roomId ?? '';
    if (roomId === '') throw accessErrors.invalidArguments();
    const subscription = await store.subscriptions.find(roomId, user._id);
    if (!subscription) throw accessErrors.userNotInGivenRoom();
    if ((subscription.roles ?? []).includes(role._id)) throw alreadyInRole();
    await store.subscriptions.update(roomId, user._id, (current) => ({
      ...current,
      roles: [...new Set([...(current.roles ?? []), role._id])],
    }));
    return role;
  }
  if (rolesOf(user).includes(role._id)) throw alreadyInRole();
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
  await assertMayAssignRoles(context, caller);
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
