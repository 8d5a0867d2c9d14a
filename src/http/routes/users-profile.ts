// The self-service users.* endpoints: preferences, username availability and suggestion, own account deletion.
import type { FastifyInstance } from 'fastify';
import type { Context } from '../../core/context.js';
import { deleteOwnAccount, type DeleteOwnAccountInput } from '../../core/users/own-account-delete.js';
import { getPreferences, setPreferences } from '../../core/users/user-preferences.js';
import { checkUsernameAvailability, suggestUsername } from '../../core/users/username-availability.js';
import { callerOf } from '../authenticate.js';
import { success } from '../envelope.js';
import { usersRoute } from '../route-docs.js';
import { checker } from '../validation.js';
import {
  USERS_CHECK_USERNAME_QUERY,
  USERS_DELETE_OWN_ACCOUNT_BODY,
  USERS_SET_PREFERENCES_BODY,
} from '../../api/users-profile.js';

// Rocket.Chat 8.5 (users.ts): typed `body` / `query`; phase in-handler (usersRoute), as before.
const checkSetPreferences = checker(USERS_SET_PREFERENCES_BODY, 'typed');
const checkUsernameQuery = checker(USERS_CHECK_USERNAME_QUERY, 'typed-query');

const PREFERENCES_EXAMPLE = { useEmojis: true, language: 'en' };

export function usersProfileRoutes(app: FastifyInstance, context: Context): void {
  const getPrefs = usersRoute(
    'users.getPreferences',
    "The caller's stored preferences plus `language` (no defaults merged in; /me has them).",
    {},
    { preferences: PREFERENCES_EXAMPLE, success: true },
    [400],
  );
  app.get('/api/v1/users.getPreferences', getPrefs, async (request) =>
    success({ preferences: await getPreferences(context, callerOf(request)) }),
  );

  const setPrefs = usersRoute(
    'users.setPreferences',
    "Writes preferences (another user's with `edit-other-user-info`); answers them read back.",
    { body: checkSetPreferences.schema },
    { user: { _id: 'aobEdbYhXfu5hkeqG', settings: { preferences: PREFERENCES_EXAMPLE } }, success: true },
    [400],
  );
  app.post('/api/v1/users.setPreferences', setPrefs, async (request) =>
    success({ user: await setPreferences(context, callerOf(request), checkSetPreferences(request.body)) }),
  );

  const availability = usersRoute(
    'users.checkUsernameAvailability',
    'Whether the caller could take this username (`Accounts_AllowUsernameChange`; blocked names are refused).',
    { querystring: checkUsernameQuery.schema },
    { result: true, success: true },
    [400],
  );
  app.get('/api/v1/users.checkUsernameAvailability', availability, async (request) => {
    const { username } = checkUsernameQuery(request.query);
    return success({ result: await checkUsernameAvailability(context, callerOf(request), username) });
  });

  const suggestion = usersRoute(
    'users.getUsernameSuggestion',
    "A free username derived from the caller's name or verified email addresses.",
    {},
    { result: 'john.doe', success: true },
    [400],
  );
  app.get('/api/v1/users.getUsernameSuggestion', suggestion, async (request) =>
    success({ result: await suggestUsername(context, callerOf(request)) }),
  );

  const deleteOwn = usersRoute(
    'users.deleteOwnAccount',
    'Deletes the caller (`Accounts_AllowDeleteOwnAccount`); `password` is the SHA-256 hex digest of the password.',
    { body: USERS_DELETE_OWN_ACCOUNT_BODY },
    { success: true },
    [400],
  );
  app.post('/api/v1/users.deleteOwnAccount', deleteOwn, async (request) => {
    const body = request.body;
    const input = typeof body === 'object' && body !== null ? (body as DeleteOwnAccountInput) : {};
    await deleteOwnAccount(context, callerOf(request), input);
    return success({});
  });
}
