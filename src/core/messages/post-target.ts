// chat.postMessage's destination: Rocket.Chat's processWebhookMessage + getRoomByNameOrIdWithOptionToJoin
// (`#name`, `@username`, or a room id / name; a public channel is joined first).
import type { Context } from '../context.js';
import type { RoomDoc, UserDoc } from '../documents.js';
import { createDirectMessage } from '../rooms/direct-messages.js';
import { addSelfToRoom } from '../rooms/room-join-leave.js';
import { messageErrors } from './message-errors.js';

/** Rooms.findOneByIdOrName. */
async function findByIdOrName(context: Context, nameOrId: string): Promise<RoomDoc | null> {
  return (await context.store.rooms.findById(nameOrId)) ?? (await context.store.rooms.findByName(nameOrId));
}

/** The direct message with `nameOrId` (a user id, or with `byIdOnly` false a username too), opened if needed. */
async function directWith(
  context: Context,
  caller: UserDoc,
  nameOrId: string,
  byIdOnly: boolean,
): Promise<RoomDoc | null> {
  const { store } = context;
  const other = byIdOnly
    ? await store.users.findById(nameOrId)
    : await store.users.findByIdOrUsername(nameOrId);
  if (!other) {
    const room = await store.rooms.findById(nameOrId);
    return room && room.t === 'd' ? room : null;
  }
  const uids = [...new Set([caller._id, other._id])].sort();
  const existing = uids.length === 2 ? await store.rooms.findById(uids.join('')) : null;
  if (existing && existing.t === 'd') return existing;
  const { rid } = await createDirectMessage(context, caller, [other.username ?? '']);
  return store.rooms.findById(rid);
}

/** The room `channel` names, with the caller joined to it when it is a public channel they are not in. */
export async function findPostTarget(context: Context, caller: UserDoc, channel: string): Promise<RoomDoc> {
  const prefix = channel[0];
  const rest = channel.slice(1);
  let room: RoomDoc | null;
  if (prefix === '#') room = await findByIdOrName(context, rest);
  else if (prefix === '@') room = await directWith(context, caller, rest, false);
  else {
    room = await findByIdOrName(context, channel);
    if (!room) room = await directWith(context, caller, channel, true);
  }
  if (!room || (prefix === '@' && room.t !== 'd')) throw messageErrors.invalidChannel();
  if (room.t === 'c' && !(await context.store.subscriptions.find(room._id, caller._id))) {
    room = await addSelfToRoom(context, caller, room);
  }
  return room;
}
