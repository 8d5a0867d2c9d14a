// Recently read users by every lookup key, with their room lists and users.info bodies, so a users.info hit is
// a map read: bounded, misses kept apart, invalidated by writes (user-cache-writes.ts) and the change feed.
import type { UserDoc } from '../documents.js';
import type { ChangeTopic, Store } from '../store.js';
import { deepFreeze } from './deep-freeze.js';
import { lookupKey, lookupKeysOf, type LookupKind } from './user-lookup-keys.js';

/** Default entries (README "Configuration"): about 0.5 KB each with a few bodies, so ~50 MB when full. */
export const DEFAULT_USER_CACHE_SIZE = 100_000;

interface RoomsRecord {
  generation: number;
  list: unknown;
  /** users.info bodies that include these rooms, by view. */
  bodies: Map<string, string>;
}

interface Entry {
  user: UserDoc;
  /** The index keys that point at this entry. */
  keys: string[];
  /** The parsed settings object the bodies were rendered with; another one means they are stale. */
  bodiesFor: unknown;
  bodies: Map<string, string>;
  rooms: RoomsRecord | undefined;
}

/**
 * Staleness bound, the same as SessionCache's: a write through this process's store (user-cache-writes.ts)
 * drops the affected users before the write call returns; a commit by another process empties the cache within
 * the change feed's bound (SQLite 200 ms, PostgreSQL ≤ 1 s). A read that started before an invalidation is never
 * cached. A miss is remembered in a small separate map, so a flood of unknown names never evicts known users.
 */
export class UserCache {
  private readonly entries = new Map<string, Entry>();
  private readonly index = new Map<string, string>();
  private readonly misses = new Set<string>();
  private readonly missCapacity: number;
  private generation = 0;
  private roomsGeneration = 0;
  /** Writes in flight through the invalidating store, per topic: their own feed events need no full clear. */
  private readonly ownWrites = new Map<ChangeTopic, number>();
  private readonly unwatch: () => void;
  readonly stats = { hits: 0, loads: 0 };

  constructor(
    store: Store,
    readonly capacity: number,
  ) {
    this.missCapacity = Math.min(Math.max(Math.ceil(capacity / 10), 0), 10_000);
    this.unwatch = store.watch((topic) => this.changed(topic));
  }

  /** The cached answer for a lookup: a user, null (known miss), or undefined (not known: ask the store). */
  peek(kind: LookupKind, value: string): UserDoc | null | undefined {
    const key = lookupKey(kind, value);
    const id = this.index.get(key);
    const entry = id === undefined ? undefined : this.entries.get(id);
    if (entry) {
      this.stats.hits++;
      // Least recently used goes first: re-inserting moves the entry to the end of the Map's order.
      this.entries.delete(entry.user._id);
      this.entries.set(entry.user._id, entry);
      return entry.user;
    }
    if (this.misses.has(key)) {
      this.stats.hits++;
      return null;
    }
    return undefined;
  }

  /** The lookup's answer, from memory or from `read` (cached unless an invalidation happened meanwhile). */
  async find(kind: LookupKind, value: string, read: () => Promise<UserDoc | null>): Promise<UserDoc | null> {
    const cached = this.peek(kind, value);
    if (cached !== undefined) return cached;
    this.stats.loads++;
    const generation = this.generation;
    const user = await read();
    if (generation !== this.generation || this.capacity <= 0) return user;
    const key = lookupKey(kind, value);
    return user ? this.admit(key, user) : (this.rememberMiss(key), null);
  }

  /** The user's room list as `load` computes it, cached with the user's entry while no room write intervenes. */
  async rooms<T>(user: UserDoc, load: () => Promise<T>): Promise<{ list: T; token: object | undefined }> {
    const entry = this.entryHolding(user);
    const record = entry?.rooms;
    if (record && record.generation === this.roomsGeneration)
      return { list: record.list as T, token: record };
    const generation = this.generation;
    const roomsGeneration = this.roomsGeneration;
    const list = await load();
    const current = this.entryHolding(user);
    if (!current || generation !== this.generation || roomsGeneration !== this.roomsGeneration) {
      return { list, token: undefined };
    }
    current.rooms = { generation: roomsGeneration, list: deepFreeze(list), bodies: new Map() };
    return { list, token: current.rooms };
  }

  /** A rendered body of `user` for `view`, if one was kept for the same settings (and the same rooms). */
  body(user: UserDoc, view: string, settings: unknown, rooms?: object): string | undefined {
    const bodies = this.bodiesOf(user, settings, rooms);
    return bodies?.get(view);
  }

