// roles.list, roles.addUserToRole, roles.removeUserFromRole (compat.md §3); the role administration in role-admin.ts.
import type { FastifyInstance } from 'fastify';
import { listRoles } from '../../core/access/role-admin.js';
import type { Context } from '../../core/context.js';
import { addUserToRole, removeUserFromRole, type RoleGrantInput } from '../../core/access/role-assignment.js';
import { callerOf } from '../authenticate.js';
import { success } from '../envelope.js';
import { paramsChecker } from '../params-schema.js';
import { documentedOnly, responses } from '../route-docs.js';
import { roleAdminRoutes } from './role-admin.js';

const string = { type: 'string' };

/** `isRoleAddUserToRoleProps` / `isRoleRemoveUserFromRoleProps`, plus the older `roleName`. */
const checkRoleGrant = paramsChecker<RoleGrantInput>({
  type: 'object',
  properties: { username: string, roleId: string, roleName: string, roomId: string, scope: string },
  required: ['username'],
  additionalProperties: false,
});

const ROLE_EXAMPLE = { _id: 'admin', name: 'admin', scope: 'Users', protected: true, mandatory2fa: false };

function grantRoute(summary: string, description: string) {
  return {
    schema: {
      summary,
      description,
      tags: ['Roles'],
      body: checkRoleGrant.schema,
      response: responses(description, { role: ROLE_EXAMPLE, success: true }, [400, 403]),
    },
    validatorCompiler: documentedOnly,
  };
}

export function rolesRoutes(app: FastifyInstance, context: Context): void {
  // Rocket.Chat projects `_updatedAt` away here (but not in the role returned by add/remove).
  const listSchema = {
    summary: 'roles.list',
    tags: ['Roles'],
    response: responses('Every role.', { roles: [ROLE_EXAMPLE], success: true }, []),
  };
  app.get('/api/v1/roles.list', { schema: listSchema }, async () => {
    const roles = (await listRoles(context)).map(({ _updatedAt: _ignored, ...role }) => role);
    return success({ roles });
  });

  const add = grantRoute('roles.addUserToRole', 'Gives a user a role (`assign-roles`).');
  app.post('/api/v1/roles.addUserToRole', add, async (request) =>
    success({ role: await addUserToRole(context, callerOf(request), checkRoleGrant(request.body)) }),
  );

  const remove = grantRoute('roles.removeUserFromRole', 'Takes a role from a user (`assign-roles`).');
  app.post('/api/v1/roles.removeUserFromRole', remove, async (request) =>
    success({ role: await removeUserFromRole(context, callerOf(request), checkRoleGrant(request.body)) }),
  );

  roleAdminRoutes(app, context);
}
