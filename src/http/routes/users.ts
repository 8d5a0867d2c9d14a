// The users.* admin endpoints (compat.md §5): create, update, setActiveStatus, delete, list, listByStatus.
import type { FastifyInstance } from 'fastify';
import { adminUserView, updatedUserView } from '../../core/users/admin-user-view.js';
import type { Context } from '../../core/context.js';
import { createUser } from '../../core/users/user-create.js';
import { listUsers, listUsersByStatus } from '../../core/users/user-list.js';
import { deleteUser } from '../../core/users/user-delete.js';
import { setActiveStatus } from '../../core/users/user-status.js';
import { updateUser } from '../../core/users/user-update.js';
import { callerOf } from '../authenticate.js';
import { success } from '../envelope.js';
import { usersRoute } from '../route-docs.js';
import { checker } from '../validation.js';
import {
  USERS_CREATE_BODY,
  USERS_DELETE_BODY,
  USERS_LIST_BY_STATUS_QUERY,
  USERS_LIST_QUERY,
  USERS_SET_ACTIVE_STATUS_BODY,
  USERS_UPDATE_BODY,
  USERS_UPDATE_OWN_BASIC_INFO_BODY,
} from '../../api/users.js';
import { updateOwnBasicInfo } from '../../core/users/own-basic-info.js';

/*
 * Rocket.Chat 8.5 (users.ts) declares each of these routes with the typed router's `body` or `query` (users.list
 * through addRoute's `query` option), so a refusal reads as http-router's Router.ts sends it: `typed` bodies
 * (errorType invalid-params), `typed-query` queries (error-invalid-params), no ` [invalid-params]` suffix.
 * Phase in-handler for all of them (usersRoute): the rate limiter has counted before the checker runs, as before
 * (the typed router validates before its action wrapper; README "Differences").
 */
const checkCreateUser = checker(USERS_CREATE_BODY, 'typed');
const checkUpdateUser = checker(USERS_UPDATE_BODY, 'typed');
const checkUpdateOwnBasicInfo = checker(USERS_UPDATE_OWN_BASIC_INFO_BODY, 'typed');
const checkSetActiveStatus = checker(USERS_SET_ACTIVE_STATUS_BODY, 'typed');
const checkDeleteUser = checker(USERS_DELETE_BODY, 'typed');
const checkListUsers = checker(USERS_LIST_QUERY, 'typed-query');
const checkListUsersByStatus = checker(USERS_LIST_BY_STATUS_QUERY, 'typed-query');

/** qs gives `roles=a` as a string and `roles=a&roles=b` / `roles[]=a` as an array; both mean a list. */
function withRolesList(query: unknown): unknown {
  if (query === null || typeof query !== 'object') return query;
  const { roles, inactiveReason } = query as { roles?: unknown; inactiveReason?: unknown };
  return {
    ...query,
    ...(typeof roles === 'string' ? { roles: [roles] } : {}),
    ...(typeof inactiveReason === 'string' ? { inactiveReason: [inactiveReason] } : {}),
  };
}

const USER_EXAMPLE = {
  _id: 'aobEdbYhXfu5hkeqG',
  createdAt: '2024-01-02T03:04:05.006Z',
  username: 'test.john',
  emails: [{ address: 'test.john@test.com', verified: false }],
  type: 'user',
  status: 'offline',
  active: true,
  roles: ['user'],
  name: 'Test John',
  requirePasswordChange: false,
};

const LIST_EXAMPLE = { users: [USER_EXAMPLE], count: 1, offset: 0, total: 1, success: true };

export function usersRoutes(app: FastifyInstance, context: Context): void {
  const create = usersRoute(
    'users.create',
    'A new user (permission `create-user`).',
    { body: checkCreateUser.schema },
    { user: USER_EXAMPLE, success: true },
  );
  app.post('/api/v1/users.create', create, async (request) => {
    const user = await createUser(context, callerOf(request), checkCreateUser(request.body));
    return success({ user: adminUserView(user) });
  });

  const update = usersRoute(
    'users.update',
    'The user, updated (`edit-other-user-info`; some fields of their own for anyone).',
    { body: checkUpdateUser.schema },
    { user: USER_EXAMPLE, success: true },
  );
  // Rocket.Chat 8.5 marks users.update `twoFactorRequired` (users.ts), users.create not.
  app.post('/api/v1/users.update', { ...update, config: { twoFactorRequired: true } }, async (request) => {
    const caller = callerOf(request);
    const user = await updateUser(context, caller, checkUpdateUser(request.body));
    return success({ user: await updatedUserView(context, caller.user, user) });
  });

  const ownBasicInfo = usersRoute(
    'users.updateOwnBasicInfo',
    "The caller's own profile (saveUserProfile); an e-mail or password change needs `currentPassword` (SHA-256 " +
      'hex of the password), and a new password logs out every other session and PAT of the user.',
    { body: checkUpdateOwnBasicInfo.schema },
    { user: USER_EXAMPLE, success: true },
  );
  app.post('/api/v1/users.updateOwnBasicInfo', ownBasicInfo, async (request) => {
    const user = await updateOwnBasicInfo(context, callerOf(request), checkUpdateOwnBasicInfo(request.body));
    return success({ user: adminUserView(user) });
  });

  const setActive = usersRoute(
    'users.setActiveStatus',
    'Activates or deactivates a user (`edit-other-user-active-status`); deactivation revokes every token, and ' +
      'a last room owner needs `confirmRelinquish`.',
    { body: checkSetActiveStatus.schema },
    { user: { _id: 'aobEdbYhXfu5hkeqG', active: false }, success: true },
  );
  app.post('/api/v1/users.setActiveStatus', setActive, async (request) => {
    const user = await setActiveStatus(context, callerOf(request), checkSetActiveStatus(request.body));
    return success({ user });
  });

  const remove = usersRoute(
    'users.delete',
    'Deletes a user with their tokens, subscriptions and direct messages (`delete-user`); the rooms they were ' +
      'the last owner or only member of need `confirmRelinquish` and are handed on or removed.',
    { body: checkDeleteUser.schema },
    { deletedRooms: [], success: true },
  );
  app.post('/api/v1/users.delete', remove, async (request) =>
    success(await deleteUser(context, callerOf(request), checkDeleteUser(request.body ?? {}))),
  );

  const list = usersRoute(
    'users.list',
    'A page of users (`view-d-room`); `email` finds one address exactly (`view-full-other-user-info`).',
    { querystring: checkListUsers.schema },
    LIST_EXAMPLE,
  );
  app.get('/api/v1/users.list', list, async (request) =>
    success(await listUsers(context, callerOf(request), checkListUsers(request.query))),
  );

  const byStatus = usersRoute(
    'users.listByStatus',
    'A page of users filtered by status, roles, search term, hasLoggedIn, type or inactiveReason (`view-d-room`).',
    { querystring: checkListUsersByStatus.schema },
    LIST_EXAMPLE,
  );
  app.get('/api/v1/users.listByStatus', byStatus, async (request) =>
    success(
      await listUsersByStatus(
        context,
        callerOf(request),
        checkListUsersByStatus(withRolesList(request.query)),
      ),
    ),
  );
}
