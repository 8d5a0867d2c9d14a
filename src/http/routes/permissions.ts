// permissions.listAll and permissions.update (compat.md §3).
import type { FastifyInstance } from 'fastify';
import type { Context } from '../../core/context.js';
import { listAllPermissions, updatePermissions } from '../../core/access/permission-admin.js';
import { callerOf } from '../authenticate.js';
import { success } from '../envelope.js';
import { PERMISSIONS_LIST_ALL_QUERY, PERMISSIONS_UPDATE_BODY } from '../../api/permissions.js';
import { responses } from '../route-docs.js';
import { checker, IN_HANDLER } from '../validation.js';

// Rocket.Chat's permissions.ts declares both typed: the `typed` style; phase in-handler, as before.
const checkListAll = checker(PERMISSIONS_LIST_ALL_QUERY, 'typed');
const checkUpdate = checker(PERMISSIONS_UPDATE_BODY, 'typed');

const PERMISSION_EXAMPLE = {
  _id: 'view-full-other-user-info',
  roles: ['admin'],
  _updatedAt: '2024-01-02T03:04:05.006Z',
};

export function permissionsRoutes(app: FastifyInstance, context: Context): void {
  const listAll = {
    schema: {
      summary: 'permissions.listAll',
      tags: ['Permissions'],
      querystring: checkListAll.schema,
      response: responses('Every permission and its roles.', {
        update: [PERMISSION_EXAMPLE],
        remove: [],
        success: true,
      }),
    },
    ...IN_HANDLER,
  };
  app.get('/api/v1/permissions.listAll', listAll, async (request) => {
    const { updatedSince } = checkListAll(request.query);
    return success(await listAllPermissions(context, updatedSince));
  });

  const update = {
    schema: {
      summary: 'permissions.update',
      description: 'Sets the roles of permissions (`access-permissions`); answers the full list.',
      tags: ['Permissions'],
      body: checkUpdate.schema,
      response: responses(
        'Every permission, after the change.',
        { permissions: [PERMISSION_EXAMPLE], success: true },
        [400, 403],
      ),
    },
    ...IN_HANDLER,
  };
  app.post('/api/v1/permissions.update', update, async (request) => {
    const { permissions } = checkUpdate(request.body);
    return success({ permissions: await updatePermissions(context, callerOf(request), permissions) });
  });
}
