// Rocket.Chat's channels./groups./im. open and close and rooms.favorite: the caller's own subscription flags
// (`open`, `f`), from channels.ts, groups.ts, im.ts and rooms.ts.
import type { FastifyInstance } from 'fastify';
import type { Context } from '../../core/context.js';
import {
  closeDirectMessage,
  favoriteRoom,
  openDirectMessage,
  setChannelOpen,
  setGroupOpen,
} from '../../core/rooms/room-open-close.js';
import { findAccessibleGroup, findChannel, type RoomParams } from '../../core/rooms/room-lookup.js';
import { callerOf } from '../authenticate.js';
import { success } from '../envelope.js';
import { ROOM_REQUEST as roomRequest } from '../../api/rooms.js';
import { roomDocs } from './room-schemas.js';

/** isDmOpenProps / DmClosePropsSchema: `{roomId}`. */
const directBody = {
  type: 'object',
  required: ['roomId'],
  properties: { roomId: { type: 'string', description: "The direct message's `_id`." } },
} as const;

const favoriteBody = {
  type: 'object',
  properties: {
    roomId: roomRequest.properties.roomId,
    roomName: roomRequest.properties.roomName,
    favorite: { description: 'true to mark the room a favorite, false to unmark it (boolean).' },
  },
} as const;

export function roomOpenCloseRoutes(app: FastifyInstance, context: Context): void {
  for (const open of [true, false]) {
    const call = open ? 'open' : 'close';
    const what = open
      ? "Shows the room in the caller's room list again (the subscription's `open`)."
      : "Hides the room from the caller's room list (the subscription's `open`) until it is opened again.";
    app.post<{ Body: RoomParams }>(
      `/api/v1/channels.${call}`,
      { schema: roomDocs(`channels.${call}`, what, { body: roomRequest }, { success: true }) },
      async (request) => {
        const { user } = callerOf(request);
        await setChannelOpen(context, user, await findChannel(context, request.body), open);
        return success({});
      },
    );
    app.post<{ Body: RoomParams }>(
      `/api/v1/groups.${call}`,
      { schema: roomDocs(`groups.${call}`, what, { body: roomRequest }, { success: true }) },
      async (request) => {
        const { user } = callerOf(request);
        const room = await findAccessibleGroup(context, request.body, user._id);
        await setGroupOpen(context, user, room, open);
        return success({});
      },
    );
    // im.* and their dm.* aliases, as Rocket.Chat registers both.
    for (const prefix of ['im', 'dm']) {
      app.post<{ Body: { roomId: string } }>(
        `/api/v1/${prefix}.${call}`,
        {
          schema: roomDocs(`${prefix}.${call}`, what, { body: directBody }, { success: true }, [400, 403]),
        },
        async (request) => {
          const { user } = callerOf(request);
          const action = open ? openDirectMessage : closeDirectMessage;
          await action(context, user, request.body.roomId);
          return success({});
        },
      );
    }
  }

  app.post<{ Body: RoomParams & { favorite?: unknown } }>(
    '/api/v1/rooms.favorite',
    {
      schema: roomDocs(
        'rooms.favorite',
        "Marks a room the caller is in as a favorite or not (the subscription's `f`).",
        { body: favoriteBody },
        { success: true },
        [400],
      ),
    },
    async (request) => {
      const { user } = callerOf(request);
      await favoriteRoom(context, user, request.body ?? {});
      return success({});
    },
  );
}
