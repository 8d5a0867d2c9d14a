// What happens to a user's rooms when the user is deleted or deactivated: Rocket.Chat's
// getSubscribedRoomsForUserWithDetails, shouldRemoveOrChangeOwner, getUserSingleOwnedRooms and the plan of
// relinquishRoomOwnerships (rooms handed on to their oldest active member, or removed).
import type { Context } from '../context.js';
import type { SubscriptionDoc } from '../documents.js';
import { userErrors, type LastOwnerRooms } from '../users/user-errors.js';

export interface SubscribedRoom {
  rid: string;
  t: string;
  shouldBeRemoved: boolean;
  shouldChangeOwner: boolean;
  /** The member who becomes owner when `shouldChangeOwner`. */
  newOwner: string | null;
}

export interface Relinquish {
  rooms: SubscribedRoom[];
  ownerGrants: Array<{ rid: string; userId: string }>;
  removeRooms: string[];
}

/**
 * getSubscribedRoomsForUserWithDetails: every non-direct room of the user. As its last owner, the room goes to
 * the first other member (by subscription `ts`) who is active, or is removed when there is none; as a plain
 * member, it is removed when the user is its only member.
 */
export async function subscribedRoomsWithDetails(
  context: Context,
  userId: string,
): Promise<SubscribedRoom[]> {
  const { store } = context;
  const rooms: SubscribedRoom[] = [];
  for (const subscription of await store.subscriptions.listOfUser(userId)) {
    if (subscription.t === 'd') continue;
    const room: SubscribedRoom = {
      rid: subscription.rid,
      t: subscription.t,
      shouldBeRemoved: false,
      shouldChangeOwner: false,
      newOwner: null,
    };
    const members = await store.subscriptions.listOfRoom(subscription.rid);
    if (isOwner(subscription)) {
      if (members.filter(isOwner).length === 1) {
        room.newOwner = await oldestActiveMember(context, members, userId);
        room.shouldChangeOwner = room.newOwner !== null;
        room.shouldBeRemoved = room.newOwner === null;
      }
    } else {
      room.shouldBeRemoved = members.length === 1;
    }
    rooms.push(room);
  }
  return rooms;
}

/**
 * The rooms of `userId` that a deletion or deactivation would hand on or remove; throws Rocket.Chat's
 * `user-last-owner` (with the rooms' names) when there are any and the caller did not confirm.
 */
export async function planRelinquish(
  context: Context,
  userId: string,
  options: { confirmRelinquish: boolean; skipLivechat?: boolean },
): Promise<Relinquish> {
  const all = await subscribedRoomsWithDetails(context, userId);
  // setUserActiveStatus leaves omnichannel rooms to closeOmnichannelConversations; deleteUser does not.
  const rooms = options.skipLivechat ? all.filter((room) => room.t !== 'l') : all;
  const affected = rooms.some((room) => room.shouldBeRemoved || room.shouldChangeOwner);
  if (affected && !options.confirmRelinquish) throw userErrors.lastOwner(await roomNames(context, rooms));
  return {
    rooms,
    ownerGrants: rooms.flatMap((room) =>
      room.shouldChangeOwner && room.newOwner ? [{ rid: room.rid, userId: room.newOwner }] : [],
    ),
    removeRooms: rooms.filter((room) => room.shouldBeRemoved).map((room) => room.rid),
  };
}

function isOwner(subscription: SubscriptionDoc): boolean {
  return subscription.roles?.includes('owner') === true;
}

async function oldestActiveMember(
  context: Context,
  members: SubscriptionDoc[],
  userId: string,
): Promise<string | null> {
  const others = members
    .filter((member) => member.u._id !== userId)
    .sort((a, b) => String(a.ts ?? '').localeCompare(String(b.ts ?? '')));
  const users = await context.store.users.findByIds(others.map((member) => member.u._id));
  const active = new Set(users.filter((user) => user.active === true).map((user) => user._id));
  return others.find((member) => active.has(member.u._id))?.u._id ?? null;
}

/** getUserSingleOwnedRooms: the rooms' `fname || name`, removed ones and handed-on ones apart. */
async function roomNames(context: Context, rooms: SubscribedRoom[]): Promise<LastOwnerRooms> {
  const names: LastOwnerRooms = { shouldBeRemoved: [], shouldChangeOwner: [] };
  for (const entry of rooms) {
    if (!entry.shouldBeRemoved && !entry.shouldChangeOwner) continue;
    const room = await context.store.rooms.findById(entry.rid);
    if (!room) continue;
    const name = (typeof room.fname === 'string' && room.fname) || room.name || '';
    (entry.shouldBeRemoved ? names.shouldBeRemoved : names.shouldChangeOwner).push(name);
  }
  return names;
}
