// channels./groups./im. open and close, and rooms.favorite: the route checks of Rocket.Chat's channels.ts,
// groups.ts, im.ts and rooms.ts in front of openRoom / hideRoomMethod / toggleFavoriteMethod.
import { forbidden } from '../../errors.js';
import type { Context } from '../context.js';
import type { RoomDoc, UserDoc } from '../documents.js';
import type { Store } from '../store.js';
import { canAccessRoom, roomActor } from './room-access.js';
import { roomErrors } from './room-errors.js';
import type { RoomParams } from './room-lookup.js';
import { hideSubscription, openSubscription, setFavorite } from './subscription-flags.js';

/** findPrivateGroupByIdOrName: discussions are named by `fname`. */
function roomName(room: RoomDoc): string {
  return String((typeof room.prid === 'string' ? room.fname : room.name) ?? '');
}

/** channels.close / channels.open (the channel is found with checkedArchived false). */
export async function setChannelOpen(
  context: Context,
  caller: UserDoc,
  room: RoomDoc,
  open: boolean,
): Promise<void> {
  const subscription = await context.store.subscriptions.find(room._id, caller._id);
  const name = room.name ?? '';
  if (!subscription) throw roomErrors.calleeNotInChannel(name, !open);
  if (open && subscription.open === true) throw roomErrors.channelAlreadyOpen(name);
  if (!open && subscription.open !== true) throw roomErrors.channelAlreadyClosed(name);
  await (open ? openSubscription : hideSubscription)(context, caller, room._id);
}

/** groups.close / groups.open: findPrivateGroupByIdOrName's `open` is `Boolean(sub?.open)`. */
export async function setGroupOpen(
  context: Context,
  caller: UserDoc,
  room: RoomDoc,
  open: boolean,
): Promise<void> {
  const subscription = await context.store.subscriptions.find(room._id, caller._id);
  const isOpen = subscription?.open === true;
  if (open && isOpen) throw roomErrors.groupAlreadyOpen(roomName(room));
  if (!open && !isOpen) throw roomErrors.groupAlreadyClosed(roomName(room));
  await (open ? openSubscription : hideSubscription)(context, caller, room._id);
}

/** canAccessRoomIdAsync: false for a room that does not exist. */
async function accessibleRoom(context: Context, caller: UserDoc, rid: string): Promise<RoomDoc | null> {
  const room = await context.store.rooms.findById(rid);
  if (!room || !canAccessRoom(room, await roomActor(context, caller, room))) return null;
  return room;
}

/** findDirectMessageRoom({roomId}): the room must be a direct message. */
function assertDirect(room: RoomDoc): void {
  if (room.t !== 'd') throw roomErrors.directNotFound();
}

/** dmOpenAction: 403 without access; opens the caller's subscription when it is not open. */
export async function openDirectMessage(context: Context, caller: UserDoc, rid: string): Promise<void> {
  const room = await accessibleRoom(context, caller, rid);
  if (!room) throw forbidden();
  assertDirect(room);
  const subscription = await context.store.subscriptions.find(rid, caller._id);
  if (subscription?.open !== true) await openSubscription(context, caller, rid);
}

/**
 * dmCloseAction: a room that no longer exists may still be closed by its subscription; otherwise 403 without
 * access, the room must be a direct message, the caller subscribed and the subscription open.
 */
export async function closeDirectMessage(context: Context, caller: UserDoc, rid: string): Promise<void> {
  if (await context.store.rooms.findById(rid)) {
    const room = await accessibleRoom(context, caller, rid);
    if (!room) throw forbidden();
    assertDirect(room);
  }
  const subscription = await context.store.subscriptions.find(rid, caller._id);
  if (!subscription) throw roomErrors.notSubscribedToRoom();
  if (subscription.open !== true) throw roomErrors.directAlreadyClosed();
  await hideSubscription(context, caller, rid);
}

/** rooms.ts findRoomByIdOrName: any room type by roomId, else roomName; archived rooms refused. */
export async function findRoomByIdOrName(store: Store, params: RoomParams): Promise<RoomDoc> {
  const roomId = typeof params.roomId === 'string' ? params.roomId.trim() : '';
  const roomName = typeof params.roomName === 'string' ? params.roomName.trim() : '';
  if (roomId === '' && roomName === '') throw roomErrors.channelParamMissing();
  const room =
    roomId !== ''
      ? await store.rooms.findById(String(params.roomId))
      : await store.rooms.findByName(roomName);
  if (!room) throw roomErrors.channelNotFound();
  if (room.archived === true) throw roomErrors.roomArchived('channel', room.name ?? '');
  return room;
}

/** rooms.favorite: `favorite` must be present; toggleFavoriteMethod checks the subscription. */
export async function favoriteRoom(
  context: Context,
  caller: UserDoc,
  params: RoomParams & { favorite?: unknown },
): Promise<void> {
  if (!Object.hasOwn(params, 'favorite')) throw roomErrors.favoriteParamRequired();
  const { favorite } = params;
  const room = await findRoomByIdOrName(context.store, params);
  if (favorite !== undefined && typeof favorite !== 'boolean') {
    throw roomErrors.favoriteNotBoolean(favorite === null ? 'null' : typeof favorite);
  }
  await setFavorite(context, caller, room._id, favorite);
}

/** findChannelByIdOrName / findPrivateGroupByIdOrName with checkedArchived (the default). */
export function assertNotArchived(room: RoomDoc): RoomDoc {
  if (room.archived === true) {
    throw roomErrors.roomArchived(room.t === 'p' ? 'private group' : 'channel', roomName(room));
  }
  return room;
}
