// Rocket.Chat's rules that keep at least one (active) admin in the workspace.
import type { UserDoc } from '../documents.js';
import type { Store } from '../store.js';
import { userErrors } from './user-errors.js';
import { rolesOf } from './user-keys.js';

const isAdmin = (user: UserDoc) => rolesOf(user).includes('admin');

async function countActiveAdmins(store: Store): Promise<number> {
  const page = await store.users.list({ offset: 0, count: 1, sort: [], roles: ['admin'], active: true });
  return page.total;
}

/** `setUserActiveStatus`: deactivating (or un-admining) the only active admin is refused. */
export async function assertNotLastActiveAdmin(store: Store, user: UserDoc): Promise<void> {
  if (!isAdmin(user) || user.active === false) return;
  if ((await countActiveAdmins(store)) <= 1) {
    throw userErrors.lastActiveAdmin();
  }
}

/** `deleteUser`: deleting the only admin (active or not) is refused. */
export async function assertNotLastAdminDeleted(store: Store, user: UserDoc): Promise<void> {
  if (!isAdmin(user)) return;
  if ((await store.users.countWithRole('admin')) <= 1) {
    throw userErrors.lastAdminDeleted();
  }
}

/** REST `roles.removeUserFromRole`: removing the admin role from the only admin is refused. */
export async function assertNotLastAdminRole(store: Store, role: string): Promise<void> {
  if (role !== 'admin') return;
  if ((await store.users.countWithRole('admin')) <= 1) {
    throw userErrors.adminRequired();
  }
}
