// Room member lists, room lists and channels.counters: Rocket.Chat's findUsersOfRoom, the *.list endpoints'
// queries (channels.list, channels.list.joined, groups.list, groups.listAll, im.list, im.list.everyone).
import { forbidden } from '../../errors.js';
import type { Context } from '../context.js';
import type { PermissionId } from '../setup/defaults.js';
import type { RoomDoc, UserDoc } from '../documents.js';
import type { RoomListQuery } from '../store.js';
import { roomForResponse } from './room-documents.js';

export interface Page {
  offset: number;
  count: number;
}

export interface MemberQuery extends Page {
  /** Only members with one of these statuses. */
  status?: readonly string[];
  /** Case-insensitive substring of username or name. */
  filter?: string;
}

const MEMBER_FIELDS = ['_id', 'username', 'name', 'status', 'statusText', 'utcOffset', 'federated'] as const;

/**
 * findUsersOfRoom: the room's active members (status and filter applied), sorted by statusConnection
 * descending, then username, with its projection; paged after filtering, `total` before paging.
 */
export async function roomMembers(context: Context, room: RoomDoc, query: MemberQuery) {
  const ids = (await context.store.subscriptions.listOfRoom(room._id)).map((s) => s.u._id);
  const needle = query.filter?.toLowerCase();
  const matching = (await context.store.users.findByIds(ids)).filter(
    (user) =>
      user.active === true &&
      (query.status === undefined || query.status.includes(String(user.status))) &&
      (needle === undefined ||
        needle === '' ||
        (user.username ?? '').toLowerCase().includes(needle) ||
        String(user.name ?? '')
          .toLowerCase()
          .includes(needle)),
  );
  matching.sort(
    (a, b) =>
      compare(String(b.statusConnection ?? ''), String(a.statusConnection ?? '')) ||
      compare(a.username ?? '', b.username ?? ''),
  );
  const members = matching.slice(query.offset, query.offset + query.count).map(memberView);
  return { members, count: members.length, offset: query.offset, total: matching.length };
}

function memberView(user: UserDoc): Record<string, unknown> {
  const shown: Record<string, unknown> = {};
  for (const field of MEMBER_FIELDS) if (user[field] !== undefined) shown[field] = user[field];
  return shown;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A page of rooms as the REST API shows them: `{rooms, count, offset, total}`. */
export async function roomPage(context: Context, query: RoomListQuery) {
  const page = await context.store.rooms.list(query);
  const rooms = page.rooms.map(roomForResponse);
  return { rooms, count: rooms.length, offset: query.offset, total: page.total };
}

/** The rooms of type `t` the user has a subscription to (channels.list.joined, groups.list, im.list). */
export async function joinedRoomPage(context: Context, user: UserDoc, t: string, page: Page) {
  const ids = (await context.store.subscriptions.listOfUser(user._id))
    .filter((s) => s.t === t)
    .map((s) => s.rid);
  return roomPage(context, { types: [t], ids, ...page });
}

/** groups.listAll / im.list.everyone / channels.list need a permission first. */
export async function assertPermission(
  context: Context,
  user: UserDoc,
  permission: PermissionId,
): Promise<void> {
  if (!(await context.permissions.has(user.roles, permission))) throw forbidden();
}

/**
 * channels.counters: the caller's (or, with view-room-administration, `userId`'s) counters in a channel.
 * Roster stores no messages, so `unreads` is the subscription's unread count, where Rocket.Chat counts the
 * visible messages since the member last read the room.
 */
export async function channelCounters(
  context: Context,
  caller: UserDoc,
  room: RoomDoc,
  userId: string | undefined,
) {
  const access = await context.permissions.has(caller.roles, 'view-room-administration');
  if (userId !== undefined && !access) throw forbidden();
  const subscription = await context.store.subscriptions.find(room._id, userId ?? caller._id);
  const latest = room.lm ?? room._updatedAt ?? null;
  const joined = subscription?.open === true;
  return {
    joined,
    members: access || joined ? (room.usersCount ?? null) : null,
    unreads: joined ? (subscription.unread ?? 0) : null,
    unreadsFrom: joined ? (subscription.ls ?? subscription.ts ?? null) : null,
    msgs: access || joined ? (room.msgs ?? null) : null,
    latest: access || joined ? latest : null,
    userMentions: joined ? (subscription.userMentions ?? 0) : null,
  };
}

/**
 * rooms.get: the rooms the user is subscribed to, all of them or those updated after `updatedAfter` (ISO); an
 * empty list when the user has no subscriptions.
 */
export async function roomsOfUser(
  context: Context,
  userId: string,
  updatedAfter?: string,
): Promise<RoomDoc[]> {
  const subscriptions = await context.store.subscriptions.listOfUser(userId);
  if (subscriptions.length === 0) return [];
  const types = [...new Set(subscriptions.map((s) => s.t))];
  const ids = subscriptions.map((s) => s.rid);
  const page = await context.store.rooms.list({
    types,
    ids,
    ...(updatedAfter !== undefined ? { updatedAfter } : {}),
    offset: 0,
    count: 0,
  });
  return page.rooms;
}
