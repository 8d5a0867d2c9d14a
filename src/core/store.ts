// The Store port: everything core needs from a database. Every adapter (store/sqlite, store/postgres) implements it.
import type {
  PermissionDoc,
  RoleDoc,
  RoomDoc,
  SettingDoc,
  StoredToken,
  SubscriptionDoc,
  UserDoc,
} from './documents.js';

/** What changed; `all` when an adapter only knows that another process committed something. */
export type ChangeTopic = 'users' | 'tokens' | 'rooms' | 'roles' | 'permissions' | 'settings' | 'all';

/** What a fresh database is given on first start (see core/bootstrap.ts). */
export interface InitialData {
  roles: RoleDoc[];
  permissions: PermissionDoc[];
  settings: SettingDoc[];
  admin: UserDoc;
}

export type SortDirection = 1 | -1;

/** The top-level user fields `users.list` may sort by; core drops any other field before it reaches a store. */
export const USER_SORT_FIELDS = [
  'username',
  'name',
  'createdAt',
  'lastLogin',
  'status',
  'active',
  'type',
  '_id',
] as const;
export type UserSortField = (typeof USER_SORT_FIELDS)[number];

/** A page of users for `users.list`. */
export interface UserListQuery {
  offset: number;
  count: number;
  sort: ReadonlyArray<readonly [field: UserSortField, direction: SortDirection]>;
  /** Case-insensitive substring of username or name (and of an email address with `textIncludesEmails`). */
  text?: string;
  /** `text` also matches email addresses (Rocket.Chat: only for view-full-other-user-info holders). */
  textIncludesEmails?: boolean;
  /** The user holds at least one of these roles. */
  roles?: readonly string[];
  active?: boolean;

  // --- users.list / users.listByStatus filters (Rocket.Chat 8.4+) ---
  /** One of the user's email addresses equals this, ignoring case (users.list `email`: `^<escaped>$`, `i`). */
  email?: string;
  /** `lastLogin: {$exists: hasLoggedIn}`: the document has (or lacks) a `lastLogin` key. */
  hasLoggedIn?: boolean;
  /** `type` equals this exactly. */
  type?: string;
  /**
   * `inactiveReason` is one of these; with `deactivated` or `idle_too_long` among them, a user without any
   * `inactiveReason` matches too (Rocket.Chat's backward-compatible condition).
   */
  inactiveReason?: readonly string[];
}

export interface UserPage {
  users: UserDoc[];
  total: number;
}

/** A batch for seeding and importing: written in one transaction. */
export interface BulkBatch {
  users?: UserDoc[];
  tokens?: StoredToken[];
  rooms?: RoomDoc[];
  subscriptions?: SubscriptionDoc[];
  roles?: RoleDoc[];
  permissions?: PermissionDoc[];
  settings?: SettingDoc[];
}

/**
 * How `bulkWrite` treats a document whose `_id` exists: `ignore` keeps the stored one, `replace` overwrites it
 * when it differs. A document that conflicts with another document's unique key (e.g. the same email under
 * another `_id`) is skipped in both modes and counted as `skipped`.
 */
export type BulkMode = 'ignore' | 'replace';

/** Per kind: new documents, changed documents, documents already stored as given, and conflicting ones left out. */
export interface BulkCount {
  inserted: number;
  updated: number;
  unchanged: number;
  skipped: number;
}

export type BulkCounts = Record<keyof BulkBatch, BulkCount>;

export interface UserSession {
  token: StoredToken;
  user: UserDoc;
}

/**
 * All methods are async so that any database can implement them; writes are transactional each.
 * Uniqueness violations are thrown as `ConflictError` (errors.ts), never as driver errors; an unreachable
 * database is thrown as `StoreUnavailableError`. The operations are grouped in sub-ports (`store.users`,
 * `store.rooms`, …); each adapter implements every sub-port under exactly these names.
 */
export interface Store {
  /** `sqlite` or `postgres`, for logs and /api/info diagnostics only: core never branches on it. */
  readonly kind: string;

