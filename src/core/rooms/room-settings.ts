// Room settings: Rocket.Chat's saveRoomSettings for roomName, roomTopic, roomDescription, roomAnnouncement,
// readOnly and roomType, and archiveRoom / unarchiveRoom; a change that reaches the members' subscriptions
// (name, type, archived) is written with the room in one transaction.
import { ConflictError } from '../../errors.js';
import type { Context } from '../context.js';
import type { RoomDoc, SubscriptionDoc, UserDoc } from '../documents.js';
import type { RoomState, RoomWrites } from '../store.js';
import { hasRoomPermission, roomActor } from './room-access.js';
import { roomErrors } from './room-errors.js';
import { validRoomName } from './room-names.js';

export type RoomSetting = 'topic' | 'description' | 'announcement' | 'ro';

async function assertCanEdit(context: Context, caller: UserDoc, room: RoomDoc): Promise<void> {
  const actor = await roomActor(context, caller, room);
  if (!(await hasRoomPermission(context, actor, 'edit-room'))) throw roomErrors.editingRoomNotAllowed();
}

/** Applies `plan` to the room and its subscriptions in one transaction; the room as stored. */
async function rewrite(
  context: Context,
  room: RoomDoc,
  plan: (state: RoomState, now: string) => RoomWrites & { room: RoomDoc },
): Promise<RoomDoc> {
  const now = context.clock().toISOString();
  let stored = room;
  const written = await context.store.rooms.write(room._id, (state) => {
    const writes = plan(state, now);
    stored = writes.room;
    return writes;
  });
  if (!written) throw roomErrors.invalidRoom();
  return stored;
}

/** saveRoomTopic / saveRoomDescription / saveRoomAnnouncement / saveReadOnly: one field of the room. */
export async function saveRoomSetting(
  context: Context,
  caller: UserDoc,
  room: RoomDoc,
  setting: RoomSetting,
  value: string | boolean,
): Promise<RoomDoc> {
  await assertCanEdit(context, caller, room);
  return rewrite(context, room, ({ room: current }, now) => ({
    room: { ...current, [setting]: value, _updatedAt: now },
  }));
}

/**
 * saveRoomName: a valid name no other room has; the room's name and fname and every member's subscription
 * (name, fname) change together, so users.info shows the new name to every member at once.
 */
export async function renameRoom(
  context: Context,
  caller: UserDoc,
  room: RoomDoc,
  requested: string,
): Promise<RoomDoc> {
  await assertCanEdit(context, caller, room);
  const name = validRoomName(requested);
  const holder = await context.store.rooms.findByName(name);
  if (holder && holder._id !== room._id) throw roomErrors.duplicateName(name);
  try {
    return await rewrite(context, room, ({ room: current, subscriptions }, now) => ({
      room: { ...current, name, fname: requested, _updatedAt: now },
      subscriptions: subscriptions.map((s) => ({ ...s, name, fname: requested, _updatedAt: now })),
    }));
  } catch (error) {
    if (error instanceof ConflictError && error.field === 'roomName') throw roomErrors.duplicateName(name);
    throw error;
  }
}

/** saveRoomType: `c` needs create-c, `p` create-p; the room's and every subscription's `t` change together. */
export async function setRoomType(
  context: Context,
  caller: UserDoc,
  room: RoomDoc,
  type: string,
): Promise<RoomDoc> {
  await assertCanEdit(context, caller, room);
  if (type !== 'c' && type !== 'p') throw roomErrors.invalidRoomType();
  if (!(await context.permissions.has(caller.roles, `create-${type}`))) {
    throw type === 'c' ? roomErrors.toPublicNotAllowed() : roomErrors.toPrivateNotAllowed();
  }
  return rewrite(context, room, ({ room: current, subscriptions }, now) => ({
    room: { ...current, t: type, _updatedAt: now },
    subscriptions: subscriptions.map((s) => ({ ...s, t: type, _updatedAt: now })),
  }));
}

/**
 * archiveRoom / unarchiveRoom: archive-room / unarchive-room in the room, never a direct message. Archiving
 * marks the room and closes every subscription (`archived`, `open: false`); unarchiving reopens them.
 */
export async function setArchived(
  context: Context,
  caller: UserDoc,
  room: RoomDoc,
  archived: boolean,
): Promise<RoomDoc> {
  const actor = await roomActor(context, caller, room);
  if (!(await hasRoomPermission(context, actor, archived ? 'archive-room' : 'unarchive-room'))) {
    throw roomErrors.notAuthorized();
  }
  if (room.t === 'd') throw roomErrors.directMessageArchive();
  return rewrite(context, room, ({ room: current, subscriptions }, now) => ({
    room: { ...current, archived, _updatedAt: now },
    subscriptions: subscriptions.map((s): SubscriptionDoc => ({
      ...s,
      archived,
      open: !archived,
      _updatedAt: now,
    })),
  }));
}
