// The roles part of the error catalogue: Rocket.Chat's roles.* errors, texts verbatim from its source.
import { domainError, RosterError, typedFailure } from '../../errors.js';

export const roleErrors = {
  /** roles.getUsersInRole with an empty `role`. */
  roleParamMissing: (): RosterError =>
    domainError('error-param-not-provided', 'Query param "role" is required'),
  /** roles.getUsersInRole with a roomId, without view-other-user-channels. */
  notAllowed: (): RosterError => domainError('error-not-allowed', 'Not allowed'),
  /** roles.getUsersInRole: `new Meteor.Error('error-invalid-roleId')`, a Meteor error without a reason. */
  unknownRoleId: (): RosterError =>
    new RosterError(400, {
      success: false,
      error: '[error-invalid-roleId]',
      errorType: 'error-invalid-roleId',
    }),
  /** roles.delete, roles.update (updateRole). */
  roleDoesNotExist: (): RosterError => domainError('error-invalid-roleId', 'This role does not exist'),
  deleteProtected: (): RosterError => domainError('error-role-protected', 'Cannot delete a protected role'),
  updateProtected: (): RosterError => domainError('error-role-protected', 'Role is protected'),
  inUse: (): RosterError => domainError('error-role-in-use', "Cannot delete role because it's in use"),
  /** roles.create / roles.update: the body fails isRoleCreateProps / isRoleUpdateProps. */
  invalidProperties: (): RosterError =>
    domainError('error-invalid-role-properties', 'The role properties are invalid.'),
  /** roles.create / roles.update without access-permissions. */
  accessNotAllowed: (): RosterError =>
    domainError('error-action-not-allowed', 'Accessing permissions is not allowed'),
  duplicateName: (): RosterError =>
    domainError('error-duplicate-role-names-not-allowed', 'Role name already exists'),
  /** roles.sync: an `updatedSince` Date.parse cannot read. */
  invalidUpdatedSince: (): RosterError =>
    domainError('error-invalid-param', 'updatedSince must be a valid date string'),
  /** The typed router's answer to a query its schema refuses. */
  invalidQuery: (messages: readonly string[]): RosterError =>
    typedFailure(messages.join('\n '), 'error-invalid-params'),
};
