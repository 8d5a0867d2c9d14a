// roles.getUsersInRole, roles.sync, roles.create, roles.update, roles.delete (Rocket.Chat 8.5 roles.ts, ee roles.ts).
import type { FastifyInstance } from 'fastify';
import type { Context } from '../../core/context.js';
import { createRole, deleteRole, syncRoles, updateRole } from '../../core/access/role-admin.js';
import { roleErrors } from '../../core/access/role-errors.js';
import { listUsersInRole } from '../../core/access/role-holders.js';
import { requirePermission } from '../../core/access/permission-required.js';
import { callerOf } from '../authenticate.js';
import { success } from '../envelope.js';
import { responses } from '../route-docs.js';
import { checker, IN_HANDLER, type Checker } from '../validation.js';
import {
  ROLES_CREATE_BODY,
  ROLES_DELETE_BODY,
  ROLES_GET_USERS_IN_ROLE_QUERY,
  ROLES_SYNC_QUERY,
  ROLES_UPDATE_BODY,
} from '../../api/roles.js';

// Rocket.Chat's roles.ts: typed `query` (getUsersInRole, sync) and `body` (delete); ee create/update check the
// body in the handler (legacy, remapped below). Phase in-handler for all, as before.
const checkUsersInRole = checker(ROLES_GET_USERS_IN_ROLE_QUERY, 'typed-query');
const checkRolesSync = checker(ROLES_SYNC_QUERY, 'typed-query');
const checkRoleDelete = checker(ROLES_DELETE_BODY, 'typed');
const checkRoleCreate = checker(ROLES_CREATE_BODY, 'legacy');
const checkRoleUpdate = checker(ROLES_UPDATE_BODY, 'legacy');

const CUSTOM_ROLE = {
  _id: '6571a0f4c2b1e3d4a5f60718',
  _updatedAt: '2026-01-05T10:00:00.000Z',
  name: 'auditor',
  scope: 'Users',
  description: 'Reads the audit log',
  protected: false,
  mandatory2fa: false,
};

const HOLDER = {
  _id: 'aobEdbYhXfu5hkeqG',
  createdAt: '2026-01-05T10:00:00.000Z',
  username: 'jdoe',
  emails: [{ address: 'jdoe@example.org', verified: true }],
  name: 'Jane Doe',
  _updatedAt: '2026-01-05T10:00:00.000Z',
};

/** ee roles.ts checks the body inside the handler and answers any failure with one text. */
function checkedRoleProps<T>(check: Checker<T>, body: unknown): T {
  try {
    return check(body);
  } catch {
    throw roleErrors.invalidProperties();
  }
}

function route(summary: string, description: string, example: object, extra: object, errors = [400, 403]) {
  return {
    schema: {
      summary,
      description,
      tags: ['Roles'],
      ...extra,
      response: responses(description, { ...example, success: true }, errors as Array<400 | 403>),
    },
    ...IN_HANDLER,
  };
}

export function roleAdminRoutes(app: FastifyInstance, context: Context): void {
  const holders = route(
    'roles.getUsersInRole',
    'A page of the users holding a role, by role `_id` (`access-permissions`; with `roomId`, a room role in that room, also `view-other-user-channels`).',
    { users: [HOLDER], total: 1 },
    { querystring: checkUsersInRole.schema },
  );
  app.get('/api/v1/roles.getUsersInRole', holders, async (request) => {
    const caller = callerOf(request);
    await requirePermission(context, caller, 'access-permissions');
    return success(await listUsersInRole(context, caller, checkUsersInRole(request.query)));
  });

  const sync = route(
    'roles.sync',
    'Roles changed at or after `updatedSince` (ISO date; all without it) and roles deleted after it.',
    { roles: { update: [CUSTOM_ROLE], remove: [] } },
    { querystring: checkRolesSync.schema },
    [400],
  );
  app.get('/api/v1/roles.sync', sync, async (request) =>
    success({ roles: await syncRoles(context, checkRolesSync(request.query).updatedSince) }),
  );

  const create = route(
    'roles.create',
    'Creates a custom role (`access-permissions`); scope `Users` (default) or `Subscriptions`.',
    { role: CUSTOM_ROLE },
    { body: checkRoleCreate.schema },
    [400],
  );
  app.post('/api/v1/roles.create', create, async (request) =>
    success({
      role: await createRole(context, callerOf(request), checkedRoleProps(checkRoleCreate, request.body)),
    }),
  );

  const update = route(
    'roles.update',
    "Changes a role's name, scope, description and mandatory2fa (`access-permissions`); a protected role keeps its name and scope.",
    { role: CUSTOM_ROLE },
    { body: checkRoleUpdate.schema },
    [400],
  );
  app.post('/api/v1/roles.update', update, async (request) =>
    success({
      role: await updateRole(context, callerOf(request), checkedRoleProps(checkRoleUpdate, request.body)),
    }),
  );

  const remove = route(
    'roles.delete',
    'Deletes a custom role by id or name (`access-permissions`) that no user or subscription holds.',
    {},
    { body: checkRoleDelete.schema },
  );
  app.post('/api/v1/roles.delete', remove, async (request) => {
    await requirePermission(context, callerOf(request), 'access-permissions');
    await deleteRole(context, checkRoleDelete(request.body).roleId);
    return success({});
  });
}
