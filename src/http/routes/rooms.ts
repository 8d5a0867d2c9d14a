// Rocket.Chat's rooms.get (the caller's rooms, with an updatedSince delta) and rooms.info (rooms.ts).
import type { FastifyInstance } from 'fastify';
import type { Context } from '../../core/context.js';
import { canAccessRoom, roomActor } from '../../core/rooms/room-access.js';
import { roomForResponse } from '../../core/rooms/room-documents.js';
import { roomErrors } from '../../core/rooms/room-errors.js';
import { roomsOfUser } from '../../core/rooms/room-lists.js';
import { findRoomByIdOrName } from '../../core/rooms/room-lookup.js';
import { callerOf } from '../authenticate.js';
import { success } from '../envelope.js';
import { documentedOnly } from '../route-docs.js';
import { ROOM_EXAMPLE, roomDocs } from './room-schemas.js';

interface GetQuery {
  updatedSince?: unknown;
}

interface InfoQuery {
  roomId?: unknown;
  roomName?: unknown;
}

const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);

export function roomsRoutes(app: FastifyInstance, context: Context): void {
  app.get<{ Querystring: GetQuery }>(
    '/api/v1/rooms.get',
    {
      schema: {
        ...roomDocs(
          'rooms.get',
          "The caller's rooms; with `updatedSince`, only those changed after it. `remove` is always empty: Roster " +
            'keeps no trash of deleted rooms.',
          {},
          { update: [ROOM_EXAMPLE], remove: [], success: true },
          [400],
        ),
        querystring: {
          type: 'object',
          properties: { updatedSince: { type: 'string', description: 'An ISO date.' } },
        },
      },
      validatorCompiler: documentedOnly,
    },
    async (request) => {
      const { user } = callerOf(request);
      const since = text(request.query.updatedSince);
      let updatedAfter: string | undefined;
      if (since !== undefined) {
        const parsed = Date.parse(since);
        if (Number.isNaN(parsed)) throw roomErrors.updatedSinceInvalid();
        updatedAfter = new Date(parsed).toISOString();
      }
      const rooms = await roomsOfUser(context, user._id, updatedAfter);
      return success({ update: rooms.map(roomForResponse), remove: [] });
    },
  );

  app.get<{ Querystring: InfoQuery }>(
    '/api/v1/rooms.info',
    {
      schema: {
        ...roomDocs(
          'rooms.info',
          'A room the caller can access, by roomId or roomName.',
          {},
          {
            room: ROOM_EXAMPLE,
            success: true,
          },
          [400],
        ),
        querystring: {
          type: 'object',
          properties: { roomId: { type: 'string' }, roomName: { type: 'string' } },
        },
      },
      validatorCompiler: documentedOnly,
    },
    async (request) => {
      const { user } = callerOf(request);
      const roomId = text(request.query.roomId);
      const roomName = text(request.query.roomName);
      // Rooms.findOneByIdOrName(roomId || roomName)
      const key = roomId ?? roomName;
      const room = key === undefined ? null : await findRoomByIdOrName(context, key);
      if (!room || !canAccessRoom(room, await roomActor(context, user, room))) {
        throw roomErrors.roomInfoNotAllowed();
      }
      return success({ room: roomForResponse(room) });
    },
  );
}
