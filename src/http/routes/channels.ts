// Rocket.Chat's channels.* endpoints for public rooms: create, invite, kick, delete, setDefault, info.
import type { FastifyInstance } from 'fastify';
import type { Context } from '../../core/context.js';
import { createRoom } from '../../core/rooms/room-create.js';
import { deleteRoom } from '../../core/rooms/room-delete.js';
import { roomForResponse } from '../../core/rooms/room-documents.js';
import { roomErrors } from '../../core/rooms/room-errors.js';
import {
  findChannel,
  findUserFromParams,
  findUserListFromParams,
  type RoomParams,
} from '../../core/rooms/room-lookup.js';
import { setRoomDefault } from '../../core/rooms/default-channels.js';
import { inviteUsers, kickUser } from '../../core/rooms/room-membership.js';
import { callerOf } from '../authenticate.js';
import { success } from '../envelope.js';
import {
  createRoomBody,
  readOnlyOf,
  ROOM_EXAMPLE,
  roomDocs,
  roomInfoOptions,
  roomRequest,
  setDefaultBody,
  type CreateRoomBody,
  type RoomMemberBody,
} from './room-schemas.js';

export function channelsRoutes(app: FastifyInstance, context: Context): void {
  app.post<{ Body: CreateRoomBody }>(
    '/api/v1/channels.create',
    {
      schema: roomDocs(
        'channels.create',
        'Creates a public channel (`create-c`); the creator is its owner.',
        { body: createRoomBody },
        { channel: ROOM_EXAMPLE, success: true },
      ),
    },
    async (request) => {
      const { user } = callerOf(request);
      const { name, members = [] } = request.body;
      const room = await createRoom(context, user, {
        t: 'c',
        name,
        members,
        readOnly: readOnlyOf(request.body),
      });
      return success({ channel: roomForResponse(room) });
    },
  );

  app.post<{ Body: RoomMemberBody }>(
    '/api/v1/channels.invite',
    {
      schema: roomDocs(
        'channels.invite',
        'Adds users to a public channel.',
        { body: roomRequest },
        { channel: ROOM_EXAMPLE, success: true },
      ),
    },
    async (request) => {
      const { user } = callerOf(request);
      const room = await findChannel(context, request.body);
      const users = await findUserListFromParams(context, request.body);
      if (users.length === 0) throw roomErrors.emptyChannelInviteList();
      return success({ channel: roomForResponse(await inviteUsers(context, user, room, users)) });
    },
  );

  app.post<{ Body: RoomMemberBody }>(
    '/api/v1/channels.kick',
    {
      schema: roomDocs(
        'channels.kick',
        'Removes a user from a public channel.',
        { body: roomRequest },
        { channel: ROOM_EXAMPLE, success: true },
      ),
    },
    async (request) => {
      const { user } = callerOf(request);
      const room = await findChannel(context, request.body);
      const target = await findUserFromParams(context, request.body);
      return success({ channel: roomForResponse(await kickUser(context, user, room, target)) });
    },
  );

  app.post<{ Body: RoomMemberBody }>(
    '/api/v1/channels.delete',
    {
      schema: roomDocs(
        'channels.delete',
        'Deletes a public channel and its subscriptions.',
        { body: roomRequest },
        { success: true },
      ),
    },
    async (request) => {
      const { user } = callerOf(request);
      await deleteRoom(context, user, await findChannel(context, request.body));
      return success({});
    },
  );

  // channels.setDefault: the two failures keep Rocket.Chat's texts and (swapped) errorTypes.
  app.post<{ Body: RoomParams & { default?: unknown } }>(
    '/api/v1/channels.setDefault',
    {
      schema: roomDocs(
        'channels.setDefault',
        'Marks a public channel as a default channel, which new users join (`edit-room`, `view-room-administration`).',
        { body: setDefaultBody },
        { channel: { ...ROOM_EXAMPLE, default: true }, success: true },
      ),
    },
    async (request) => {
      const { user } = callerOf(request);
      const room = await findChannel(context, request.body);
      const wanted = request.body.default;
      if (wanted === undefined || wanted === null) throw roomErrors.setDefaultMissing();
      // saveRoomSettings(…, 'default', ['true', '1'].includes(String(default).toLowerCase()))
      const value = ['true', '1'].includes(String(wanted).toLowerCase());
      if (room.default === wanted) throw roomErrors.setDefaultSame();
      return success({ channel: roomForResponse(await setRoomDefault(context, user, room, value)) });
    },
  );

  const info = roomInfoOptions('channels.info', 'A public channel by roomId or roomName.', {
    channel: ROOM_EXAMPLE,
    success: true,
  });
  app.get<{ Querystring: RoomMemberBody }>('/api/v1/channels.info', info, async (request) => {
    return success({ channel: roomForResponse(await findChannel(context, request.query)) });
  });
}
