// Rocket.Chat's smaller room calls (channels.ts, groups.ts, rooms.ts): channels./groups. addAll, moderators,
// online and setCustomFields, channels.setJoinCode, and rooms.adminRooms.
import { IN_HANDLER } from '../validation.js';
import type { FastifyInstance } from 'fastify';
import type { Context } from '../../core/context.js';
import type { RoomDoc, UserDoc } from '../../core/documents.js';
import { adminRooms } from '../../core/rooms/admin-rooms.js';
import { addAllUsersToRoom } from '../../core/rooms/room-add-all.js';
import { saveRoomCustomFields, setRoomJoinCode } from '../../core/rooms/room-codes-fields.js';
import { roomForResponse } from '../../core/rooms/room-documents.js';
import { roomErrors } from '../../core/rooms/room-errors.js';
import { assertPermission } from '../../core/rooms/room-lists.js';
import { findAccessibleGroup, findChannel, type RoomParams } from '../../core/rooms/room-lookup.js';
import { assertNotArchived } from '../../core/rooms/room-open-close.js';
import { onlineMembers, roomModerators } from '../../core/rooms/room-people.js';
import { pagination } from '../../core/users/user-list.js';
import { callerOf } from '../authenticate.js';
import { success } from '../envelope.js';
import { ROOM_REQUEST as roomRequest } from '../../api/rooms.js';
import { ROOM_EXAMPLE, roomDocs } from './room-schemas.js';

type Body = RoomParams & Record<string, unknown>;

interface Kind {
  prefix: 'channels' | 'groups';
  key: 'channel' | 'group';
  t: 'c' | 'p';
  /** findChannelByIdOrName / findPrivateGroupByIdOrName, archived rooms refused (checkedArchived). */
  find: (context: Context, params: RoomParams, caller: UserDoc) => Promise<RoomDoc>;
}

const KINDS: readonly Kind[] = [
  {
    prefix: 'channels',
    key: 'channel',
    t: 'c',
    find: async (context, params) => assertNotArchived(await findChannel(context, params)),
  },
  {
    prefix: 'groups',
    key: 'group',
    t: 'p',
    find: async (context, params, caller) =>
      assertNotArchived(await findAccessibleGroup(context, params, caller._id)),
  },
];

const bodyWith = (param: string, description: string) => ({
  type: 'object',
  properties: {
    roomId: roomRequest.properties.roomId,
    roomName: roomRequest.properties.roomName,
    [param]: { description },
  },
});

/** Documented only; the handlers read these themselves. */
const roomQuery = {
  type: 'object',
  properties: { roomId: { type: 'string' }, roomName: { type: 'string' } },
};

const onlineQuery = {
  type: 'object',
  properties: {
    _id: { type: 'string', description: "The room's `_id`." },
    query: { type: 'string', description: 'A JSON object naming the room by `_id` or `name`.' },
  },
};

const adminRoomsQuery = {
  type: 'object',
  properties: {
    filter: { type: 'string', description: 'A substring of the name or display name (fname).' },
    types: {
      type: 'array',
      items: { type: 'string' },
      description: 'Room types (`c`, `p`, `d`, …), `discussions`, `teams`.',
    },
    offset: { type: 'string' },
    count: { type: 'string' },
  },
};

