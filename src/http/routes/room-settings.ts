// Rocket.Chat's channels./groups. rename, setTopic, setDescription, setAnnouncement, setReadOnly, setType,
// archive and unarchive (channels.ts / groups.ts), with their `API.v1.failure` texts.
import type { FastifyInstance } from 'fastify';
import type { Context } from '../../core/context.js';
import type { RoomDoc, UserDoc } from '../../core/documents.js';
import { roomForResponse } from '../../core/rooms/room-documents.js';
import { roomErrors } from '../../core/rooms/room-errors.js';
import { findAccessibleGroup, findChannel, type RoomParams } from '../../core/rooms/room-lookup.js';
import {
  renameRoom,
  saveRoomSetting,
  setArchived,
  setRoomType,
  type RoomSetting,
} from '../../core/rooms/room-settings.js';
import { callerOf } from '../authenticate.js';
import { success } from '../envelope.js';
import { ROOM_EXAMPLE, roomDocs, roomRequest } from './room-schemas.js';

type Body = RoomParams & Record<string, unknown>;

interface Kind {
  prefix: 'channels' | 'groups';
  key: 'channel' | 'group';
  /** How the "same value" failures name the room. */
  noun: string;
  find: (context: Context, params: RoomParams, caller: UserDoc) => Promise<RoomDoc>;
}

const KINDS: readonly Kind[] = [
  {
    prefix: 'channels',
    key: 'channel',
    noun: 'channel',
    find: (context, params) => findChannel(context, params),
  },
  {
    prefix: 'groups',
    key: 'group',
    noun: 'private group',
    find: (context, params, caller) => findAccessibleGroup(context, params, caller._id),
  },
];

/** The text settings: body parameter, stored field. */
const TEXT_SETTINGS: ReadonlyArray<readonly [call: string, param: string, field: RoomSetting]> = [
  ['setTopic', 'topic', 'topic'],
  ['setDescription', 'description', 'description'],
  ['setAnnouncement', 'announcement', 'announcement'],
];

const bodyWith = (param: string, description: string) => ({
  type: 'object',
  properties: {
    roomId: { description: "The room's `_id` (string)." },
    roomName: { description: "The room's name, when roomId is absent (string)." },
    [param]: { description },
  },
});

export function roomSettingRoutes(app: FastifyInstance, context: Context): void {
  for (const kind of KINDS) {
    const { prefix, key, noun, find } = kind;
    const roomExample = { [key]: { ...ROOM_EXAMPLE, t: key === 'channel' ? 'c' : 'p' }, success: true };
    const route = (
      call: string,
      description: string,
      body: object,
      example: object,
      handler: (body: Body, caller: UserDoc) => Promise<object>,
    ) =>
      app.post<{ Body: Body }>(
        `/api/v1/${prefix}.${call}`,
        { schema: roomDocs(`${prefix}.${call}`, description, { body }, example) },
        async (request) => success(await handler(request.body, callerOf(request).user)),
      );

    // rename looks the room up by roomId only, as Rocket.Chat does.
    route(
      'rename',
      'Renames the room (`edit-room`); every member sees the new name.',
      bodyWith('name', 'The new name (string).'),
      roomExample,
      async (body, caller) => {
        const name = body.name;
        if (typeof name !== 'string' || name.trim() === '') throw roomErrors.bodyParamRequired('name');
        const room = await find(context, { roomId: body.roomId }, caller);
        if (prefix === 'channels' && room.name === name) throw roomErrors.sameName();
        return { [key]: roomForResponse(await renameRoom(context, caller, room, name)) };
      },
    );

    for (const [call, param, field] of TEXT_SETTINGS) {
      route(
        call,
        `Sets the room's ${param} (\`edit-room\`).`,
        bodyWith(param, `The new ${param} (string).`),
        { [param]: 'Welcome', success: true },
        async (body, caller) => {
          const value = body[param];
          if (typeof value !== 'string') throw roomErrors.bodyParamRequired(param);
          const room = await find(context, body, caller);
          if (room[field] !== value) await saveRoomSetting(context, caller, room, field, value);
          return { [param]: value };
        },
      );
    }

    route(
      'setReadOnly',
      'Makes the room read-only or not (`edit-room`).',
      bodyWith('readOnly', 'true for read-only (boolean).'),
      roomExample,
      async (body, caller) => {
        const value = body.readOnly;
        if (typeof value !== 'boolean') throw roomErrors.bodyParamRequired('readOnly');
        const room = await find(context, body, caller);
        if (room.ro === value) throw roomErrors.sameValue(`${noun} read only setting`);
        return { [key]: roomForResponse(await saveRoomSetting(context, caller, room, 'ro', value)) };
      },
    );

    route(
      'setType',
      'Turns the room into a public channel (`c`, needs `create-c`) or a private group (`p`, needs `create-p`).',
      bodyWith('type', '`c` or `p` (string).'),
      roomExample,
      async (body, caller) => {
        const type = body.type;
        if (typeof type !== 'string' || type === '') throw roomErrors.bodyParamRequired('type');
        const room = await find(context, body, caller);
        if (room.t === type) throw roomErrors.sameValue(`${noun} type`);
        const stored = await setRoomType(context, caller, room, type);
        return { [key === 'channel' ? 'channel' : 'group']: roomForResponse(stored) };
      },
    );

    for (const archived of [true, false]) {
      const call = archived ? 'archive' : 'unarchive';
      route(
        call,
        `${archived ? 'Archives' : 'Unarchives'} the room (\`${call}-room\`).`,
        roomRequest,
        { success: true },
        async (body, caller) => {
          await setArchived(context, caller, await find(context, body, caller), archived);
          return {};
        },
      );
    }
  }
}
