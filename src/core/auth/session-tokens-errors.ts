// The errors of users.logout, users.logoutOtherClients and users.removeOtherTokens, as Rocket.Chat 8.5 sends them.
import { domainError, type RosterError } from '../../errors.js';

export const sessionTokenErrors = {
  /** users.logoutOtherClients without an x-auth-token: Meteor.Error('error-parameter-required', …). */
  authTokenRequired: (): RosterError => domainError('error-parameter-required', 'x-auth-token is required'),
  /** users.logout of an unknown user: Meteor.Error('error-invalid-user-id', 'Invalid user id'). */
  invalidUserId: (): RosterError => domainError('error-invalid-user-id', 'Invalid user id'),
};