  readonly users: UsersPort;
  readonly tokens: TokensPort;
  readonly rooms: RoomsPort;
  readonly subscriptions: SubscriptionsPort;
  readonly roles: RolesPort;
  readonly permissions: PermissionsPort;
  readonly settings: SettingsPort;
  readonly accounts: AccountsPort;
  readonly avatars: AvatarsPort;
  readonly directory: DirectoryPort;
  readonly presence: PresencePort;
  readonly lookupAudits: LookupAuditsPort;

  /** True once `initialize` has written a database's initial data. */
  isInitialized(): Promise<boolean>;
  /** Writes `data` when the database has never been initialised; true when it did. Safe to race. */
  initialize(data: InitialData): Promise<boolean>;
  /** Resolves when the database answers. */
  ping(): Promise<void>;
  close(): Promise<void>;
  /**
   * Calls `listener` after a commit by this process (with the topic written) and, within the adapter's stated
   * bound, after a commit by any other process sharing the database (topic `all` if unknown). Returns unwatch.
   */
  watch(listener: (topic: ChangeTopic) => void): () => void;
  /** Seeding and import: one transaction per call. */
  bulkWrite(batch: BulkBatch, mode: BulkMode): Promise<BulkCounts>;
  /**
   * After a bulk load: brings the query planner's statistics up to date, so lookups keep using their indexes
   * on a table that grew by millions of rows (autovacuum may be late, or off).
   */
  refreshPlannerStatistics(): Promise<void>;
}

/** The names of the sub-ports of `Store` (core/store-wrap.ts wraps each of them). */
export const STORE_PORTS = [
  'users',
  'tokens',
  'rooms',
  'subscriptions',
  'roles',
  'permissions',
  'settings',
  'accounts',
  'avatars',
  'directory',
  'presence',
  'lookupAudits',
] as const satisfies ReadonlyArray<keyof Store>;

/** Users. Emails are matched trimmed and case-insensitively; usernames and ids exactly. */
export interface UsersPort {
  findById(id: string): Promise<UserDoc | null>;
  /** A user whose `_id` or `username` equals `value` (the `_id` match wins). */
  findByIdOrUsername(value: string): Promise<UserDoc | null>;
  findByUsername(username: string): Promise<UserDoc | null>;
  /** Case-insensitive username match, for availability checks. */
  findByUsernameInsensitive(username: string): Promise<UserDoc | null>;
  findByEmail(address: string): Promise<UserDoc | null>;
  findByImportId(importId: string): Promise<UserDoc | null>;
  findByFreeSwitchExtension(extension: string): Promise<UserDoc | null>;
  /** The users with these ids that exist, in one query. */
  findByIds(ids: readonly string[]): Promise<UserDoc[]>;
  /** The users with exactly these usernames that exist, in one query. */
  findByUsernames(usernames: readonly string[]): Promise<UserDoc[]>;
  /** The users whose lower-cased username is one of these (lower-cased) names, in one query. */
  findByUsernamesInsensitive(usernames: readonly string[]): Promise<UserDoc[]>;
  insert(user: UserDoc): Promise<void>;
  /**
   * Reads the user, applies `change` (a pure function), writes the result, all in one transaction.
   * `revokeTokens` deletes every token of the user (login tokens and PATs) in the same transaction, except the
   * one whose hash is `keepToken`. Null when there is no such user.
   */
  update(id: string, change: (user: UserDoc) => UserDoc, options?: TokenRevocation): Promise<UserDoc | null>;
  /** Deletes the user with their tokens, subscriptions and avatar. */
  delete(id: string): Promise<boolean>;
  list(query: UserListQuery): Promise<UserPage>;
  countWithRole(role: string): Promise<number>;
}

export interface TokensPort {
  /** The token with this hash and its user, in one lookup. */
  findSession(hashedToken: string): Promise<UserSession | null>;
  insert(token: StoredToken): Promise<void>;
  delete(hashedToken: string): Promise<boolean>;
  listOfUser(userId: string, type: StoredToken['type']): Promise<StoredToken[]>;
  /** Deletes a user's personal access token by name; true when one was deleted. */
  deletePersonalAccessToken(userId: string, name: string): Promise<boolean>;
  /** Deletes login tokens (never PATs) issued before `issuedBefore` (ISO); returns how many. */
  deleteLoginTokensIssuedBefore(issuedBefore: string): Promise<number>;
  /**
   * Deletes the user's login tokens (never PATs) in one transaction, except the one hashed `keepToken` when
   * given; returns how many (Rocket.Chat's removeNonPATLoginTokensExcept / unsetLoginTokens).
   */
  deleteLoginTokensOfUser(userId: string, keepToken?: string): Promise<number>;
}

