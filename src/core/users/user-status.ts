// users.setActiveStatus: Rocket.Chat's executeSetUserActiveStatus and setUserActiveStatus — who may switch a
// user off, the last-admin and last-owner rules, and everything the switch changes, in one transaction.
import type { Context } from '../context.js';
import type { UserDoc } from '../documents.js';
import { forbidden } from '../../errors.js';
import type { Caller } from '../auth/sessions.js';
import { planRelinquish, type Relinquish } from '../rooms/owner-relinquish.js';
import type { FootprintWrites, UserFootprint } from '../store.js';
import { activeStatusEffects } from './active-status-effects.js';
import { FootprintEdit } from './footprint-edit.js';
import { assertNotLastActiveAdmin } from './last-admin.js';
import { userErrors } from './user-errors.js';

/**
 * Before deactivating: the last active admin is refused, then the rooms the user is the last owner of (or the
 * only member of) need `confirmRelinquish` (setUserActiveStatus; omnichannel rooms are left alone). Users
 * without a username are not checked, as in Rocket.Chat.
 */
export async function prepareActiveStatus(
  context: Context,
  user: UserDoc,
  active: boolean,
  confirmRelinquish: boolean,
): Promise<Relinquish | null> {
  if (active || user.username == null) return null;
  await assertNotLastActiveAdmin(context.store, user);
  return planRelinquish(context, user._id, { confirmRelinquish, skipLivechat: true });
}

/**
 * The user switched on or off, plus its effects: deactivation revokes every token (PATs included, compat.md §2)
 * and hands rooms on (relinquishRoomOwnerships without direct messages); activation clears `reason`
 * (unsetReason); both archive or unarchive the direct messages named after the user.
 */
export function activeStatusWrites(
  edit: FootprintEdit,
  next: UserDoc,
  active: boolean,
  relinquish: Relinquish | null,
): FootprintWrites {
  const user: UserDoc = { ...next, active };
  if (active) delete user.reason;
  activeStatusEffects(edit, active);
  return {
    user,
    revokeTokens: !active,
    ownerGrants: relinquish?.ownerGrants ?? [],
    deleteRooms: relinquish?.removeRooms ?? [],
    ...edit.writes(),
  };
}

export async function setActiveStatus(
  context: Context,
  caller: Caller,
  input: { userId: string; activeStatus: boolean; confirmRelinquish?: boolean },
): Promise<{ _id: string; active: boolean }> {
  const roles = caller.user.roles;
  const { permissions } = context;
  // The 8.5 route admits either permission (permissionsRequired hasAny); the method it calls still wants
  // edit-other-user-active-status, so a moderator alone gets its 400 "Not allowed".
  const mayEdit = await permissions.has(roles, 'edit-other-user-active-status');
  if (!mayEdit && !(await permissions.has(roles, 'manage-moderation-actions'))) throw forbidden();
  if (!mayEdit) throw userErrors.activeStatusNotAllowed();
  const active = input.activeStatus;
  const user = await context.store.users.findById(input.userId);
  if (!user) throw userErrors.userNotFound();
  const relinquish = await prepareActiveStatus(context, user, active, input.confirmRelinquish === true);
  const now = context.clock().toISOString();
  const written = await context.store.accounts.writeFootprint(user._id, (footprint: UserFootprint) =>
    activeStatusWrites(
      new FootprintEdit(footprint, now),
      { ...footprint.user, _updatedAt: now },
      active,
      relinquish,
    ),
  );
  if (!written?.user) throw userErrors.userNotFound();
  return { _id: written.user._id, active: written.user.active === true };
}
