// roles.list, roles.addUserToRole, roles.removeUserFromRole (compat.md §3).
import type { FastifyInstance } from 'fastify';
import type { Context } from '../../core/context.js';
import { addUserToRole, removeUserFromRole, type RoleGrantInput } from '../../core/role-assignment.js';
import { callerOf } from '../authenticate.js';
import { success } from '../envelope.js';
import { paramsChecker } from '../params-schema.js';

const string = { type: 'string' };

/** `isRoleAddUserToRoleProps` / `isRoleRemoveUserFromRoleProps`, plus the older `roleName`. */
const checkRoleGrant = paramsChecker<RoleGrantInput>({
  type: 'object',
  properties: { username: string, roleId: string, roleName: string, roomId: string, scope: string },
  required: ['username'],
  additionalProperties: false,
});

export function rolesRoutes(app: FastifyInstance, context: Context): void {
  // Rocket.Chat projects `_updatedAt` away here (but not in the role returned by add/remove).
  app.get('/api/v1/roles.list', async () => {
    const roles = (await context.store.listRoles()).map(({ _updatedAt: _ignored, ...role }) => role);
    return success({ roles });
  });

  app.post('/api/v1/roles.addUserToRole', async (request) =>
    success({ role: await addUserToRole(context, callerOf(request), checkRoleGrant(request.body)) }),
  );

  app.post('/api/v1/roles.removeUserFromRole', async (request) =>
    success({ role: await removeUserFromRole(context, callerOf(request), checkRoleGrant(request.body)) }),
  );
}