export interface RoomsPort {
  findById(id: string): Promise<RoomDoc | null>;
  /** A `c` or `p` room with this exact name (room names are unique across both types). */
  findByName(name: string): Promise<RoomDoc | null>;
  /** Inserts a room and its first subscriptions together. */
  insert(room: RoomDoc, subscriptions: SubscriptionDoc[]): Promise<void>;
  update(id: string, change: (room: RoomDoc) => RoomDoc): Promise<RoomDoc | null>;
  /** Deletes a room and every subscription to it. */
  delete(id: string): Promise<boolean>;
  /**
   * Reads the room and its subscriptions, lets `plan` (a pure function; it may throw to refuse) decide the
   * writes and applies them, in one transaction. Null when there is no such room.
   */
  write(roomId: string, plan: (state: RoomState) => RoomWrites): Promise<RoomWrites | null>;
  /** Rooms matching `query`, ordered by name then `_id` (binary order), with the total before paging. */
  list(query: RoomListQuery): Promise<RoomPage>;
  /**
   * Adds the subscriptions of `users` to the room that have none yet and raises its usersCount by that many, in
   * one transaction. Returns the updated room and the ids of the users added; null when the room is gone.
   */
  addMembers(
    roomId: string,
    subscriptions: readonly SubscriptionDoc[],
    now: string,
  ): Promise<{ room: RoomDoc; added: string[] } | null>;
}

/** Subscriptions are keyed by room and user. */
export interface SubscriptionsPort {
  /** The user's subscriptions ordered by `t`, then `name`, ascending in binary order. */
  listOfUser(userId: string): Promise<SubscriptionDoc[]>;
  listOfRoom(roomId: string): Promise<SubscriptionDoc[]>;
  find(roomId: string, userId: string): Promise<SubscriptionDoc | null>;
  insert(subscription: SubscriptionDoc): Promise<void>;
  update(
    roomId: string,
    userId: string,
    change: (subscription: SubscriptionDoc) => SubscriptionDoc,
  ): Promise<SubscriptionDoc | null>;
  delete(roomId: string, userId: string): Promise<boolean>;
}

export interface RolesPort {
  list(): Promise<RoleDoc[]>;
  save(role: RoleDoc): Promise<void>;
  /**
   * A page of the users holding a role, ordered by username (then id), and how many hold it. `Users` scope: the
   * user's own `roles`; `Subscriptions` scope: a subscription's `roles`, in `roomId` or in any room.
   */
  listHolders(query: RoleHoldersQuery): Promise<{ users: UserDoc[]; total: number }>;
  /** Deletes the role and keeps it, with `_deletedAt`, in the roles trash; one transaction. False if none. */
  delete(id: string, deletedAt: string): Promise<boolean>;
  /** Trashed roles deleted strictly after `since` (ISO), each with `_deletedAt`. */
  listDeletedAfter(since: string): Promise<RoleDoc[]>;
}

export interface PermissionsPort {
  list(): Promise<PermissionDoc[]>;
  /** Upserts all of them in one transaction. */
  saveMany(permissions: PermissionDoc[]): Promise<void>;
}

export interface SettingsPort {
  list(): Promise<SettingDoc[]>;
  find(id: string): Promise<SettingDoc | null>;
  save(setting: SettingDoc): Promise<void>;
}

/** roles.getUsersInRole's query (see `RolesPort.listHolders`). */
export interface RoleHoldersQuery {
  roleId: string;
  scope: 'Users' | 'Subscriptions';
  /** Subscriptions scope only: the room; absent means every room. */
  roomId?: string;
  offset: number;
  /** 0: no users, only the total. */
  count: number;
}

// ---------------------------------------------------------------------------------------------------------------
// Account lifecycle and batched membership: writes that span a user and what refers to
// them, each one transaction in every adapter. Kept in a block of their own so the sub-port split can move them.
// ---------------------------------------------------------------------------------------------------------------

