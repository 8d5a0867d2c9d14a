// The permission part of the error catalogue: what Rocket.Chat 8.5 answers when a handler (not `permissionsRequired`,
// whose 403 is errors.ts `forbidden`) finds a permission missing — its Meteor.Errors with their `details`.
import { meteorError, type RosterError } from '../../errors.js';

/** validateUserData / validateUserEditing (app/lib/server/functions/saveUser/) name their method so. */
const SAVE_USER = 'insertOrUpdateUser';

/** The Meteor method (or function) whose `{method}` Rocket.Chat puts in a `Not allowed` error's details. */
export type NotAllowedMethod =
  | 'addUsersToRoom'
  | 'removeUserFromRoom'
  | 'eraseRoom'
  | 'createDirectMessage'
  | 'createPrivateGroup'
  | 'setUserActiveStatus';

/** The personal-access-token methods (imports/personal-access-tokens/server/api/methods/). */
export type TokenMethod =
  | 'personalAccessTokens:generateToken'
  | 'personalAccessTokens:regenerateToken'
  | 'personalAccessTokens:removeToken';

export const permissionErrors = {
  /** validateUserData: users.create without create-user. */
  addingUser: (): RosterError =>
    meteorError('error-action-not-allowed', 'Adding user is not allowed', {
      method: SAVE_USER,
      action: 'Adding_user',
    }),
  /** validateUserData: users.update of another user without edit-other-user-info. */
  editingUser: (): RosterError =>
    meteorError('error-action-not-allowed', 'Editing user is not allowed', {
      method: SAVE_USER,
      action: 'Editing_user',
    }),
  /** validateUserEditing: a change of a user's roles without assign-roles. */
  assignRoles: (): RosterError =>
    meteorError('error-action-not-allowed', 'Assign roles is not allowed', {
      method: SAVE_USER,
      action: 'Assign_role',
    }),
  /**
   * The admin role without assign-admin-role: validateUserData (users.create / users.update) and the
   * addUserToRole function (roles.addUserToRole) say the same, each with its own method.
   */
  assigningAdmin: (method: typeof SAVE_USER | 'authorization:addUserToRole'): RosterError =>
    meteorError('error-action-not-allowed', 'Assigning admin is not allowed', {
      method,
      action: 'Assign_admin',
    }),
  /** addUserToRole (app/authorization/server/methods/addUserToRole.ts): roles.addUserToRole without access-permissions. */
  accessingPermissions: (): RosterError =>
    meteorError('error-action-not-allowed', 'Accessing permissions is not allowed', {
      method: 'authorization:addUserToRole',
      action: 'Accessing_permissions',
    }),
  /**
   * `new Meteor.Error('error-not-allowed', 'Not allowed', {method})`: addUsersToRoomMethod (invite),
   * removeUserFromRoomMethod (kick), eraseRoom (delete), createDirectMessage (im.create), createPrivateGroupMethod
   * (groups.create: its route's `error.reason === 'error-not-allowed'` test never matches the reason "Not allowed",
   * so the Meteor.Error itself is answered) and the setUserActiveStatus method.
   */
  notAllowed: (method: NotAllowedMethod): RosterError =>
    meteorError('error-not-allowed', 'Not allowed', { method }),
  /** The personal-access-token methods without create-personal-access-tokens. */
  notAuthorized: (method: TokenMethod): RosterError =>
    meteorError('not-authorized', 'Not Authorized', { method }),
};
