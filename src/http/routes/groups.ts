// Rocket.Chat's groups.* endpoints for private groups: create, invite, kick, delete, info.
import type { FastifyInstance } from 'fastify';
import type { Context } from '../../core/context.js';
import { createRoom } from '../../core/rooms/room-create.js';
import { deleteRoom } from '../../core/rooms/room-delete.js';
import { roomForResponse } from '../../core/rooms/room-documents.js';
import { roomErrors } from '../../core/rooms/room-errors.js';
import {
  findAccessibleGroup,
  findGroup,
  findGroupForMemberAction,
  findUserFromParams,
  findUserListFromParams,
} from '../../core/rooms/room-lookup.js';
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
  type CreateRoomBody,
  type RoomMemberBody,
} from './room-schemas.js';

export function groupsRoutes(app: FastifyInstance, context: Context): void {
  app.post<{ Body: CreateRoomBody }>(
    '/api/v1/groups.create',
    {
      schema: roomDocs(
        'groups.create',
        'Creates a private group (`create-p`); the creator is its owner.',
        { body: createRoomBody },
        { group: { ...ROOM_EXAMPLE, t: 'p' }, success: true },
      ),
    },
    async (request) => {
      const { user } = callerOf(request);
      const { name, members = [] } = request.body;
      const room = await createRoom(context, user, {
        t: 'p',
        name,
        members,
        readOnly: readOnlyOf(request.body),
      });
      return success({ group: roomForResponse(room) });
    },
  );

  app.post<{ Body: RoomMemberBody }>(
    '/api/v1/groups.invite',
    {
      schema: roomDocs(
        'groups.invite',
        'Adds users to a private group.',
        { body: roomRequest },
        { group: { ...ROOM_EXAMPLE, t: 'p' }, success: true },
      ),
    },
    async (request) => {
      const { user } = callerOf(request);
      const room = await findGroupForMemberAction(context, request.body, user, 'add-user-to-any-p-room');
      const users = await findUserListFromParams(context, request.body);
      if (users.length === 0) throw roomErrors.emptyGroupInviteList();
      return success({ group: roomForResponse(await inviteUsers(context, user, room, users)) });
    },
  );

  // Rocket.Chat's groups.kick answers a bare success, unlike channels.kick.
  app.post<{ Body: RoomMemberBody }>(
    '/api/v1/groups.kick',
    {
      schema: roomDocs(
        'groups.kick',
        'Removes a user from a private group.',
        { body: roomRequest },
        { success: true },
      ),
    },
    async (request) => {
      const { user } = callerOf(request);
      const room = await findGroupForMemberAction(context, request.body, user, 'kick-user-from-any-p-room');
      const target = await findUserFromParams(context, request.body);
      await kickUser(context, user, room, target);
      return success({});
    },
  );

  app.post<{ Body: RoomMemberBody }>(
    '/api/v1/groups.delete',
    {
      schema: roomDocs(
        'groups.delete',
        'Deletes a private group and its subscriptions.',
        { body: roomRequest },
        { success: true },
      ),
    },
    async (request) => {
      const { user } = callerOf(request);
      await deleteRoom(context, user, await findGroup(context, request.body), { requireMembership: true });
      return success({});
    },
  );

  const info = roomInfoOptions('groups.info', 'A private group by roomId or roomName.', {
    group: { ...ROOM_EXAMPLE, t: 'p' },
    success: true,
  });
  app.get<{ Querystring: RoomMemberBody }>('/api/v1/groups.info', info, async (request) => {
    const { user } = callerOf(request);
    return success({ group: roomForResponse(await findAccessibleGroup(context, request.query, user._id)) });
  });
}
