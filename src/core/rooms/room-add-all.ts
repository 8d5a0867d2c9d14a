// channels.addAll / groups.addAll: Rocket.Chat's addAllUserToRoomFn, every user (or every active one) joined
// to the room in one transaction, refused past API_User_Limit.
import type { Context } from '../context.js';
import type { RoomDoc, SubscriptionDoc, UserDoc } from '../documents.js';
import { randomId } from '../ids.js';
import { roomErrors } from './room-errors.js';
import { API_USER_LIMIT } from './user-limit.js';

const usersCountOf = (room: RoomDoc) => (typeof room.usersCount === 'number' ? room.usersCount : 0);

/**
 * createWithRoomAndUser's subscription with addAllUserToRoomFn's extra fields (`alert`, `unread: 1` and
 * `userMentions: 1` for the "user joined" message Rocket.Chat posts with it).
 */
function joinedSubscription(room: RoomDoc, user: UserDoc, now: string): SubscriptionDoc {
  return {
    _id: randomId(),
    ts: now,
    open: true,
    alert: true,
    unread: 1,
    userMentions: 1,
    groupMentions: 0,
    rid: room._id,
    name: room.name ?? '',
    fname: typeof room.fname === 'string' ? room.fname : (room.name ?? ''),
    ...(typeof room.customFields === 'object' && room.customFields !== null
      ? { customFields: room.customFields }
      : {}),
    t: room.t,
    u: { _id: user._id, username: user.username ?? '' },
    _updatedAt: now,
  };
}

/**
 * addAllUserToRoomFn: add-all-to-room (a global permission) or `Access to Method Forbidden`; more users than
 * API_User_Limit is `error-user-limit-exceeded` before anything is written. Users already in the room are left
 * as they are. Rocket.Chat leaves the room's usersCount unchanged here; Roster raises it by the users added
 * (README, "Differences"), in the same transaction as their subscriptions. Returns the room as stored.
 */
export async function addAllUsersToRoom(
  context: Context,
  caller: UserDoc,
  room: RoomDoc,
  activeUsersOnly: boolean,
): Promise<RoomDoc> {
  if (!(await context.permissions.has(caller.roles, 'add-all-to-room'))) throw roomErrors.addAllForbidden();
  const page = await context.store.users.list({
    offset: 0,
    count: API_USER_LIMIT + 1,
    sort: [['_id', 1]],
    ...(activeUsersOnly ? { active: true } : {}),
  });
  if (page.total > API_USER_LIMIT) throw roomErrors.userLimitExceeded();
  // A subscription names its member by username; a user without one (never set up) cannot be a member.
  const users = page.users.filter((user) => typeof user.username === 'string' && user.username !== '');
  const now = context.clock().toISOString();
  let stored = room;
  const written = await context.store.rooms.write(room._id, (state) => {
    const members = new Set(state.subscriptions.map((s) => s.u._id));
    const added = users.filter((user) => !members.has(user._id));
    stored = state.room;
    if (added.length === 0) return {};
    stored = { ...state.room, usersCount: usersCountOf(state.room) + added.length, _updatedAt: now };
    return {
      room: stored,
      insertSubscriptions: added.map((user) => joinedSubscription(state.room, user, now)),
    };
  });
  if (!written) throw roomErrors.invalidRoom();
  return stored;
}
