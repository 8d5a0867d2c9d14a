// Recently looked-up users by every lookup key, as their rendered users.info bodies and room lists, so a
// users.info hit is a map read: bounded, misses kept apart, invalidated by writes and by the change feed.
import type { UserDoc } from '../documents.js';
import type { ChangeTopic, Store } from '../store.js';
import { lookupKey, lookupKeysOf, type LookupKind } from './user-lookup-keys.js';
import { entityTagOf } from './users-info-etag.js';

/** Default budget, MB (README "Configuration"): ~100,000 users, ~45,000 with room lists of 10. */
export const DEFAULT_USER_CACHE_MB = 100;

/**
 * What an entry costs besides its strings' characters: the entry, its index and LRU Map slots, key and id
 * strings, string headers. Measured: 100,000 entries with one 380-byte body took 995 bytes each of heap.
 */
const ENTRY_OVERHEAD_BYTES = 600;

/** Whose view of a user a body is: the user's own, a full-info caller's, anyone else's (users-info.md §5). */
export type ViewClass = 'self' | 'full' | 'default';

/**
 * One cached user. No document is kept (it is re-read when a body for another view is first needed): only the
 * rendered bodies by view and the room list as JSON, which is what answering takes and a few hundred bytes.
 */
export interface CachedUser {
  readonly id: string;
  /** The index keys that point at this entry. */
  keys: string[];
  /** The parsed settings object the bodies were rendered with; another one means they are stale. */
  bodiesFor: unknown;
  bodies: Partial<Record<ViewClass, string>>;
  /** The entity tag of each body (users-info-etag.ts), computed once when the body is kept. */
  tags: Partial<Record<ViewClass, string>>;
  rooms: CachedRooms | undefined;
  /** What this entry is counted as against the budget. */
  bytes: number;
}

/** A room list as JSON, and the tags of the bodies it was appended to (`base`: the body without rooms). */
interface CachedRooms {
  generation: number;
  json: string;
  tags?: Partial<Record<ViewClass, { base: string; etag: string }>>;
}

/** A rendered users.info body and its entity tag. */
export interface TaggedBody {
  json: string;
  etag: string;
}

/**
 * Staleness bound, the same as SessionCache's: a write through this process's store (user-cache-writes.ts)
 * drops the affected users before the write call returns; a commit by another process empties the cache within
 * the change feed's bound (SQLite 200 ms, PostgreSQL ≤ 1 s). A read that started before an invalidation is never
 * cached. A miss is remembered in a small separate set, so a flood of unknown names never evicts known users.
 */
export class UserCache {
  private readonly entries = new Map<string, CachedUser>();
  private readonly index = new Map<string, string>();
  private readonly misses = new Set<string>();
  private readonly missCapacity: number;
  private generation = 0;
  private roomsGeneration = 0;
  /** Writes in flight through the invalidating store, per topic: their own feed events need no full clear. */
  private readonly ownWrites = new Map<ChangeTopic, number>();
  private readonly unwatch: () => void;
  private readonly budget: number;
  private bytes = 0;
  readonly stats = { hits: 0, loads: 0 };

  /** `megabytes` bounds the cache's estimated heap (0: nothing cached); misses take 1/20 of it at most. */
  constructor(store: Store, megabytes: number) {
    this.budget = Math.max(megabytes, 0) * 1_000_000;
    this.missCapacity = Math.min(Math.floor(this.budget / 20 / 100), 10_000);
    this.unwatch = store.watch((topic) => this.changed(topic));
  }

  /** The cached answer for a lookup: a user, null (a known miss), or undefined (unknown: call `load`). */
  peek(kind: LookupKind, value: string): CachedUser | null | undefined {
    const key = lookupKey(kind, value);
    const id = this.index.get(key);
    const entry = id === undefined ? undefined : this.entries.get(id);
    if (entry) {
      this.stats.hits++;
      // Least recently used goes first: re-inserting moves the entry to the end of the Map's order.
      this.entries.delete(entry.id);
      this.entries.set(entry.id, entry);
      return entry;
    }
    if (this.misses.has(key)) {
      this.stats.hits++;
      return null;
    }
    return undefined;
  }

  /** Reads the lookup from the store and caches its answer unless an invalidation happened meanwhile. */
  async load(
    kind: LookupKind,
    value: string,
    read: () => Promise<UserDoc | null>,
  ): Promise<{ user: UserDoc; entry: CachedUser | undefined } | null> {
    this.stats.loads++;
    const generation = this.generation;
    const user = await read();
    const current = generation === this.generation && this.budget > 0;
    const key = lookupKey(kind, value);
    if (!user) {
      if (current) this.rememberMiss(key);
      return null;
    }
    return { user, entry: current ? this.admit(key, user._id) : undefined };
  }

