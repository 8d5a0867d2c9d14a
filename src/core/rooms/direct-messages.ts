// im.create: Rocket.Chat's createDirectMessage + createDirectRoom, for one-to-one and multi-user direct messages.
import { ConflictError, forbidden } from '../../errors.js';
import { assertWithinUserLimit } from './user-limit.js';
import type { Context } from '../context.js';
import type { RoomDoc, SubscriptionDoc, UserDoc } from '../documents.js';
import { randomId } from '../ids.js';
import { roomErrors } from './room-errors.js';

/** DirectMesssage_maxUsers' default: members of a direct message, the creator included. */
const MAX_DIRECT_MESSAGE_USERS = 8;

export interface DirectMessageResult {
  rid: string;
  usernames: string[];
}

/**
 * Opens (or reuses) the direct message between the caller and `usernames`. A direct message between two users
 * has the id of their two user ids sorted and concatenated, so it is found again by id; larger ones are found
 * by their exact member set.
 */
export async function createDirectMessage(
  context: Context,
  caller: UserDoc,
  usernames: readonly string[],
  excludeSelf = false,
): Promise<DirectMessageResult> {
  if (!(await context.permissions.has(caller.roles, 'create-d'))) throw forbidden();
  if (!caller.username) throw roomErrors.invalidUser();
  assertWithinUserLimit(usernames.length);
  const targets = await findTargets(context, caller, usernames);
  const members = excludeSelf ? targets : [caller, ...targets];
  if (members.length === 0) throw roomErrors.invalidUser();
  if (members.length > MAX_DIRECT_MESSAGE_USERS) {
    throw roomErrors.tooManyDirectMessageUsers(MAX_DIRECT_MESSAGE_USERS);
  }

  // Rocket.Chat lists `usernames` by display name and `uids` by id.
  const sorted = [...members].sort((a, b) => displayName(a).localeCompare(displayName(b)));
  const uids = members.map((member) => member._id).sort();
  const now = context.clock().toISOString();
  const existing = await findDirectRoom(context, uids);
  const room: RoomDoc = existing ?? {
    _id: uids.length === 2 ? uids.join('') : randomId(),
    t: 'd',
    usernames: sorted.map((member) => member.username ?? ''),
    usersCount: members.length,
    msgs: 0,
    ts: now,
    uids,
    _updatedAt: now,
  };
  const subscriptions = members.map((member) => subscriptionFor(room, member, sorted, caller, now));
  if (existing) await ensureSubscriptions(context, room, subscriptions, caller);
  else await context.store.rooms.insert(room, subscriptions);
  return { rid: room._id, usernames: sorted.map((member) => member.username ?? '') };
}

async function findTargets(
  context: Context,
  caller: UserDoc,
  usernames: readonly string[],
): Promise<UserDoc[]> {
  const wanted = [...new Set(usernames.map((name) => name.trim()).filter(Boolean))].filter(
    (name) => name !== caller.username,
  );
  const found = await Promise.all(wanted.map((name) => context.store.users.findByUsername(name)));
  // An unknown username is refused rather than silently dropped (which would open a self-DM instead).
  if (found.some((user) => user === null)) throw roomErrors.invalidUser();
  return found as UserDoc[];
}

async function findDirectRoom(context: Context, uids: string[]): Promise<RoomDoc | null> {
  const { store } = context;
  if (uids.length === 2) return store.rooms.findById(uids.join(''));
  const [first] = uids;
  if (first === undefined) return null;
  for (const subscription of await store.subscriptions.listOfUser(first)) {
    if (subscription.t !== 'd') continue;
    const room = await store.rooms.findById(subscription.rid);
    const roomUids = Array.isArray(room?.uids) ? (room.uids as unknown[]) : [];
    if (room && roomUids.length === uids.length && uids.every((uid) => roomUids.includes(uid))) return room;
  }
  return null;
}

/** createDirectRoom's subscription: named after the other members (self-DM: after yourself). */
function subscriptionFor(
  room: RoomDoc,
  member: UserDoc,
  sorted: UserDoc[],
  caller: UserDoc,
  now: string,
): SubscriptionDoc {
  const others = sorted.length === 1 ? sorted : sorted.filter((other) => other._id !== member._id);
  return {
    _id: randomId(),
    ts: now,
    alert: false,
    unread: 0,
    userMentions: 0,
    groupMentions: 0,
    // The creator's is open; the others' only in a group DM (Rocket.Chat: `open: members.length > 2`).
    open: member._id === caller._id || sorted.length > 2,
    rid: room._id,
    t: 'd',
    fname: others.map(displayName).join(', '),
    name: others.map((other) => other.username ?? '').join(', '),
    u: { _id: member._id, username: member.username ?? '' },
    _updatedAt: now,
  };
}

/** Reusing a direct message: the missing subscriptions are added (an upsert in Rocket.Chat), the creator's opened. */
async function ensureSubscriptions(
  context: Context,
  room: RoomDoc,
  subscriptions: SubscriptionDoc[],
  caller: UserDoc,
): Promise<void> {
  const { store } = context;
  for (const subscription of subscriptions) {
    const userId = subscription.u._id;
    const updated =
      userId === caller._id
        ? await store.subscriptions.update(room._id, userId, (current) => ({ ...current, open: true }))
        : await store.subscriptions.find(room._id, userId);
    if (updated) continue;
    try {
      await store.subscriptions.insert(subscription);
    } catch (error) {
      if (!(error instanceof ConflictError && error.field === 'subscription')) throw error;
    }
  }
}

function displayName(user: UserDoc): string {
  return user.name || user.username || '';
}
