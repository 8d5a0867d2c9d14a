// Rocket.Chat's membership endpoints: channels.join, channels./groups./rooms.leave, channels./groups./im.members
// and channels.counters (channels.ts, groups.ts, im.ts, rooms.ts).
import type { FastifyInstance } from 'fastify';
import type { Context } from '../../core/context.js';
import type { RoomDoc, UserDoc } from '../../core/documents.js';
import { roomForResponse } from '../../core/rooms/room-documents.js';
import { roomErrors } from '../../core/rooms/room-errors.js';
import { joinRoom, leaveRoom } from '../../core/rooms/room-join-leave.js';
import { channelCounters, roomMembers } from '../../core/rooms/room-lists.js';
import {
  findAccessibleGroup,
  findChannel,
  findDirectMessage,
  type RoomParams,
  findRoomById,
} from '../../core/rooms/room-lookup.js';
import { pagination } from '../../core/users/user-list.js';
import { callerOf } from '../authenticate.js';
import { success } from '../envelope.js';
import { documentedOnly } from '../route-docs.js';
import { ROOM_EXAMPLE, roomDocs, roomRequest } from './room-schemas.js';

interface MembersQuery extends RoomParams {
  username?: string;
  offset?: string;
  count?: string;
  filter?: string;
  status?: string | string[];
  'status[]'?: string | string[];
}

/** Documented only; the handlers read these themselves (no coercion by Fastify's AJV). */
const membersQuery = {
  type: 'object',
  properties: {
    roomId: { type: 'string' },
    roomName: { type: 'string', description: 'channels / groups: the room by name.' },
    username: { type: 'string', description: 'im: the other user of a one-to-one direct message.' },
    offset: { type: 'string' },
    count: { type: 'string' },
    filter: { type: 'string', description: 'A substring of username or name.' },
    status: { type: 'array', items: { type: 'string' }, description: 'Only members with these statuses.' },
  },
};

const countersQuery = {
  type: 'object',
  properties: {
    roomId: { type: 'string' },
    roomName: { type: 'string' },
    userId: { type: 'string', description: 'Another user (`view-room-administration`).' },
  },
};

const MEMBERS_EXAMPLE = {
  members: [{ _id: 'aobEdbYhXfu5hkeqG', username: 'test.john', name: 'John', status: 'online' }],
  count: 1,
  offset: 0,
  total: 1,
  success: true,
};

function statusesOf(query: MembersQuery): string[] | undefined {
  const raw = query.status ?? query['status[]'];
  if (raw === undefined) return undefined;
  return (Array.isArray(raw) ? raw : [raw]).filter((value) => typeof value === 'string');
}

type Finder = (context: Context, query: MembersQuery, caller: UserDoc) => Promise<RoomDoc>;

const MEMBER_LISTS: ReadonlyArray<readonly [name: string, find: Finder]> = [
  ['channels.members', (context, query) => findChannel(context, query)],
  ['groups.members', (context, query, caller) => findAccessibleGroup(context, query, caller._id)],
  ['im.members', (context, query, caller) => findDirectMessage(context, query, caller)],
];

export function roomMemberRoutes(app: FastifyInstance, context: Context): void {
  app.post<{ Body: RoomParams & { joinCode?: unknown } }>(
    '/api/v1/channels.join',
    {
      schema: roomDocs(
        'channels.join',
        'Joins a public channel; a channel with a join code needs it (`join-without-join-code` excepted).',
        {
          body: {
            type: 'object',
            properties: { ...roomRequest.properties, joinCode: { description: 'The join code (string).' } },
          },
        },
        { channel: ROOM_EXAMPLE, success: true },
      ),
    },
    async (request) => {
      const { user } = callerOf(request);
      const room = await findChannel(context, request.body);
      return success({
        channel: roomForResponse(await joinRoom(context, user, room, request.body.joinCode)),
      });
    },
  );

  const leave = (name: string, example: object) =>
    roomDocs(
      name,
      'Leaves a room (`leave-c` / `leave-p`); its last owner cannot leave.',
      { body: roomRequest },
      example,
    );
  app.post<{ Body: RoomParams }>(
    '/api/v1/channels.leave',
    { schema: leave('channels.leave', { channel: ROOM_EXAMPLE, success: true }) },
    async (request) => {
      const { user } = callerOf(request);
      const room = await findChannel(context, request.body);
      return success({ channel: roomForResponse(await leaveRoom(context, user, room)) });
    },
  );
  app.post<{ Body: RoomParams }>(
    '/api/v1/groups.leave',
    { schema: leave('groups.leave', { success: true }) },
    async (request) => {
      const { user } = callerOf(request);
      await leaveRoom(context, user, await findAccessibleGroup(context, request.body, user._id));
      return success({});
    },
  );
  app.post<{ Body: { roomId?: unknown } }>(
    '/api/v1/rooms.leave',
    { schema: leave('rooms.leave', { success: true }) },
    async (request) => {
      const { user } = callerOf(request);
      const { roomId } = request.body;
      const room = typeof roomId === 'string' && roomId !== '' ? await findRoomById(context, roomId) : null;
      if (!room) throw roomErrors.invalidRoom();
      await leaveRoom(context, user, room);
      return success({});
    },
  );

  for (const [name, find] of MEMBER_LISTS) {
    app.get<{ Querystring: MembersQuery }>(
      `/api/v1/${name}`,
      {
        schema: {
          ...roomDocs(name, "A page of the room's active members.", {}, MEMBERS_EXAMPLE),
          querystring: membersQuery,
        },
        validatorCompiler: documentedOnly,
      },
      async (request) => {
        const { user } = callerOf(request);
        const room = await find(context, request.query, user);
        const filter = typeof request.query.filter === 'string' ? request.query.filter : undefined;
        const status = statusesOf(request.query);
        return success(
          await roomMembers(context, room, {
            ...pagination(request.query),
            ...(filter !== undefined ? { filter } : {}),
            ...(status !== undefined ? { status } : {}),
          }),
        );
      },
    );
  }

  app.get<{ Querystring: RoomParams & { userId?: unknown } }>(
    '/api/v1/channels.counters',
    {
      schema: {
        ...roomDocs(
          'channels.counters',
          "The caller's counters in a public channel (another user's with `view-room-administration`).",
          {},
          {
            joined: true,
            members: 2,
            unreads: 0,
            unreadsFrom: '2024-01-02T03:04:05.006Z',
            msgs: 0,
            latest: '2024-01-02T03:04:05.006Z',
            userMentions: 0,
            success: true,
          },
        ),
        querystring: countersQuery,
      },
      validatorCompiler: documentedOnly,
    },
    async (request) => {
      const { user } = callerOf(request);
      const { userId } = request.query;
      const target = typeof userId === 'string' && userId !== '' ? userId : undefined;
      const room = await findChannel(context, request.query);
      return success(await channelCounters(context, user, room, target));
    },
  );
}