  /** The room list JSON of a user, from `entry` or from `load` (kept in a live entry unless a room write intervened). */
  async roomsJson(entry: CachedUser | undefined, load: () => Promise<string>): Promise<string> {
    const kept = entry?.rooms;
    if (kept && kept.generation === this.roomsGeneration && this.isLive(entry)) return kept.json;
    const generation = this.generation;
    const roomsGeneration = this.roomsGeneration;
    const json = await load();
    if (
      entry &&
      this.isLive(entry) &&
      generation === this.generation &&
      roomsGeneration === this.roomsGeneration
    ) {
      this.resize(entry, json.length - (entry.rooms ? roomsBytes(entry.rooms) : 0));
      entry.rooms = { generation: roomsGeneration, json };
    }
    return json;
  }

  /** A body of `entry` for `view` with its tag, if one was rendered with the same settings. */
  body(entry: CachedUser, view: ViewClass, settings: unknown): TaggedBody | undefined {
    if (entry.bodiesFor !== settings) return undefined;
    const json = entry.bodies[view];
    const etag = entry.tags[view];
    return json === undefined || etag === undefined ? undefined : { json, etag };
  }

  /**
   * The tag of `base` with the room list `rooms` appended (`combined`), kept with the entry's room list while
   * both are current, so a hit with rooms costs no digest either.
   */
  roomsTag(
    entry: CachedUser | undefined,
    view: ViewClass,
    base: string,
    rooms: string,
    combined: string,
  ): string {
    const kept = entry?.rooms;
    const known = kept?.json === rooms ? kept.tags?.[view] : undefined;
    if (known && known.base === base) return known.etag;
    const etag = entityTagOf(combined);
    if (kept && kept.json === rooms && this.isLive(entry) && kept.generation === this.roomsGeneration) {
      kept.tags ??= {};
      this.resize(entry, etag.length - (kept.tags[view]?.etag.length ?? 0));
      kept.tags[view] = { base, etag };
    }
    return etag;
  }

  /**
   * Keeps a body rendered from the document `entry` was loaded with (a live entry has had no write since), with
   * its tag; returns the tag (computed here once, so later hits read it).
   */
  keepBody(
    entry: CachedUser,
    view: ViewClass,
    settings: unknown,
    body: string,
    etag = entityTagOf(body),
  ): string {
    if (!this.isLive(entry)) return etag;
    if (entry.bodiesFor !== settings) {
      for (const old of Object.values(entry.bodies)) this.resize(entry, -old.length);
      for (const old of Object.values(entry.tags)) this.resize(entry, -old.length);
      entry.bodiesFor = settings;
      entry.bodies = {};
      entry.tags = {};
    }
    this.resize(entry, body.length - (entry.bodies[view]?.length ?? 0));
    this.resize(entry, etag.length - (entry.tags[view]?.length ?? 0));
    entry.bodies[view] = body;
    entry.tags[view] = etag;
    return etag;
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

  /** Drops these users and whoever a lookup by any key of `docs` (states before and after a write) found. */
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
      if (entry?.rooms) this.resize(entry, -roomsBytes(entry.rooms));
      if (entry) entry.rooms = undefined;
    }
  }

  clear(): void {
    this.generation++;
    this.roomsGeneration++;
    this.entries.clear();
    this.index.clear();
    this.misses.clear();
    this.bytes = 0;
  }

  get size(): number {
    return this.entries.size;
  }

  /** The estimated bytes held, for the metric and the bound's test. */
  get heldBytes(): number {
    return this.bytes;
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

  private admit(key: string, id: string): CachedUser {
    let entry = this.entries.get(id);
    if (!entry) {
      entry = { id, keys: [], bodiesFor: undefined, bodies: {}, tags: {}, rooms: undefined, bytes: 0 };
      this.entries.set(id, entry);
      this.resize(entry, ENTRY_OVERHEAD_BYTES + id.length);
    }
    if (!entry.keys.includes(key)) {
      entry.keys.push(key);
      this.resize(entry, key.length);
    }
    this.index.set(key, id);
    return entry;
  }

  /** Counts `delta` bytes more for `entry`, then evicts least recently used entries (never it) to the budget. */
  private resize(entry: CachedUser, delta: number): void {
    entry.bytes += delta;
    this.bytes += delta;
    while (this.bytes > this.budget && this.entries.size > 1) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.dropEntry(oldest.value === entry.id ? this.secondOldest() : oldest.value);
    }
  }

  private secondOldest(): string {
    const ids = this.entries.keys();
    ids.next();
    return ids.next().value as string;
  }

  private isLive(entry: CachedUser | undefined): entry is CachedUser {
    return entry !== undefined && this.entries.get(entry.id) === entry;
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
    this.bytes -= entry.bytes;
    for (const key of entry.keys) if (this.index.get(key) === id) this.index.delete(key);
  }
}

/** What a room list is counted as: its JSON and the tags kept with it. */
function roomsBytes(rooms: CachedRooms): number {
  let bytes = rooms.json.length;
  for (const tag of Object.values(rooms.tags ?? {})) bytes += tag.etag.length;
  return bytes;
}