  /** Keeps a body rendered from exactly this cached `user` (and `rooms` token); ignored for anything stale. */
  keepBody(user: UserDoc, view: string, settings: unknown, body: string, rooms?: object): void {
    const entry = this.entryHolding(user);
    if (!entry) return;
    if (entry.bodiesFor !== settings) {
      entry.bodiesFor = settings;
      entry.bodies.clear();
      if (entry.rooms) entry.rooms.bodies.clear();
    }
    const bodies = this.bodiesOf(user, settings, rooms);
    bodies?.set(view, body);
  }

  /** Called by the invalidating store around its writes (see `changed`). */
  beginOwnWrite(topic: ChangeTopic): void {
    this.ownWrites.set(topic, (this.ownWrites.get(topic) ?? 0) + 1);
    this.generation++;
  }
  endOwnWrite(topic: ChangeTopic): void {
    this.ownWrites.set(topic, (this.ownWrites.get(topic) ?? 1) - 1);
    this.generation++;
  }

  /** Drops every user whose lookups `docs` (states before and after a write) could answer, and every miss. */
  dropUsers(ids: Iterable<string>, docs: Iterable<UserDoc> = []): void {
    this.generation++;
    for (const id of ids) this.dropEntry(id);
    for (const doc of docs) {
      this.dropEntry(doc._id);
      for (const key of lookupKeysOf(doc)) {
        const id = this.index.get(key);
        if (id !== undefined) this.dropEntry(id);
        this.index.delete(key);
      }
    }
    this.misses.clear();
  }

  /** Drops the room lists of these users, or of everyone (a room renamed or deleted). */
  dropRooms(userIds?: Iterable<string>): void {
    this.generation++;
    if (!userIds) {
      this.roomsGeneration++;
      return;
    }
    for (const id of userIds) {
      const entry = this.entries.get(id);
      if (entry) entry.rooms = undefined;
    }
  }

  clear(): void {
    this.generation++;
    this.roomsGeneration++;
    this.entries.clear();
    this.index.clear();
    this.misses.clear();
  }

  get size(): number {
    return this.entries.size;
  }

  close(): void {
    this.unwatch();
  }

  /** A foreign commit (`all`) or a write that bypassed the invalidating store empties what it may affect. */
  private changed(topic: ChangeTopic): void {
    this.generation++;
    if (topic === 'all') return this.clear();
    if (topic !== 'users' && topic !== 'rooms') return;
    if ((this.ownWrites.get(topic) ?? 0) > 0) return;
    if (topic === 'users') this.clear();
    else this.dropRooms();
  }

  private admit(key: string, found: UserDoc): UserDoc {
    const existing = this.entries.get(found._id);
    if (existing) {
      if (!existing.keys.includes(key)) existing.keys.push(key);
      this.index.set(key, found._id);
      return existing.user;
    }
    if (this.entries.size >= this.capacity) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.dropEntry(oldest.value);
    }
    const user = deepFreeze(found);
    this.entries.set(user._id, {
      user,
      keys: [key],
      bodiesFor: undefined,
      bodies: new Map(),
      rooms: undefined,
    });
    this.index.set(key, user._id);
    return user;
  }

  private rememberMiss(key: string): void {
    if (this.missCapacity <= 0) return;
    if (this.misses.size >= this.missCapacity) {
      const oldest = this.misses.values().next();
      if (!oldest.done) this.misses.delete(oldest.value);
    }
    this.misses.add(key);
  }

  private dropEntry(id: string): void {
    const entry = this.entries.get(id);
    if (!entry) return;
    this.entries.delete(id);
    for (const key of entry.keys) if (this.index.get(key) === id) this.index.delete(key);
  }

  /** The live entry whose document is exactly `user` (not an older or newer copy). */
  private entryHolding(user: UserDoc): Entry | undefined {
    const entry = this.entries.get(user._id);
    return entry && entry.user === user ? entry : undefined;
  }

  private bodiesOf(user: UserDoc, settings: unknown, rooms?: object): Map<string, string> | undefined {
    const entry = this.entryHolding(user);
    if (!entry || entry.bodiesFor !== settings) return undefined;
    if (rooms === undefined) return entry.bodies;
    const record = entry.rooms;
    return record === rooms && record.generation === this.roomsGeneration ? record.bodies : undefined;
  }
}
