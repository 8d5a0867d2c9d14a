// A rename's effect on the documents that name the user: Rocket.Chat's updateUsernameReferences
// (apps/meteor/app/lib/server/functions/saveUserIdentity.ts), as pure edits of the user's footprint.
import type { RoomDoc, UserDoc } from '../documents.js';
import type { FootprintEdit } from './footprint-edit.js';

/**
 * Rewrites what names `before` now that it is `after`. Nothing when neither the username nor the name changed,
 * or when the user had no username (Rocket.Chat updates references only "if coming from old username").
 */
export function renameReferences(edit: FootprintEdit, before: UserDoc, after: UserDoc): void {
  const previous = before.username;
  const usernameChanged = typeof after.username === 'string' && after.username !== previous;
  const nameChanged = typeof after.name === 'string' && after.name !== before.name;
  if (!previous || (!usernameChanged && !nameChanged)) return;
  const { footprint } = edit;
  const username = after.username as string;

  if (usernameChanged) {
    // Subscriptions.setUserUsernameByUserId: `u.username` of every subscription of the user.
    for (const subscription of footprint.subscriptions) {
      edit.editSubscription(subscription, (s) => ({ ...s, u: { ...s.u, username } }));
    }
    // Rooms.replaceUsername, Rooms.replaceMutedUsername, Rooms.replaceUsernameOfUserByUserId.
    for (const room of footprint.rooms)
      edit.editRoom(room, (r) => renamedRoom(r, before._id, previous, username));
  }
  // Subscriptions.updateDirectNameAndFnameByName(previousUsername, username, name): the other side's (and a
  // self-DM's) one-to-one subscription is named after the user; `name` follows the username, `fname` the name.
  for (const subscription of footprint.namedAfter) {
    if (subscription.t !== 'd' || subscription.name !== previous) continue;
    edit.editSubscription(subscription, (s) => ({
      ...s,
      ...(usernameChanged ? { name: username } : {}),
      ...(nameChanged && after.name ? { fname: after.name } : {}),
    }));
  }
}

/**
 * The first matching entry of `usernames` / `muted` (Mongo's positional `$`), and `u.username` of a room the
 * user created. The same object when nothing changes.
 */
function renamedRoom(room: RoomDoc, userId: string, previous: string, username: string): RoomDoc {
  let next = room;
  for (const field of ['usernames', 'muted'] as const) {
    const list = room[field];
    if (!Array.isArray(list)) continue;
    const at = list.indexOf(previous);
    if (at < 0) continue;
    next = { ...next, [field]: list.map((entry, index) => (index === at ? username : entry)) };
  }
  const owner = room.u as { _id?: unknown; username?: unknown } | undefined;
  if (owner && typeof owner === 'object' && owner._id === userId && owner.username !== username) {
    next = { ...next, u: { ...owner, username } };
  }
  return next;
}