export function roomAdminCallRoutes(app: FastifyInstance, context: Context): void {
  for (const { prefix, key, t, find } of KINDS) {
    const roomExample = { [key]: { ...ROOM_EXAMPLE, t }, success: true };
    const post = (
      call: string,
      description: string,
      body: object,
      example: object,
      handler: (body: Body, caller: UserDoc) => Promise<object>,
    ) =>
      app.post<{ Body: Body }>(
        `/api/v1/${prefix}.${call}`,
        { schema: roomDocs(`${prefix}.${call}`, description, { body }, example) },
        async (request) => success(await handler(request.body ?? {}, callerOf(request).user)),
      );

    post(
      'addAll',
      'Adds every user (with `activeUsersOnly`, every active user) to the room (`add-all-to-room`); refused ' +
        'past 500 users (API_User_Limit).',
      bodyWith('activeUsersOnly', 'Only active users (true, "true" or 1).'),
      roomExample,
      async (body, caller) => {
        const room = await find(context, body, caller);
        // channels.addAll: `activeUsersOnly === 'true' || activeUsersOnly === 1`; groups passes a boolean.
        const { activeUsersOnly } = body;
        const activeOnly = activeUsersOnly === true || activeUsersOnly === 'true' || activeUsersOnly === 1;
        return { [key]: roomForResponse(await addAllUsersToRoom(context, caller, room, activeOnly)) };
      },
    );

    post(
      'setCustomFields',
      "Replaces the room's custom fields (`edit-room`); every member's subscription gets them too.",
      bodyWith('customFields', 'The custom fields (object).'),
      { [key]: { ...ROOM_EXAMPLE, t, customFields: { team: 'blue' } }, success: true },
      async (body, caller) => {
        const { customFields } = body;
        if (!customFields || typeof customFields !== 'object') throw roomErrors.customFieldsRequired();
        const room = await find(context, body, caller);
        const stored = await saveRoomCustomFields(
          context,
          caller,
          room,
          customFields as Record<string, unknown>,
        );
        return { [key]: roomForResponse(stored) };
      },
    );

    app.get<{ Querystring: RoomParams }>(
      `/api/v1/${prefix}.moderators`,
      {
        schema: {
          ...roomDocs(
            `${prefix}.moderators`,
            'The members holding the room role `moderator`.',
            {},
            { moderators: [{ _id: 'aobEdbYhXfu5hkeqG', username: 'test.john' }], success: true },
            [400],
          ),
          querystring: roomQuery,
        },
        ...IN_HANDLER,
      },
      async (request) => {
        const room = await find(context, request.query, callerOf(request).user);
        return success({ moderators: await roomModerators(context, room) });
      },
    );

    app.get<{ Querystring: { _id?: unknown; query?: unknown } }>(
      `/api/v1/${prefix}.online`,
      {
        schema: {
          ...roomDocs(
            `${prefix}.online`,
            "The room's members whose status is not offline (Roster has no realtime: the stored status).",
            {},
            { online: [{ _id: 'aobEdbYhXfu5hkeqG', username: 'test.john' }], success: true },
            [400],
          ),
          querystring: onlineQuery,
        },
        ...IN_HANDLER,
      },
      async (request) => {
        const { _id, query } = request.query;
        const online = await onlineMembers(context, callerOf(request).user, t, {
          ...(typeof _id === 'string' && _id !== '' ? { _id } : {}),
          ...parsedQuery(query),
        });
        return success({ online });
      },
    );
  }

  app.post<{ Body: Body }>(
    '/api/v1/channels.setJoinCode',
    {
      schema: roomDocs(
        'channels.setJoinCode',
        'Sets the code a user must give to join the channel (`edit-room`).',
        { body: bodyWith('joinCode', 'The join code (string).') },
        { channel: { ...ROOM_EXAMPLE, joinCodeRequired: true }, success: true },
      ),
    },
    async (request) => {
      const { user } = callerOf(request);
      const body = request.body ?? {};
      const { joinCode } = body;
      if (typeof joinCode !== 'string' || joinCode.trim() === '')
        throw roomErrors.bodyParamRequired('joinCode');
      const room = assertNotArchived(await findChannel(context, body));
      return success({ channel: roomForResponse(await setRoomJoinCode(context, user, room, joinCode)) });
    },
  );

  app.get<{ Querystring: { filter?: unknown; types?: unknown; offset?: string; count?: string } }>(
    '/api/v1/rooms.adminRooms',
    {
      schema: {
        ...roomDocs(
          'rooms.adminRooms',
          'Every room, filtered by name and type, for administrators (`view-room-administration`).',
          {},
          { rooms: [ROOM_EXAMPLE], count: 1, offset: 0, total: 1, success: true },
        ),
        querystring: adminRoomsQuery,
      },
      ...IN_HANDLER,
    },
    async (request) => {
      const { user } = callerOf(request);
      await assertPermission(context, user, 'view-room-administration');
      const { filter, types } = request.query;
      const list = (Array.isArray(types) ? types : [types]).filter(
        (type): type is string => typeof type === 'string',
      );
      return success(
        await adminRooms(context, {
          ...pagination(request.query),
          ...(typeof filter === 'string' ? { filter } : {}),
          types: list,
        }),
      );
    },
  );
}

/** parseJsonQuery's `query`: JSON text; anything but an object is refused. */
function parsedQuery(raw: unknown): { query?: Record<string, unknown> } {
  if (typeof raw !== 'string' || raw === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw roomErrors.invalidQueryParameter(raw);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw roomErrors.invalidQueryParameter(raw);
  }
  return { query: parsed as Record<string, unknown> };
}
