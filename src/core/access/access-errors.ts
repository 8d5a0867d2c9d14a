// The access part of the error catalogue: Rocket.Chat's permission and role errors, texts verbatim from its source.
import { domainError, failure, RosterError, typedFailure } from '../../errors.js';

export const accessErrors = {
  /**
   * permissions.listAll (app/api/server/v1/permissions.ts): an unparsable `updatedSince`. Verbatim Rocket.Chat,
   * including the errorType that names a room id.
   */
  invalidUpdatedSince: (): RosterError =>
    domainError('error-roomId-param-invalid', 'The "updatedSince" query parameter must be a valid date.'),
  /** permissions.update: `API.v1.failure('Invalid permission', 'error-invalid-permission')`. */
  invalidPermission: (): RosterError => typedFailure('Invalid permission', 'error-invalid-permission'),
  /** permissions.update: `API.v1.failure('Invalid role', 'error-invalid-role')`. */
  invalidRole: (): RosterError => typedFailure('Invalid role', 'error-invalid-role'),
  /** validateUserData: a role given to a user that does not exist (or, in Roster, is room-scoped). */
  invalidRoleId: (): RosterError =>
    domainError('error-action-not-allowed', 'The field Roles consist invalid role id'),
  /** roles.addUserToRole / roles.removeUserFromRole without roleId or roleName: the code as text, no errorType. */
  roleNotGiven: (): RosterError => failure('error-invalid-role-properties'),
  /** roles.addUserToRole: verbatim Rocket.Chat, text and errorType are swapped in this one answer. */
  roleNotFound: (): RosterError => typedFailure('error-role-not-found', 'Role not found'),
  /** addUserToRole: a Subscriptions-scoped role without a roomId. */
  invalidArguments: (): RosterError => domainError('error-invalid-arguments', 'Invalid arguments'),
  /** addUserToRole: a room role for a user who is not a member of the room. */
  userNotInGivenRoom: (): RosterError => domainError('error-invalid-user', 'User is not part of given room'),
  /** removeUserFromRole: an unknown username. */
  noUserWithUsername: (): RosterError =>
    domainError('error-invalid-user', 'There is no user with this username'),
  /** removeUserFromRole: an unknown role. */
  roleDoesNotExist: (): RosterError => domainError('error-invalid-roleId', 'This role does not exist'),
  /** addUserToRole (addUserRoles): the user already holds the role. */
  alreadyInRole: (): RosterError => domainError('error-user-already-in-role', 'User already in role'),
  /** removeUserFromRole: the user does not hold the role. */
  notInRole: (): RosterError => domainError('error-user-not-in-role', 'User is not in this role'),
};
