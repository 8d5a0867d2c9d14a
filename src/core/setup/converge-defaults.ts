// Every start: default roles, permissions and settings a database lacks are written; what an admin changed stays.
import type { Store } from '../store.js';
import { defaultPermissions, defaultRoles, defaultSettings } from './defaults.js';

/** What one start added to an existing database (empty on a database already current). */
export interface ConvergedDefaults {
  roles: string[];
  permissions: string[];
  settings: string[];
}

/**
 * Rocket.Chat's upsertPermissions / settings registry at start-up: `Permissions.create(id, roles)` inserts a
 * missing permission with its default roles and leaves an existing one as it is, and the same for roles
 * (createOrUpdateProtectedRoleAsync) and settings (a registered setting keeps its stored value).
 */
export async function convergeDefaults(store: Store, now = new Date()): Promise<ConvergedDefaults> {
  const storedRoles = new Set((await store.roles.list()).map((role) => role._id));
  const roles = defaultRoles(now).filter((role) => !storedRoles.has(role._id));
  for (const role of roles) await store.roles.save(role);

  const storedPermissions = new Set((await store.permissions.list()).map((permission) => permission._id));
  const permissions = defaultPermissions(now).filter((permission) => !storedPermissions.has(permission._id));
  if (permissions.length > 0) await store.permissions.saveMany(permissions);

  const storedSettings = new Set((await store.settings.list()).map((setting) => setting._id));
  const settings = defaultSettings().filter((setting) => !storedSettings.has(setting._id));
  for (const setting of settings) await store.settings.save(setting);

  return {
    roles: roles.map((role) => role._id),
    permissions: permissions.map((permission) => permission._id),
    settings: settings.map((setting) => setting._id),
  };
}
