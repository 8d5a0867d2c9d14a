// Rocket.Chat's route option `permissionsRequired`: the caller holds the permission, or 403 [error-unauthorized].
import type { Context } from '../context.js';
import type { Caller } from '../auth/sessions.js';
import { forbidden } from '../../errors.js';
import type { PermissionId } from '../setup/defaults.js';

export async function requirePermission(
  context: Context,
  caller: Caller,
  permission: PermissionId,
): Promise<void> {
  if (!(await context.permissions.has(caller.user.roles, permission))) throw forbidden();
}
