// rooms.adminRooms: Rocket.Chat's findAdminRooms (server/api/lib/rooms.ts) — every room, by name or fname and
// type, with the admin projection (lib/rooms/adminFields.ts).
import type { Context } from '../context.js';
import type { RoomDoc } from '../documents.js';
import type { Page } from './room-lists.js';

/** adminFields: what the administration's room list shows (plus `_id`). */
const ADMIN_FIELDS = [
  '_id',
  'prid',
  'fname',
  'name',
  't',
  'cl',
  'u',
  'usernames',
  'ts',
  'usersCount',
  'muted',
  'unmuted',
  'ro',
  'default',
  'favorite',
  'featured',
  'reactWhenReadOnly',
  'topic',
  'msgs',
  'archived',
  'teamId',
  'teamMain',
  'announcement',
  'description',
  'broadcast',
  'uids',
  'avatarETag',
] as const;

/** The room types Roster stores (Rocket.Chat's RoomType values). */
const ALL_TYPES = ['c', 'p', 'd', 'l', 'v'];

export interface AdminRoomsQuery extends Page {
  filter?: string;
  /** Room types, plus the pseudo-types `discussions` and `teams`. */
  types: readonly string[];
}

/**
 * findByNameOrFnameContainingAndTypes: `filter` (trimmed) as a case-insensitive substring of name or fname; the
 * given types, or discussions (`prid`) with `discussions`, or team main rooms with `teams`; discussions and team
 * main rooms are left out unless asked for. No type at all lists every type. Sorted `{default: -1, name: 1}`.
 * Roster reads the matching rooms and pages them in memory: an administration list, not a hot path.
 */
export async function adminRooms(context: Context, query: AdminRoomsQuery) {
  const needle = query.filter?.trim().toLowerCase() ?? '';
  const discussions = query.types.includes('discussions');
  const teams = query.types.includes('teams');
  const types = query.types.filter((type) => type !== 'discussions' && type !== 'teams');
  const anyType = types.length === 0 && !discussions && !teams;
  const { rooms } = await context.store.rooms.list({ types: ALL_TYPES, offset: 0, count: 0 });
  const matching = rooms.filter((room) => {
    const isDiscussion = typeof room.prid === 'string';
    const isTeam = room.teamMain === true;
    if (!discussions && isDiscussion) return false;
    if (!teams && isTeam) return false;
    const typed = anyType || types.includes(room.t) || (discussions && isDiscussion) || (teams && isTeam);
    return typed && (needle === '' || contains(room.name, needle) || contains(room.fname, needle));
  });
  matching.sort(
    (a, b) => Number(b.default === true) - Number(a.default === true) || compare(a.name ?? '', b.name ?? ''),
  );
  const page = matching.slice(query.offset, query.offset + query.count).map(adminView);
  return { rooms: page, count: page.length, offset: query.offset, total: matching.length };
}

function contains(value: unknown, needle: string): boolean {
  return typeof value === 'string' && value.toLowerCase().includes(needle);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function adminView(room: RoomDoc): Record<string, unknown> {
  const shown: Record<string, unknown> = {};
  for (const field of ADMIN_FIELDS) if (room[field] !== undefined) shown[field] = room[field];
  return shown;
}
