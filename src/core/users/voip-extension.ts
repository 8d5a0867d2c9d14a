// voip-freeswitch.extension.assign: gives a user a FreeSwitch extension (unique) or takes it away.
import type { Context } from '../context.js';
import { ConflictError, forbidden, routeNotFound } from '../../errors.js';
import { userErrors } from './user-errors.js';
import type { Caller } from '../auth/sessions.js';

const extensionNotAvailable = userErrors.extensionNotAvailable;

/**
 * compat.md §5: Roster has no VoIP, so unlike Rocket.Chat no licence or `VoIP_TeamCollab_Enabled` is needed.
 * A missing username or user is Rocket.Chat's 404; an empty or absent extension unassigns.
 */
export async function assignExtension(
  context: Context,
  caller: Caller,
  input: { username?: string; extension?: string },
): Promise<void> {
  const { store } = context;
  if (!(await context.permissions.has(caller.user.roles, 'manage-voip-extensions'))) throw forbidden();
  const user = input.username ? await store.users.findByUsername(input.username) : null;
  if (!user) throw routeNotFound();
  const extension = input.extension ?? '';
  if (extension !== '') {
    const holder = await store.users.findByFreeSwitchExtension(extension);
    if (holder && holder._id !== user._id) throw extensionNotAvailable();
  }
  if ((user.freeSwitchExtension ?? '') === extension) return;
  const now = context.clock().toISOString();
  try {
    await store.users.update(user._id, (current) => {
      const next = { ...current, _updatedAt: now };
      if (extension === '') delete next.freeSwitchExtension;
      else next.freeSwitchExtension = extension;
      return next;
    });
  } catch (error) {
    throw error instanceof ConflictError ? extensionNotAvailable() : error;
  }
}
