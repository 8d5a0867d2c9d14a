// im.delete and im.setTopic: Rocket.Chat's dmDeleteAction (eraseRoom) and dmSetTopicAction (saveRoomSettings'
// roomTopic) for direct messages.
import { forbidden } from '../../errors.js';
import type { Context } from '../context.js';
import type { RoomDoc, UserDoc } from '../documents.js';
import { canAccessRoom, hasRoomPermission, roomActor } from './room-access.js';
import { roomErrors } from './room-errors.js';
import { findDirectMessage } from './room-lookup.js';

/**
 * im.delete: the direct message by roomId or username (findDirectMessage refuses a caller who is neither in it
 * nor holds view-room-administration), then eraseRoom: the room type's canBeDeleted asks for `delete-d` in the
 * room (admins by default). The room and every subscription to it go in one transaction.
 */
export async function deleteDirectMessage(
  context: Context,
  caller: UserDoc,
  params: { roomId?: unknown; username?: unknown },
): Promise<void> {
  const room = await findDirectMessage(context, params, caller);
  const actor = await roomActor(context, caller, room);
  if (!(await hasRoomPermission(context, actor, 'delete-d'))) throw roomErrors.notAllowed();
  await context.store.rooms.delete(room._id);
}

/**
 * im.setTopic: 403 unless the caller can access the room, which must be a direct message; saveRoomSettings then
 * needs edit-room in the room (admins, and owners or moderators, whom a direct message has none of), and
 * saveRoomTopic writes only a changed topic (`undefined` and `''` alike).
 */
export async function setDirectMessageTopic(
  context: Context,
  caller: UserDoc,
  rid: string,
  topic: string,
): Promise<RoomDoc> {
  const room = await context.store.rooms.findById(rid);
  if (!room) throw forbidden();
  const actor = await roomActor(context, caller, room);
  if (!canAccessRoom(room, actor)) throw forbidden();
  if (room.t !== 'd') throw roomErrors.directNotFound();
  if (!(await hasRoomPermission(context, actor, 'edit-room'))) throw roomErrors.editingRoomNotAllowed();
  if ((!topic && !room.topic) || topic === room.topic) return room;
  const now = context.clock().toISOString();
  const updated = await context.store.rooms.update(rid, (current) => ({
    ...current,
    topic,
    _updatedAt: now,
  }));
  if (!updated) throw roomErrors.invalidRoom();
  return updated;
}
