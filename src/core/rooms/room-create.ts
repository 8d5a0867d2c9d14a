// channels.create / groups.create: createChannelMethod / createPrivateGroupMethod and createRoom of Rocket.Chat.
import { ConflictError, forbidden } from '../../errors.js';
import { assertWithinUserLimit } from './user-limit.js';
import type { Context } from '../context.js';
import type { RoomDoc, UserDoc } from '../documents.js';
import { newRoomDocument, newSubscriptionDocument } from './room-documents.js';
import { roomErrors } from './room-errors.js';
import { validRoomName } from './room-names.js';

export interface CreateRoomRequest {
  t: 'c' | 'p';
  name: string;
  /** Usernames; unknown ones are skipped, as createRoom does. */
  members: readonly string[];
  readOnly: boolean;
}

const CREATE_PERMISSION = { c: 'create-c', p: 'create-p' } as const;

/** Creates the room with a subscription for the owner (roles ["owner"]) and each known member. */
export async function createRoom(
  context: Context,
  owner: UserDoc,
  request: CreateRoomRequest,
): Promise<RoomDoc> {
  const { store } = context;
  if (!(await context.permissions.has(owner.roles, CREATE_PERMISSION[request.t]))) throw forbidden();
  if (!owner.username) throw roomErrors.invalidUser();
  const name = validRoomName(request.name);
  if (await store.rooms.findByName(name)) throw roomErrors.duplicateName(name);

  assertWithinUserLimit(request.members.length);
  const members = await findMembers(context, owner, request.members);
  const now = context.clock().toISOString();
  const room = newRoomDocument(
    {
      t: request.t,
      name,
      fname: request.name,
      owner,
      readOnly: request.readOnly,
      usersCount: members.length,
    },
    now,
  );
  const subscriptions = members.map((member) =>
    newSubscriptionDocument(room, member, now, { owner: member._id === owner._id }),
  );
  try {
    await store.rooms.insert(room, subscriptions);
  } catch (error) {
    // Two creations racing for one name: the store's unique index decides, the loser gets the duplicate error.
    if (error instanceof ConflictError && error.field === 'roomName') throw roomErrors.duplicateName(name);
    throw error;
  }
  return room;
}

/**
 * The owner first, then each distinct known member (createRoom appends the owner to the members), found in one
 * query however long the list (security F10: no per-name lookups).
 */
async function findMembers(
  context: Context,
  owner: UserDoc,
  usernames: readonly string[],
): Promise<UserDoc[]> {
  const members = new Map<string, UserDoc>([[owner._id, owner]]);
  const wanted = [...new Set(usernames)].filter((username) => username !== owner.username);
  const byName = new Map(
    (await context.store.users.findByUsernames(wanted)).map((user) => [user.username, user] as const),
  );
  // In the order the request lists them, as createRoom adds them.
  for (const username of wanted) {
    const user = byName.get(username);
    if (user) members.set(user._id, user);
  }
  return [...members.values()];
}
