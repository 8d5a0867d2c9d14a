// users.setActiveStatus and users.delete: Rocket.Chat's rules for switching a user off or removing one.
import type { Context } from '../context.js';
import type { UserDoc } from '../documents.js';
import { domainError, failure, forbidden } from '../../errors.js';
import { assertNotLastActiveAdmin, assertNotLastAdminDeleted } from './last-admin.js';
import type { Caller } from '../auth/sessions.js';
import type { Store } from '../store.js';

/**
 * Deactivation revokes every token of the user (PATs included) in the same write, so the user's very next
 * request is refused (compat.md §2). Activation clears the deactivation `reason`, as `unsetReason` does.
 */
export async function applyActiveStatus(
  context: Context,
  user: UserDoc,
  active: boolean,
): Promise<UserDoc | null> {
  if (!active) await assertNotLastActiveAdmin(context.store, user);
  const now = context.clock().toISOString();
  return context.store.updateUser(
    user._id,
    (current) => {
      const next: UserDoc = { ...current, active, _updatedAt: now };
      if (active) delete next.reason;
      return next;
    },
    { revokeTokens: !active },
  );
}

export async function setActiveStatus(
  context: Context,
  caller: Caller,
  input: { userId: string; activeStatus: boolean },
): Promise<{ _id: string; active: boolean }> {
  if (!(await context.permissions.has(caller.user.roles, 'edit-other-user-active-status'))) throw forbidden();
  const user = await context.store.findUserById(input.userId);
  const updated = user ? await applyActiveStatus(context, user, input.activeStatus) : null;
  if (!updated) throw failure('User not found');
  return { _id: updated._id, active: updated.active === true };
}

/** The target of users.delete, found as Rocket.Chat's `getUserFromParams` finds it. */
export interface UserParams {
  userId?: string;
  username?: string;
  user?: string;
}

export async function userFromParams(store: Store, params: UserParams): Promise<UserDoc> {
  const userId = params.userId?.trim() ?? '';
  const username = params.username?.trim() || params.user?.trim() || '';
  if (userId === '' && username === '') {
    throw domainError(
      'error-user-param-not-provided',
      'The required "userId" or "username" param was not provided',
    );
  }
  const user =
    userId !== '' ? await store.findUserById(userId) : await store.findUserByUsernameInsensitive(username);
  if (!user) {
    throw domainError(
      'error-invalid-user',
      'The required "userId" or "username" param provided does not match any users',
    );
  }
  return user;
}

/** Removes the user with their tokens and subscriptions (the store does all three in one transaction). */
export async function deleteUser(context: Context, caller: Caller, params: UserParams): Promise<void> {
  if (!(await context.permissions.has(caller.user.roles, 'delete-user'))) throw forbidden();
  const user = await userFromParams(context.store, params);
  if (user.type === 'app') {
    throw domainError('error-cannot-delete-app-user', 'Deleting app user is not allowed');
  }
  await assertNotLastAdminDeleted(context.store, user);
  if (!(await context.store.deleteUser(user._id)))
    throw domainError('error-invalid-user', 'Invalid user to delete');
}
