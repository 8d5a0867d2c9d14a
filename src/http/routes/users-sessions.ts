// users.removeOtherTokens, users.logoutOtherClients and users.logout: signing a user's clients out.
import type { FastifyInstance } from 'fastify';
import type { Context } from '../../core/context.js';
import { logoutOtherClients, logoutUser, removeOtherTokens } from '../../core/auth/session-tokens.js';
import { sessionTokenErrors } from '../../core/auth/session-tokens-errors.js';
import { callerOf } from '../authenticate.js';
import { success } from '../envelope.js';
import { usersRoute } from '../route-docs.js';
import { checker } from '../validation.js';
import { USERS_DEACTIVATE_IDLE_BODY, USERS_LOGOUT_BODY } from '../../api/users-sessions.js';
import { deactivateIdle } from '../../core/users/idle-deactivation.js';

// Rocket.Chat 8.5 (users.ts): typed `body` for both; phase in-handler (usersRoute), as before.
const checkLogout = checker(USERS_LOGOUT_BODY, 'typed');
const checkDeactivateIdle = checker(USERS_DEACTIVATE_IDLE_BODY, 'typed');

export function usersSessionRoutes(app: FastifyInstance, context: Context): void {
  const removeOthers = usersRoute(
    'users.removeOtherTokens',
    "Deletes the caller's other login tokens, keeping the one of this request; personal access tokens stay.",
    {},
    { success: true },
    [],
  );
  // Rocket.Chat 8.5 users.ts 'users.removeOtherTokens': removeNonPATLoginTokensExcept(userId, this.token).
  app.post('/api/v1/users.removeOtherTokens', removeOthers, async (request) => {
    await removeOtherTokens(context, callerOf(request));
    return success({});
  });

  const logoutOthers = usersRoute(
    'users.logoutOtherClients',
    "Deletes the caller's other login tokens and answers the current token with its expiry.",
    {},
    {
      token: 'SnS70r0VkngGFrSbxVK-pdwFMEzhefcjQgdnXaPeAaq',
      tokenExpires: '2021-12-27T14:33:09.851Z',
      success: true,
    },
    [400],
  );
  // Rocket.Chat 8.5 users.ts 'users.logoutOtherClients'.
  app.post('/api/v1/users.logoutOtherClients', logoutOthers, async (request) => {
    const header = request.headers['x-auth-token'];
    const rawToken = typeof header === 'string' ? header : '';
    if (!rawToken) throw sessionTokenErrors.authTokenRequired();
    return success(await logoutOtherClients(context, callerOf(request), rawToken));
  });

  const logout = usersRoute(
    'users.logout',
    'Deletes every login token of the caller, or of `userId` (`logout-other-user`).',
    { body: checkLogout.schema },
    { message: 'User aobEdbYhXfu5hkeqG has been logged out!', success: true },
  );
  // Rocket.Chat 8.5 users.ts 'users.logout' (validateParams isUserLogoutParamsPOST).
  app.post('/api/v1/users.logout', logout, async (request) => {
    const { userId } = checkLogout(request.body ?? {});
    const target = await logoutUser(context, callerOf(request), userId);
    return success({ message: `User ${target} has been logged out!` });
  });

  const idle = usersRoute(
    'users.deactivateIdle',
    'Deactivates the active users of `role` (default `user`) whose last login is `daysIdle` days old or older ' +
      '(`edit-other-user-active-status`); their tokens are revoked.',
    { body: checkDeactivateIdle.schema },
    { count: 1, success: true },
  );
  // Rocket.Chat 8.5 users.ts 'users.deactivateIdle'.
  app.post('/api/v1/users.deactivateIdle', idle, async (request) => {
    const caller = callerOf(request);
    const input = checkDeactivateIdle(request.body ?? {});
    return success(await deactivateIdle(context, caller, input));
  });
}
