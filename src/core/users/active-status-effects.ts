// What (de)activating a user changes besides the user: Rocket.Chat's setUserActiveStatus
// (apps/meteor/server/lib/users/setUserActiveStatus.ts) on direct messages, as pure footprint edits.
import type { FootprintEdit } from './footprint-edit.js';
import { uidsOf } from './footprint-edit.js';

export function activeStatusEffects(edit: FootprintEdit, active: boolean): void {
  const { footprint } = edit;
  const { user } = footprint;
  // Subscriptions.setArchivedForDMsWithUsername(username, !active): the direct-message subscriptions named
  // after the user, i.e. the other side's, are archived while the user is inactive.
  if (user.username) {
    for (const subscription of footprint.namedAfter) {
      if (subscription.t !== 'd' || subscription.name !== user.username) continue;
      edit.editSubscription(subscription, (s) => (s.archived === !active ? s : { ...s, archived: !active }));
    }
  }
  // Rooms.setDmReadOnlyByUserId: deactivation makes the user's one-to-one direct messages read-only;
  // activation (reactivateDirectConversations) lifts it where the other member is active too.
  const activePartners = new Set(footprint.partners.filter((p) => p.active === true).map((p) => p._id));
  for (const room of footprint.rooms) {
    const uids = uidsOf(room);
    if (room.t !== 'd' || uids.length !== 2 || !uids.includes(user._id)) continue;
    const other = uids.find((uid) => uid !== user._id);
    if (active && !(other !== undefined && activePartners.has(other))) continue;
    const ro = !active;
    edit.editRoom(room, (r) =>
      r.ro === ro && r.reactWhenReadOnly === false ? r : { ...r, ro, reactWhenReadOnly: false },
    );
  }
}
