// A Store whose user and subscription writes drop exactly the affected users from the UserCache before they return.
import type { SubscriptionDoc, UserDoc } from '../documents.js';
import type {
  ChangeTopic,
  MessagePost,
  MessagePosted,
  RoomState,
  RoomWrites,
  Store,
  TokenRevocation,
} from '../store.js';
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
 * Every Store write that changes a user document or a subscription. A write not listed here still reaches the
 * cache through `watch` (a full clear), so forgetting one costs speed, never correctness.
 */
const WRITES: Record<string, Write> = {
  insertUser: (cache, store, [user]) =>
    own(
      cache,
      'users',
      () => store.insertUser(user as UserDoc),
      () => cache.dropUsers([], [user as UserDoc]),
    ),
  updateUser: (cache, store, [id, change, options]) => {
    const { seen, observed } = observing(change);
    return own(
      cache,
      'users',
      () => store.updateUser(id as string, observed, options as TokenRevocation),
      () => cache.dropUsers([id as string], seen),
    );
  },
  // users.setAvatar / users.resetAvatar: avatarETag shows in users.info.
  writeUserAvatar: (cache, store, [id, avatar, change]) => {
    const { seen, observed } = observing(change);
    return own(
      cache,
      'users',
      () => store.writeUserAvatar(id as string, avatar as Parameters<Store['writeUserAvatar']>[1], observed),
      () => cache.dropUsers([id as string], seen),
    );
  },
  deleteUser: (cache, store, [id]) =>
    own(
      cache,
      'users',
      () => store.deleteUser(id as string),
      () => cache.dropUsers([id as string]),
    ),
  insertRoom: (cache, store, [room, subscriptions]) =>
    own(
      cache,
      'rooms',
      () => store.insertRoom(room as Parameters<Store['insertRoom']>[0], subscriptions as SubscriptionDoc[]),
      () => cache.dropRooms((subscriptions as SubscriptionDoc[]).map((s) => s.u._id)),
    ),
  // A room's name or type shows in every member's list; renames and deletions are rare: drop all lists.
  updateRoom: (cache, store, [id, change]) =>
    own(
      cache,
      'rooms',
      () => store.updateRoom(id as string, change as Parameters<Store['updateRoom']>[1]),
      () => cache.dropRooms(),
    ),
  deleteRoom: (cache, store, [id]) =>
    own(
      cache,
      'rooms',
      () => store.deleteRoom(id as string),
      () => cache.dropRooms(),
    ),
  insertSubscription: (cache, store, [subscription]) =>
    own(
      cache,
      'rooms',
      () => store.insertSubscription(subscription as SubscriptionDoc),
      () => cache.dropRooms([(subscription as SubscriptionDoc).u._id]),
    ),
  updateSubscription: (cache, store, [roomId, userId, change]) =>
    own(
      cache,
      'rooms',
      () =>
        store.updateSubscription(
          roomId as string,
          userId as string,
          change as Parameters<Store['updateSubscription']>[2],
        ),
      () => cache.dropRooms([userId as string]),
    ),
  deleteSubscription: (cache, store, [roomId, userId]) =>
    own(
      cache,
      'rooms',
      () => store.deleteSubscription(roomId as string, userId as string),
      () => cache.dropRooms([userId as string]),
    ),
  // A room write: every member's list when the room itself changed (name, type, …), else the members written.
  writeRoom: (cache, store, [roomId, plan]) => {
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
      () => store.writeRoom(roomId as string, observed),
      () => cache.dropRooms(affected),
    );
  },
  // A message raises unread / alert on every other member's subscription: exactly those members' lists.
  postMessage: (cache, store, [post]) => {
    let raised: string[] | undefined;
    return own(
      cache,
      'rooms',
      async () => {
        const posted: MessagePosted | null = await store.postMessage(post as MessagePost);
        raised = posted ? posted.raisedUserIds : [];
        return posted;
      },
      // A failed write committed nothing, but who it touched is unknown: every list then.
      () => cache.dropRooms(raised),
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
  return new Proxy(store, {
    get(target, property, receiver) {
      const write = typeof property === 'string' ? WRITES[property] : undefined;
      if (write) return (...args: unknown[]) => write(cache, target, args);
      const value = Reflect.get(target, property, receiver) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
