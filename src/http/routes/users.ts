// The users.* admin endpoints (compat.md §5): create, update, setActiveStatus, delete, list, listByStatus.
import type { FastifyInstance } from 'fastify';
import { adminUserView } from '../../core/admin-user-view.js';
import type { Context } from '../../core/context.js';
import { createUser } from '../../core/user-create.js';
import { listUsers, listUsersByStatus } from '../../core/user-list.js';
import { deleteUser, setActiveStatus } from '../../core/user-status.js';
import { updateUser } from '../../core/user-update.js';
import { callerOf } from '../authenticate.js';
import { success } from '../envelope.js';
import {
  checkCreateUser,
  checkDeleteUser,
  checkListUsers,
  checkListUsersByStatus,
  checkSetActiveStatus,
  checkUpdateUser,
} from '../schemas/users-schemas.js';

/** qs gives `roles=a` as a string and `roles=a&roles=b` / `roles[]=a` as an array; both mean a list. */
function withRolesList(query: unknown): unknown {
  if (query === null || typeof query !== 'object') return query;
  const { roles } = query as { roles?: unknown };
  return typeof roles === 'string' ? { ...query, roles: [roles] } : query;
}

// Rocket.Chat guards users.create/update with two-factor auth; Roster has none and ignores x-2fa-* headers.
export function usersRoutes(app: FastifyInstance, context: Context): void {
  app.post('/api/v1/users.create', async (request) => {
    const user = await createUser(context, callerOf(request), checkCreateUser(request.body));
    return success({ user: adminUserView(user) });
  });

  app.post('/api/v1/users.update', async (request) => {
    const user = await updateUser(context, callerOf(request), checkUpdateUser(request.body));
    return success({ user: adminUserView(user) });
  });

  app.post('/api/v1/users.setActiveStatus', async (request) => {
    const user = await setActiveStatus(context, callerOf(request), checkSetActiveStatus(request.body));
    return success({ user });
  });

  app.post('/api/v1/users.delete', async (request) => {
    await deleteUser(context, callerOf(request), checkDeleteUser(request.body ?? {}));
    return success({});
  });

  app.get('/api/v1/users.list', async (request) =>
    success(await listUsers(context, callerOf(request), checkListUsers(request.query))),
  );

  app.get('/api/v1/users.listByStatus', async (request) =>
    success(
      await listUsersByStatus(
        context,
        callerOf(request),
        checkListUsersByStatus(withRolesList(request.query)),
      ),
    ),
  );
}
