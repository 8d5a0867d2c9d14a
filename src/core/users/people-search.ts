// users.autocomplete, directory (type users) and spotlight: Rocket.Chat's findUsersToAutocomplete,
// browseChannels' getUsers and Spotlight, over the store's prefix searches (core/store.ts DirectoryStore).
import type { Context } from '../context.js';
import type { RoomDoc, UserDoc } from '../documents.js';
import type { Caller } from '../auth/sessions.js';
import { searchErrors } from './search-errors.js';
import { pagination } from './user-list.js';

/** findUsersToAutocomplete's limit, and spotlight's (Number_of_users_autocomplete_suggestions' default). */
const AUTOCOMPLETE_LIMIT = 10;
const SPOTLIGHT_USERS = 5;
const SPOTLIGHT_ROOMS = 10;
/** Rooms whose members a caller without view-outside-room may find, at most (Roster's bound). */
const CONTACT_ROOMS = 100;

function pick(user: UserDoc, fields: readonly string[]): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  for (const field of fields) if (user[field] !== undefined) picked[field] = user[field];
  return picked;
}

function parseObject(raw: string | undefined, param: string): Record<string, unknown> {
  if (raw === undefined || raw === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw searchErrors.notJsonObject(param);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw searchErrors.notJsonObject(param);
  }
  return parsed as Record<string, unknown>;
}

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];

/** NUL can be in no stored key (PostgreSQL text cannot hold it): such a term finds nobody, on both stores. */
const cleanTerm = (term: unknown): string | null => {
  const text = typeof term === 'string' ? term.trim() : '';
  return text.includes('\u0000') ? null : text;
};

const startsWith = (value: unknown, lowerPrefix: string): boolean =>
  typeof value === 'string' && value.toLowerCase().startsWith(lowerPrefix);

const usernameOrder = (a: UserDoc, b: UserDoc) =>
  (a.username ?? '') < (b.username ?? '') ? -1 : (a.username ?? '') > (b.username ?? '') ? 1 : 0;

/**
 * Subscriptions.findConnectedUsersExcept: active users the caller shares a direct message with (`directOnly`)
 * or any room with, whose username or name starts with the term, by username.
 */
async function connectedUsers(
  context: Context,
  caller: Caller,
  term: string,
  exceptions: ReadonlySet<string>,
  limit: number,
  directOnly: boolean,
): Promise<UserDoc[]> {
  const lower = term.toLowerCase();
  const subscriptions = (await context.store.subscriptions.listOfUser(caller.user._id)).filter(
    (subscription) => !directOnly || subscription.t === 'd',
  );
  const names = new Set<string>();
  const direct = subscriptions.filter((subscription) => subscription.t === 'd');
  for (const subscription of direct) {
    if (typeof subscription.name === 'string') names.add(subscription.name);
  }
  if (!directOnly) {
    for (const subscription of subscriptions.filter((s) => s.t !== 'd').slice(0, CONTACT_ROOMS)) {
      for (const member of await context.store.subscriptions.listOfRoom(subscription.rid)) {
        if (member.u.username) names.add(member.u.username);
      }
    }
  }
  names.delete(caller.user.username ?? '');
  const found = await context.store.users.findByUsernames([...names]);
  return found
    .filter(
      (user) =>
        user.active === true &&
        typeof user.username === 'string' &&
        !exceptions.has(user.username) &&
        (startsWith(user.username, lower) || startsWith(user.name, lower)),
    )
    .sort(usernameOrder)
    .slice(0, limit);
}

const AUTOCOMPLETE_FIELDS = ['_id', 'name', 'username', 'nickname', 'status', 'avatarETag'] as const;

/**
 * users.autocomplete: `selector` is JSON `{term, exceptions?, conditions?}`. Direct-message contacts first,
 * then (with view-outside-room) other active users, ten at most: those whose username starts with the term
 * (by lower-cased username), then those whose name does (by name). Rocket.Chat matches anywhere and sorts all
 * by username; Roster's order lets each keystroke stop after ten index entries. `conditions` (a raw MongoDB
 * filter) is not applied.
 */
export async function autocompleteUsers(
  context: Context,
  caller: Caller,
  params: { selector: string },
): Promise<{ items: Record<string, unknown>[] }> {
  const selector = parseObject(params.selector, 'selector');
  const term = cleanTerm(selector.term);
  if (term === null) return { items: [] };
  const exceptions = new Set(strings(selector.exceptions));
  const contacts = await connectedUsers(context, caller, term, exceptions, AUTOCOMPLETE_LIMIT, true);
  const items = [...contacts];
  if (items.length < AUTOCOMPLETE_LIMIT) {
    for (const contact of contacts) exceptions.add(contact.username as string);
    if (!(await context.permissions.has(caller.user.roles, 'view-outside-room'))) {
      const others = await connectedUsers(
        context,
        caller,
        term,
        exceptions,
        AUTOCOMPLETE_LIMIT - items.length,
        false,
      );
      items.push(...others);
    } else {
      const page = await context.store.directory.searchUsers({
        prefix: term,
        excludeUsernames: [...exceptions].filter((name) => !name.includes('\u0000')),
        sort: 'username',
        direction: 1,
        offset: 0,
        count: AUTOCOMPLETE_LIMIT - items.length,
        firstMatches: true,
      });
      items.push(...page.users);
    }
  }
  return { items: items.map((user) => pick(user, AUTOCOMPLETE_FIELDS)) };
}

