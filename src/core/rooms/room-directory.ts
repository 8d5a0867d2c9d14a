// directory type channels / teams: browseChannels' getChannelsAndGroups and getTeams over the caller's rooms.
import type { Context } from '../context.js';
import type { RoomDoc } from '../documents.js';
import type { Caller } from '../auth/sessions.js';

/** browseChannels' sortBy values for rooms: name, createdAt (`ts`), usersCount, lastMessage (`lastMessage.ts`). */
export const ROOM_SORTS = new Set(['name', 'createdAt', 'usersCount', 'usernames', 'lastMessage']);

/** getChannelsAndGroups' projection (plus `_id`). */
const ROOM_FIELDS = [
  '_id',
  't',
  'description',
  'topic',
  'name',
  'fname',
  'lastMessage',
  'ts',
  'archived',
  'default',
  'featured',
  'usersCount',
  'prid',
  'teamId',
  'federated',
] as const;

export interface RoomDirectoryQuery {
  /** Matched anywhere in the name or fname, ignoring case (browseChannels' escaped RegExp). */
  text: string;
  sortBy: string;
  direction: 1 | -1;
  offset: number;
  count: number;
}

export interface DirectoryPage {
  result: Record<string, unknown>[];
  count: number;
  offset: number;
  total: number;
}

/** sortChannels: createdAt sorts by `ts`, lastMessage by `lastMessage.ts`, anything else by that field. */
function sortValue(room: RoomDoc, sortBy: string): unknown {
  if (sortBy === 'createdAt') return room.ts;
  if (sortBy === 'lastMessage') {
    const last = room.lastMessage as { ts?: unknown } | undefined;
    return last?.ts;
  }
  return room[sortBy];
}

/** MongoDB's order across the types a room field holds: missing first, then numbers, strings, booleans. */
function rank(value: unknown): number {
  if (value === undefined || value === null) return 0;
  if (typeof value === 'number') return 1;
  if (typeof value === 'string') return 2;
  if (typeof value === 'boolean') return 4;
  return 3;
}

function compareValues(a: unknown, b: unknown): number {
  const byRank = rank(a) - rank(b);
  if (byRank !== 0) return byRank;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  return 0;
}

function view(room: RoomDoc): Record<string, unknown> {
  const shown: Record<string, unknown> = {};
  for (const field of ROOM_FIELDS) if (room[field] !== undefined) shown[field] = room[field];
  return shown;
}

/**
 * getChannelsAndGroups (Rooms.findPaginatedByNameOrFNameAndRoomIdsIncludingTeamRooms): public channels and every
 * room the caller is subscribed to, except team main rooms and discussions, whose name or fname contains the
 * text; sorted by `featured` descending, then the sort field; needs view-c-room. Roster has no teams, so the
 * team clauses reduce to "a public channel". Rocket.Chat's query names the caller's rooms by id whatever their
 * type, so a direct message shows when no text is given (it has no name to match otherwise); Roster does the same.
 * Null when the permission is missing (the route answers "Please verify the parameters").
 */
export async function directoryRooms(
  context: Context,
  caller: Caller,
  query: RoomDirectoryQuery,
): Promise<DirectoryPage | null> {
  if (!(await context.permissions.has(caller.user.roles, 'view-c-room'))) return null;
  const memberOf = (await context.store.subscriptions.listOfUser(caller.user._id)).map((s) => s.rid);
  const [publicRooms, ownRooms] = await Promise.all([
    context.store.rooms.list({ types: ['c'], offset: 0, count: 0 }),
    memberOf.length === 0
      ? Promise.resolve({ rooms: [] as RoomDoc[] })
      : context.store.rooms.list({ types: ['c', 'p', 'd'], ids: memberOf, offset: 0, count: 0 }),
  ]);
  const byId = new Map<string, RoomDoc>();
  for (const room of [...publicRooms.rooms, ...ownRooms.rooms]) byId.set(room._id, room);
  const needle = query.text.toLowerCase();
  const matches = (name: unknown) => typeof name === 'string' && name.toLowerCase().includes(needle);
  const found = [...byId.values()].filter(
    (room) =>
      room.teamMain === undefined &&
      room.prid === undefined &&
      (needle === '' || matches(room.name) || matches(room.fname)),
  );
  found.sort(
    (a, b) =>
      compareValues(b.featured, a.featured) ||
      query.direction * compareValues(sortValue(a, query.sortBy), sortValue(b, query.sortBy)),
  );
  const result = found.slice(query.offset, query.offset + query.count).map(view);
  return { result, count: result.length, offset: query.offset, total: found.length };
}

/** getTeams: team main rooms the caller may see. Roster stores no teams, so the page is always empty. */
export function directoryTeams(query: RoomDirectoryQuery): DirectoryPage {
  return { result: [], count: 0, offset: query.offset, total: 0 };
}
