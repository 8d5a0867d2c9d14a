// permissions.listAll and permissions.update (compat.md §3).
import type { FastifyInstance } from 'fastify';
import type { Context } from '../../core/context.js';
import { listAllPermissions, type PermissionChange, updatePermissions } from '../../core/permission-admin.js';
import { callerOf } from '../authenticate.js';
import { success } from '../envelope.js';
import { paramsChecker } from '../params-schema.js';

const checkListAll = paramsChecker<{ updatedSince?: string }>(
  { type: 'object', properties: { updatedSince: { type: 'string' } }, additionalProperties: false },
  'typed',
);

const checkUpdate = paramsChecker<{ permissions: PermissionChange[] }>(
  {
    type: 'object',
    properties: {
      permissions: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            _id: { type: 'string' },
            roles: { type: 'array', items: { type: 'string' }, uniqueItems: true },
          },
          required: ['_id', 'roles'],
          additionalProperties: false,
        },
      },
    },
    required: ['permissions'],
    additionalProperties: false,
  },
  'typed',
);

export function permissionsRoutes(app: FastifyInstance, context: Context): void {
  app.get('/api/v1/permissions.listAll', async (request) => {
    const { updatedSince } = checkListAll(request.query);
    return success(await listAllPermissions(context, updatedSince));
  });

  app.post('/api/v1/permissions.update', async (request) => {
    const { permissions } = checkUpdate(request.body);
    return success({ permissions: await updatePermissions(context, callerOf(request), permissions) });
  });
}
