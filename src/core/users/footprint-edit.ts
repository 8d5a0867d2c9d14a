// Successive pure edits of a user's footprint (a rename, a deactivation, a deletion) collected as one set of
// writes, so that two edits of the same document compose instead of overwriting each other.
import type { RoomDoc, SubscriptionDoc } from '../documents.js';
import type { UserFootprint } from '../store.js';

export class FootprintEdit {
  private readonly subscriptions = new Map<string, SubscriptionDoc>();
  private readonly rooms = new Map<string, RoomDoc>();

  constructor(
    readonly footprint: UserFootprint,
    private readonly now: string,
  ) {}

  /** The latest version of a subscription of the footprint. */
  subscription(subscription: SubscriptionDoc): SubscriptionDoc {
    return this.subscriptions.get(subscription._id) ?? subscription;
  }

  room(room: RoomDoc): RoomDoc {
    return this.rooms.get(room._id) ?? room;
  }

  /** Applies `change`; a change that returns the same object writes nothing. Written ones get `_updatedAt`. */
  editSubscription(subscription: SubscriptionDoc, change: (s: SubscriptionDoc) => SubscriptionDoc): void {
    const current = this.subscription(subscription);
    const next = change(current);
    if (next !== current) this.subscriptions.set(subscription._id, { ...next, _updatedAt: this.now });
  }

  editRoom(room: RoomDoc, change: (r: RoomDoc) => RoomDoc): void {
    const current = this.room(room);
    const next = change(current);
    if (next !== current) this.rooms.set(room._id, { ...next, _updatedAt: this.now });
  }

  writes(): { subscriptions: SubscriptionDoc[]; rooms: RoomDoc[] } {
    return { subscriptions: [...this.subscriptions.values()], rooms: [...this.rooms.values()] };
  }
}

/** A direct-message room's member ids (`uids`). */
export function uidsOf(room: RoomDoc): string[] {
  return Array.isArray(room.uids) ? room.uids.filter((uid): uid is string => typeof uid === 'string') : [];
}

/** A one-to-one direct message of the user (Rocket.Chat's `uids: userId, usersCount: 2` and self-DMs). */
export function isOneToOneOf(room: RoomDoc, userId: string): boolean {
  const uids = uidsOf(room);
  return room.t === 'd' && uids.includes(userId) && uids.length <= 2;
}

/** The ids of the other members of the direct-message rooms among `rooms`. */
export function partnerIds(userId: string, rooms: Iterable<RoomDoc>): string[] {
  const ids = new Set<string>();
  for (const room of rooms) {
    if (room.t !== 'd') continue;
    for (const uid of uidsOf(room)) if (uid !== userId) ids.add(uid);
  }
  return [...ids];
}
