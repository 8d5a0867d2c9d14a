// channels.delete / groups.delete: Rocket.Chat's eraseRoom permission rule, then the room and its subscriptions go.
import { forbidden } from '../../errors.js';
import type { Context } from '../context.js';
import type { RoomDoc, UserDoc } from '../documents.js';
import { hasRoomPermission, roomActor } from './room-access.js';
import { roomErrors } from './room-errors.js';

/**
 * Deletes `room` with every subscription to it. Needs delete-c / delete-p in the room (admins and the room's
 * owners by default). groups.delete first requires the caller to belong to the group
 * (findPrivateGroupByIdOrName answers "not found" otherwise); `requireMembership` asks for that.
 */
export async function deleteRoom(
  context: Context,
  caller: UserDoc,
  room: RoomDoc,
  options: { requireMembership?: boolean } = {},
): Promise<void> {
  const actor = await roomActor(context, caller, room);
  if (options.requireMembership && actor.subscription === null) throw roomErrors.groupNotFound();
  if (!(await hasRoomPermission(context, actor, room.t === 'p' ? 'delete-p' : 'delete-c'))) throw forbidden();
  await context.store.rooms.delete(room._id);
}
