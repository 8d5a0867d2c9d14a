// users.setStatus, users.getStatus, users.getPresence and users.presence (Roster has no realtime connections).
import type { FastifyInstance } from 'fastify';
import type { Context } from '../../core/context.js';
import { getPresence, getStatus, setStatus, type SetStatusInput } from '../../core/users/user-presence.js';
import { listPresence } from '../../core/users/user-presence-list.js';
import { callerOf } from '../authenticate.js';
import { success } from '../envelope.js';
import { usersRoute } from '../route-docs.js';
import { checker } from '../validation.js';
import { USERS_PRESENCE_QUERY, USERS_SET_STATUS_BODY, USERS_USER_QUERY } from '../../api/users-presence.js';

// Rocket.Chat 8.5 (users.ts): typed `query` (ajvQuery); phase in-handler (usersRoute), as before.
const checkPresenceQuery = checker(USERS_PRESENCE_QUERY, 'typed-query');
const checkUserQuery = checker(USERS_USER_QUERY, 'typed-query');

export function usersPresenceRoutes(app: FastifyInstance, context: Context): void {
  const set = usersRoute(
    'users.setStatus',
    'Sets the status message and/or the default status (own, or another user with `edit-other-user-info`). ' +
      'Without realtime connections the stored `status` stays `offline` (README, Differences).',
    { body: USERS_SET_STATUS_BODY },
    { success: true },
  );
  app.post('/api/v1/users.setStatus', set, async (request) => {
    const body = request.body;
    const input = typeof body === 'object' && body !== null ? (body as SetStatusInput) : {};
    await setStatus(context, callerOf(request), input);
    return success({});
  });

  const status = usersRoute(
    'users.getStatus',
    '`{_id, connectionStatus, status}` for the caller, `{_id, status}` for another user.',
    { querystring: checkUserQuery.schema },
    { _id: 'aobEdbYhXfu5hkeqG', connectionStatus: 'offline', status: 'offline', success: true },
  );
  app.get('/api/v1/users.getStatus', status, async (request) =>
    success(await getStatus(context, callerOf(request), checkUserQuery(request.query))),
  );

  const presence = usersRoute(
    'users.getPresence',
    '`{presence, connectionStatus, lastLogin?}` for the caller, `{presence}` for another user.',
    { querystring: checkUserQuery.schema },
    { presence: 'offline', connectionStatus: 'offline', success: true },
  );
  app.get('/api/v1/users.getPresence', presence, async (request) =>
    success(await getPresence(context, callerOf(request), checkUserQuery(request.query))),
  );

  const list = usersRoute(
    'users.presence',
    'Users not offline (`full: true`), those of `ids`, or the users changed since a `from` under ten minutes ago.',
    { querystring: checkPresenceQuery.schema },
    {
      users: [{ _id: 'aobEdbYhXfu5hkeqG', username: 'john', name: 'John', status: 'away' }],
      full: true,
      success: true,
    },
  );
  app.get('/api/v1/users.presence', list, async (request) =>
    success(await listPresence(context, callerOf(request), checkPresenceQuery(request.query))),
  );
}
