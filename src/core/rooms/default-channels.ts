// Default channels: Rocket.Chat's GENERAL room (server/startup/initialData), addUserToDefaultChannels, setDefault.
import { ConflictError } from '../../errors.js';
import type { Context } from '../context.js';
import type { RoomDoc, SubscriptionDoc, UserDoc } from '../documents.js';
import { randomId } from '../ids.js';
import type { Store } from '../store.js';
import { hasRoomPermission, roomActor } from './room-access.js';
import { roomErrors } from './room-errors.js';

export const GENERAL_ROOM_ID = 'GENERAL';

/**
 * initialData: `Rooms.createWithIdTypeAndName('GENERAL', 'c', 'general', {default: true})` when no room has the
 * id GENERAL. Run at every start, so a database from an earlier Roster gets it too. A database that already
 * holds another room named `general` keeps it and gets no GENERAL (the name is unique).
 */
export async function ensureGeneralChannel(store: Store, now: Date): Promise<boolean> {
  if (await store.rooms.findById(GENERAL_ROOM_ID)) return false;
  const at = now.toISOString();
  const room: RoomDoc = {
    _id: GENERAL_ROOM_ID,
    ts: at,
    t: 'c',
    name: 'general',
    usernames: [],
    msgs: 0,
    usersCount: 0,
    default: true,
    _updatedAt: at,
  };
  try {
    await store.rooms.insert(room, []);
    return true;
  } catch (error) {
    if (error instanceof ConflictError) return false; // another instance won, or `general` is taken
    throw error;
  }
}

/** getDefaultChannels: the `c` and `p` rooms marked `default`. */
async function defaultChannels(store: Store): Promise<RoomDoc[]> {
  return (await store.rooms.list({ types: ['c', 'p'], defaultOnly: true, offset: 0, count: 0 })).rooms;
}

/**
 * addUserToDefaultChannels: a subscription to every default room the user is not in yet, shaped as Rocket.Chat
 * writes it (`alert`, `unread: 1` and `userMentions: 1` for its "user joined" message; `f` when the room is
 * a favorite default), and the room's usersCount raised in the same transaction.
 */
export async function joinDefaultChannels(context: Context, user: UserDoc): Promise<void> {
  const { store } = context;
  for (const room of await defaultChannels(store)) {
    const now = context.clock().toISOString();
    const subscription: SubscriptionDoc = {
      _id: randomId(),
      ts: now,
      open: true,
      alert: true,
      unread: 1,
      userMentions: 1,
      groupMentions: 0,
      ...(room.favorite === true ? { f: true } : {}),
      rid: room._id,
      name: room.name ?? '',
      fname: typeof room.fname === 'string' ? room.fname : (room.name ?? ''),
      t: room.t,
      u: { _id: user._id, username: user.username ?? '' },
      _updatedAt: now,
    };
    await store.rooms.addMembers(room._id, [subscription], now);
  }
}

/**
 * channels.setDefault through saveRoomSettings: edit-room in the room, then view-room-administration (the
 * `default` setting's validator). Returns the room as stored.
 */
export async function setRoomDefault(
  context: Context,
  caller: UserDoc,
  room: RoomDoc,
  value: boolean,
): Promise<RoomDoc> {
  const actor = await roomActor(context, caller, room);
  if (!(await hasRoomPermission(context, actor, 'edit-room'))) throw roomErrors.editingRoomNotAllowed();
  if (!(await context.permissions.has(caller.roles, 'view-room-administration'))) {
    throw roomErrors.viewingRoomAdministrationNotAllowed();
  }
  const now = context.clock().toISOString();
  const updated = await context.store.rooms.update(room._id, (current) => ({
    ...current,
    default: value,
    _updatedAt: now,
  }));
  if (!updated) throw roomErrors.invalidRoom();
  return updated;
}