/** What refers to a user, read inside the transaction that rewrites it. */
export interface UserFootprint {
  user: UserDoc;
  /** The user's own subscriptions. */
  subscriptions: SubscriptionDoc[];
  /** Other users' direct-message subscriptions named after the user (`t: 'd'`, `name` = the username). */
  namedAfter: SubscriptionDoc[];
  /** The rooms those subscriptions belong to and the rooms the user created (`u._id`), each once. */
  rooms: RoomDoc[];
  /** The other members (`uids`) of the direct-message rooms among `rooms`. */
  partners: UserDoc[];
}

/**
 * The writes a footprint plan decides, applied in one transaction: rooms, deleted rooms, subscriptions, owner
 * grants, then the user and their tokens.
 */
export interface FootprintWrites {
  /** The user as it is to be stored; `null` deletes the user with their tokens and subscriptions. */
  user: UserDoc | null;
  revokeTokens?: boolean;
  /** With `revokeTokens`: the hashed token that survives (the caller's own, on a self password change). */
  keepToken?: string;
  /** Subscriptions (the user's or others') stored as given, matched by `_id`. */
  subscriptions?: SubscriptionDoc[];
  /** Rooms stored as given, matched by `_id`. */
  rooms?: RoomDoc[];
  /** Members who receive the room role `owner` in the room (Rocket.Chat's relinquishRoomOwnerships). */
  ownerGrants?: ReadonlyArray<{ rid: string; userId: string }>;
  /** Rooms deleted with every subscription to them. */
  deleteRooms?: readonly string[];
}

/** Tokens a user write revokes in its transaction. */
export interface TokenRevocation {
  revokeTokens?: boolean;
  /** The hashed token that survives the revocation. */
  keepToken?: string;
}

/** Account lifecycle: writes that span a user and what refers to them, each one transaction. */
export interface AccountsPort {
  /**
   * Reads the user's footprint, lets `plan` (a pure function) decide the writes and applies them, in one
   * transaction. Null when there is no such user.
   */
  writeFootprint(
    userId: string,
    plan: (footprint: UserFootprint) => FootprintWrites,
  ): Promise<FootprintWrites | null>;
}

// ---------------------------------------------------------------------------------------------------------------
// Avatars and people search: the avatar image stored next to its user, and prefix searches
// over usernames, names and public room names that stay on indexes however many users there are.
// ---------------------------------------------------------------------------------------------------------------

/** A user's uploaded avatar image, as stored (Rocket.Chat keeps it in its Avatars file store). */
export interface StoredAvatar {
  userId: string;
  /** The type detected from the image's own bytes (image/png, image/jpeg, image/gif, image/webp). */
  contentType: string;
  /** Equals the user's `avatarETag` written with it. */
  etag: string;
  /** ISO instant. */
  uploadedAt: string;
  data: Buffer;
}

/** A page of active users whose lower-cased username or name starts with `prefix`. */
export interface UserSearchQuery {
  /** '' matches every active user. Matched as a prefix of the lower-cased username or name. */
  prefix: string;
  /** Usernames left out (Rocket.Chat's `exceptions`). */
  excludeUsernames?: readonly string[];
  /** Leave out users with `federated: true` (the directory's local workspace). */
  localOnly?: boolean;
  sort: 'username' | 'name' | 'createdAt';
  direction: SortDirection;
  offset: number;
  count: number;
  /** Also count every match (the directory's `total`); otherwise `total` is the page's length. */
  withTotal?: boolean;
  /**
   * Typeahead order instead of `sort`/`offset`: the username matches by lower-cased username, then the name
   * matches by lower-cased name, at most `count` in all. Each part walks its index in order and stops at
   * `count`, so the cost does not grow with the number of matches.
   */
  firstMatches?: boolean;
}

export interface AvatarsPort {
  /**
   * Stores `avatar` as the user's image (`null` deletes it) and writes `change(user)`, in one transaction.
   * Null when there is no such user (nothing is written).
   */
  write(
    userId: string,
    avatar: Omit<StoredAvatar, 'userId'> | null,
    change: (user: UserDoc) => UserDoc,
  ): Promise<UserDoc | null>;
  find(userId: string): Promise<StoredAvatar | null>;
}

