// The users part of the error catalogue: Rocket.Chat's account errors, texts verbatim from its source.
import { domainError, RosterError } from '../../errors.js';

/** The rooms a deletion or deactivation would change, by display name (getUserSingleOwnedRooms). */
export interface LastOwnerRooms {
  shouldBeRemoved: string[];
  shouldChangeOwner: string[];
}

export const userErrors = {
  /**
   * `API.v1.forbidden()` (apps/meteor/app/api/server/api.ts): 403 `{"success":false,"error":"unauthorized"}`,
   * answered by users.list for an `email` filter without view-full-other-user-info (users.ts `users.list`).
   */
  forbiddenUnauthorized: (): RosterError => new RosterError(403, { success: false, error: 'unauthorized' }),
  /**
   * deleteUser / setUserActiveStatus: `new Meteor.Error('user-last-owner', '', rooms)`. An empty reason makes
   * Meteor's message the bare `[user-last-owner]`; API.v1.failure adds the rooms as `details`.
   */
  lastOwner: (rooms: LastOwnerRooms): RosterError =>
    new RosterError(400, {
      success: false,
      error: '[user-last-owner]',
      errorType: 'user-last-owner',
      details: { shouldBeRemoved: rooms.shouldBeRemoved, shouldChangeOwner: rooms.shouldChangeOwner },
    }),
  /**
   * executeSetUserActiveStatus (server/methods/setUserActiveStatus.ts): the route lets
   * manage-moderation-actions through, the method still wants edit-other-user-active-status.
   */
  activeStatusNotAllowed: (): RosterError => domainError('error-not-allowed', 'Not allowed'),
};

/** saveUserProfile's (server/methods/saveUserProfile.ts) errors, texts verbatim. */
export const ownProfileErrors = {
  bioTooLong: (max: number): RosterError =>
    domainError('error-bio-size-exceeded', `Bio size exceeds ${max} characters`),
  nicknameTooLong: (max: number): RosterError =>
    domainError('error-nickname-size-exceeded', `Nickname size exceeds ${max} characters`),
  samePassword: (): RosterError =>
    domainError('error-password-same-as-current', 'Entered password same as current password'),
  /** setUserStatusMethod's check of the status type. */
  invalidStatus: (): RosterError => domainError('error-invalid-status', 'Invalid status'),
};
