// channels./groups.setCustomFields and channels.setJoinCode: saveRoomSettings' roomCustomFields
// (saveRoomCustomFields) and joinCode (Rooms.setJoinCodeById) savers, behind its edit-room check.
import type { Context } from '../context.js';
import type { RoomDoc, UserDoc } from '../documents.js';
import { hasRoomPermission, roomActor } from './room-access.js';
import { roomErrors } from './room-errors.js';

async function assertCanEdit(context: Context, caller: UserDoc, room: RoomDoc): Promise<void> {
  const actor = await roomActor(context, caller, room);
  if (!(await hasRoomPermission(context, actor, 'edit-room'))) throw roomErrors.editingRoomNotAllowed();
}

/**
 * saveRoomCustomFields: an object (not an array, `Match.test(value, Object)`), stored on the room and copied to
 * every member's subscription (updateCustomFieldsByRoomId), in one transaction. Returns the room as stored.
 */
export async function saveRoomCustomFields(
  context: Context,
  caller: UserDoc,
  room: RoomDoc,
  customFields: Record<string, unknown>,
): Promise<RoomDoc> {
  await assertCanEdit(context, caller, room);
  if (Array.isArray(customFields)) throw roomErrors.invalidCustomFieldsType();
  const now = context.clock().toISOString();
  let stored = room;
  const written = await context.store.rooms.write(room._id, (state) => {
    stored = { ...state.room, customFields, _updatedAt: now };
    return {
      room: stored,
      subscriptions: state.subscriptions.map((s) => ({ ...s, customFields, _updatedAt: now })),
    };
  });
  if (!written) throw roomErrors.invalidRoom();
  return stored;
}

/**
 * setJoinCodeById: a non-blank code sets `joinCode` and `joinCodeRequired: true`; a blank one clears both (the
 * endpoint refuses a blank code before, so only saveRoomSettings callers reach that branch).
 */
export async function setRoomJoinCode(
  context: Context,
  caller: UserDoc,
  room: RoomDoc,
  joinCode: string,
): Promise<RoomDoc> {
  await assertCanEdit(context, caller, room);
  const now = context.clock().toISOString();
  const updated = await context.store.rooms.update(room._id, (current) => {
    const next: RoomDoc = { ...current, _updatedAt: now };
    if (joinCode.trim() !== '') Object.assign(next, { joinCodeRequired: true, joinCode });
    else {
      next.joinCodeRequired = false;
      delete next.joinCode;
    }
    return next;
  });
  if (!updated) throw roomErrors.invalidRoom();
  return updated;
}