/** Prefix searches over usernames, names and public room names. */
export interface DirectoryPort {
  searchUsers(query: UserSearchQuery): Promise<UserPage>;
  /** Public rooms (`t: 'c'`) whose name starts with `prefix`, by name, at most `limit`. */
  searchPublicRooms(prefix: string, limit: number): Promise<RoomDoc[]>;
}

// ---------------------------------------------------------------------------------------------------------------
// Presence reads: users.presence's queries, each served by an index (migration 5).
// ---------------------------------------------------------------------------------------------------------------

export interface PresencePort {
  /**
   * Users with a username whose `status` is online, away or busy (Rocket.Chat's findUsersNotOffline), by `_id`;
   * with `ids`, only those users (findNotOfflineByIds, which does not require a username).
   */
  listNotOffline(ids?: readonly string[]): Promise<UserDoc[]>;
  /**
   * Users with a username, other than `exceptId`, whose `_updatedAt` (ISO) is at or after `since`
   * (Rocket.Chat's findNotIdUpdatedFrom), by `_id`.
   */
  listUpdatedSince(since: string, exceptId: string): Promise<UserDoc[]>;
}

// ---------------------------------------------------------------------------------------------------------------
// Audit of gated lookups (README "Beyond Rocket.Chat"): append-only, written in batches.
// ---------------------------------------------------------------------------------------------------------------

/** One gated lookup: an `email`/`importId` key, or a full view (canViewAllInfo) of someone else. */
export interface LookupAuditEntry {
  /** ISO-8601 with milliseconds. */
  ts: string;
  callerId: string;
  /** The user found; null when the lookup found no one (or was refused, which looks the same). */
  targetId: string | null;
  key: 'userId' | 'username' | 'importId' | 'email' | 'freeSwitchExtension';
  value: string;
  found: boolean;
}

export interface LookupAuditQuery {
  offset: number;
  count: number;
  callerId?: string;
  targetId?: string;
  /** Inclusive lower bound of `ts` (ISO). */
  since?: string;
  /** Exclusive upper bound of `ts` (ISO). */
  until?: string;
}

export interface LookupAuditsPort {
  /**
   * Appends the entries in one transaction. Never announced to watchers: an audit write changes nothing any
   * cache holds.
   */
  append(entries: readonly LookupAuditEntry[]): Promise<void>;
  /** A page of entries matching the filters, newest first (then latest appended first), and how many match. */
  list(query: LookupAuditQuery): Promise<{ entries: LookupAuditEntry[]; total: number }>;
  /** Deletes entries older than `before` (ISO); returns how many. */
  deleteBefore(before: string): Promise<number>;
}

// ---------------------------------------------------------------------------------------------------------------
// Room writes and room lists: a room and its subscriptions rewritten in one transaction (roles,
// leave, rename, type, archive), and paged room lists (channels.list, groups.listAll, rooms.get, …).
// ---------------------------------------------------------------------------------------------------------------

/** A room and every subscription to it, read inside the transaction that rewrites them. */
export interface RoomState {
  room: RoomDoc;
  subscriptions: SubscriptionDoc[];
}

/** What a room plan decides; applied in one transaction. */
export interface RoomWrites {
  /** The room as it is to be stored (its `_id` is kept). */
  room?: RoomDoc;
  /** Subscriptions stored as given, matched by `_id`. */
  subscriptions?: SubscriptionDoc[];
  /** Subscriptions to new members, inserted (one already in the room is left as it is). */
  insertSubscriptions?: SubscriptionDoc[];
  /** Members whose subscription to the room is deleted. */
  removeUserIds?: readonly string[];
}

export interface RoomListQuery {
  /** Room types (`c`, `p`, `d`, …). */
  types: readonly string[];
  /** Only these room ids. */
  ids?: readonly string[];
  /** Only rooms whose `default` is true. */
  defaultOnly?: boolean;
  /** Case-insensitive substring of the room's name. */
  name?: string;
  /** Only rooms whose `_updatedAt` is later than this ISO time. */
  updatedAfter?: string;
  offset: number;
  /** 0: no limit. */
  count: number;
}

export interface RoomPage {
  rooms: RoomDoc[];
  total: number;
}
