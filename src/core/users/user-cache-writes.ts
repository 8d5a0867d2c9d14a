// A Store whose user and subscription writes drop exactly the affected users from the UserCache before they return.
import type { SubscriptionDoc, UserDoc } from '../documents.js';
import type { ChangeTopic, RoomState, RoomWrites, Store, TokenRevocation } from '../store.js';
import { wrapStore } from '../store-wrap.js';
import type { UserCache } from './user-cache.js';

type Write = (cache: UserCache, store: Store, args: unknown[]) => Promise<unknown>;

/** Runs `write` as the cache's own write of `topic` and applies `drop` afterwards, whether it failed or not. */
async function own<T>(cache: UserCache, topic: ChangeTopic, write: () => Promise<T>, drop: () => void) {
  cache.beginOwnWrite(topic);
  try {
    return await write();
  } finally {
    drop();
    cache.endOwnWrite(topic);
  }
}

/** Wraps a user change to record the documents before and after (the adapter may call it again on a retry). */
function observing(change: unknown): { seen: UserDoc[]; observed: (user: UserDoc) => UserDoc } {
  const seen: UserDoc[] = [];
  const observed = (user: UserDoc) => {
    const next = (change as (user: UserDoc) => UserDoc)(user);
    seen.push(user, next);
    return next;
  };
  return { seen, observed };
}

/**
 * Every Store write (by path, as core/store-wrap.ts names it) that changes a user document or a subscription. A write not listed here still reaches the
 * cache through `watch` (a full clear), so forgetting one costs speed, never correctness.
 */
const WRITES: Record<string, Write> = {
  'users.insert': (cache, store, [user]) =>
    own(
      cache,
      'users',
      () => store.users.insert(user as UserDoc),
      () => cache.dropUsers([], [user as UserDoc]),
    ),
  'users.update': (cache, store, [id, change, options]) => {
    const { seen, observed } = observing(change);
    return own(
      cache,
      'users',
      () => store.users.update(id as string, observed, options as TokenRevocation),
      () => cache.dropUsers([id as string], seen),
    );
  },
  // users.setAvatar / users.resetAvatar: avatarETag shows in users.info.
  'avatars.write': (cache, store, [id, avatar, change]) => {
    const { seen, observed } = observing(change);
    return own(
      cache,
      'users',
      () => store.avatars.write(id as string, avatar as Parameters<Store['avatars']['write']>[1], observed),
      () => cache.dropUsers([id as string], seen),
    );
  },
  'users.delete': (cache, store, [id]) =>
    own(
      cache,
      'users',
      () => store.users.delete(id as string),
      () => cache.dropUsers([id as string]),
    ),
  'rooms.insert': (cache, store, [room, subscriptions]) =>
    own(
      cache,
      'rooms',
      () =>
        store.rooms.insert(
          room as Parameters<Store['rooms']['insert']>[0],
          subscriptions as SubscriptionDoc[],
        ),
      () => cache.dropRooms((subscriptions as SubscriptionDoc[]).map((s) => s.u._id)),
    ),
  // A room's name or type shows in every member's list; renames and deletions are rare: drop all lists.
  'rooms.update': (cache, store, [id, change]) =>
    own(
      cache,
      'rooms',
      () => store.rooms.update(id as string, change as Parameters<Store['rooms']['update']>[1]),
      () => cache.dropRooms(),
    ),
  'rooms.delete': (cache, store, [id]) =>
    own(
      cache,
      'rooms',
      () => store.rooms.delete(id as string),
      () => cache.dropRooms(),
    ),
  'subscriptions.insert': (cache, store, [subscription]) =>
    own(
      cache,
      'rooms',
      () => store.subscriptions.insert(subscription as SubscriptionDoc),
      () => cache.dropRooms([(subscription as SubscriptionDoc).u._id]),
    ),
  'subscriptions.update': (cache, store, [roomId, userId, change]) =>
    own(
      cache,
      'rooms',
      () =>
        store.subscriptions.update(
          roomId as string,
          userId as string,
          change as Parameters<Store['subscriptions']['update']>[2],
        ),
      () => cache.dropRooms([userId as string]),
    ),
  'subscriptions.delete': (cache, store, [roomId, userId]) =>
    own(
      cache,
      'rooms',
      () => store.subscriptions.delete(roomId as string, userId as string),
      () => cache.dropRooms([userId as string]),
    ),
  // A room write: every member's list when the room itself changed (name, type, …), else the members written.
  'rooms.write': (cache, store, [roomId, plan]) => {
    let affected: string[] | undefined = [];
    const observed = (state: RoomState) => {
      const writes = (plan as (state: RoomState) => RoomWrites)(state);
      if (writes.room) affected = undefined;
      else if (affected) {
        const written = [...(writes.subscriptions ?? []), ...(writes.insertSubscriptions ?? [])];
        affected.push(...written.map((s) => s.u._id), ...(writes.removeUserIds ?? []));
      }
      return writes;
    };
    return own(
      cache,
      'rooms',
      () => store.rooms.write(roomId as string, observed),
      () => cache.dropRooms(affected),
    );
  },
  bulkWrite: (cache, store, [batch, mode]) =>
    own(
      cache,
      'all',
      () =>
        store.bulkWrite(
          batch as Parameters<Store['bulkWrite']>[0],
          mode as Parameters<Store['bulkWrite']>[1],
        ),
      () => cache.clear(),
    ),
};

/** `store` with the writes above routed through `cache`; every other member passes through unchanged. */
export function invalidatingStore(store: Store, cache: UserCache): Store {
  return wrapStore(store, (path, method) => {
    const write = WRITES[path];
    return write ? (...args: unknown[]) => write(cache, store, args) : method;
  });
}