export interface DirectoryParams {
  text?: string;
  type?: string;
  workspace?: string;
  query?: string;
  sort?: string;
  count?: string;
  offset?: string;
}

/** browseChannels' sortBy values for type users; those the store cannot order by fall back to username. */
const SORTABLE = new Set(['name', 'createdAt', 'usersCount', 'username', 'email', 'bio']);

/**
 * GET /api/v1/directory (misc.ts → browseChannelsMethod, type users): active local users whose username or
 * name starts with `text`, paged; emails only for view-full-other-user-info; view-outside-room and view-d-room
 * required. `text` / `type` / `workspace` come from the query string or from its `query` JSON.
 */
export async function directory(
  context: Context,
  caller: Caller,
  params: DirectoryParams,
): Promise<{ result: Record<string, unknown>[]; count: number; offset: number; total: number }> {
  const query = parseObject(params.query, 'query');
  const sort = parseObject(params.sort, 'sort');
  const sortKeys = Object.keys(sort);
  if (sortKeys.length > 1) throw searchErrors.oneSort();
  const sortBy = sortKeys[0] ?? 'name';
  const direction = sortKeys.length === 0 || sort[sortBy] === 1 ? 1 : -1;
  const text = cleanTerm(params.text ?? query.text);
  const type = params.type ?? (typeof query.type === 'string' ? query.type : 'channels');
  const workspace = params.workspace ?? (typeof query.workspace === 'string' ? query.workspace : 'local');
  const { offset, count } = pagination(params);
  if (type !== 'users' || !SORTABLE.has(sortBy)) throw searchErrors.verifyParameters();
  const roles = caller.user.roles;
  if (
    !(await context.permissions.has(roles, 'view-outside-room')) ||
    !(await context.permissions.has(roles, 'view-d-room'))
  ) {
    throw searchErrors.verifyParameters();
  }
  if (text === null) return { result: [], count: 0, offset, total: 0 };
  const full = await context.permissions.has(roles, 'view-full-other-user-info');
  const page = await context.store.directory.searchUsers({
    prefix: text,
    localOnly: workspace !== 'all',
    sort: sortBy === 'name' || sortBy === 'createdAt' ? sortBy : 'username',
    direction,
    offset,
    count,
    withTotal: true,
  });
  const fields = ['_id', 'username', 'name', 'nickname', 'bio', 'createdAt', 'federation', 'avatarETag'];
  if (full) fields.push('emails');
  const result = page.users.map((user) => pick(user, fields));
  return { result, count: result.length, offset, total: page.total };
}

export interface SpotlightParams {
  query: string;
  usernames?: string;
  type?: string;
  rid?: string;
}

const SPOTLIGHT_USER_FIELDS = ['_id', 'username', 'nickname', 'name', 'status', 'statusText', 'avatarETag'];

function roomView(room: RoomDoc): Record<string, unknown> {
  const view: Record<string, unknown> = { _id: room._id, t: room.t, name: room.name };
  if (room.fname !== undefined) view.fname = room.fname;
  if (room.lastMessage !== undefined) view.lastMessage = room.lastMessage;
  return view;
}

/**
 * GET /api/v1/spotlight (misc.ts → spotlight): users whose username or name starts with the query (a leading
 * `@` dropped), the exact username first, `usernames` left out; without view-outside-room only people the
 * caller shares a room with. Rooms: public rooms whose name starts with it (a leading `#` dropped).
 */
export async function spotlight(
  context: Context,
  caller: Caller,
  params: SpotlightParams,
): Promise<{ users: Record<string, unknown>[]; rooms: Record<string, unknown>[] }> {
  const kinds = parseObject(params.type, 'type');
  const wantUsers = kinds.users !== false;
  const wantRooms = kinds.rooms !== false;
  const raw = cleanTerm(params.query);
  const users: UserDoc[] = [];
  const rooms: RoomDoc[] = [];
  if (raw !== null && wantUsers) {
    const text = raw.replace(/^@/, '');
    const exceptions = new Set((params.usernames ?? '').split(',').filter(Boolean));
    const roles = caller.user.roles;
    const outsiders =
      (await context.permissions.has(roles, 'view-outside-room')) &&
      (await context.permissions.has(roles, 'view-d-room'));
    if (!outsiders) {
      users.push(...(await connectedUsers(context, caller, text, exceptions, SPOTLIGHT_USERS, false)));
    } else {
      const exact = text === '' ? null : await context.store.users.findByUsernameInsensitive(text);
      if (exact?.active === true && exact.username && !exceptions.has(exact.username)) {
        users.push(exact);
        exceptions.add(exact.username);
      }
      const page = await context.store.directory.searchUsers({
        prefix: text,
        excludeUsernames: [...exceptions].filter((name) => !name.includes('\u0000')),
        sort: 'username',
        direction: 1,
        offset: 0,
        count: SPOTLIGHT_USERS - users.length,
        firstMatches: true,
      });
      users.push(...page.users);
    }
  }
  if (raw !== null && wantRooms) {
    rooms.push(...(await context.store.directory.searchPublicRooms(raw.replace(/^#/, ''), SPOTLIGHT_ROOMS)));
  }
  return {
    users: users.map((user) => pick(user, SPOTLIGHT_USER_FIELDS)),
    rooms: rooms.map(roomView),
  };
}
