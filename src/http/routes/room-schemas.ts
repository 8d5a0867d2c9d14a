// JSON schemas of the rooms endpoints' bodies and queries (Rocket.Chat's rest-typings), shared by channels/groups.
import type { RoomParams, UserListParams } from '../../core/room-lookup.js';

export interface CreateRoomBody {
  name: string;
  members?: string[];
  readOnly?: boolean;
  /** rest-typings' ChannelsCreateProps spells it `readonly`; the handler reads `readOnly`. Both are honoured. */
  readonly?: boolean;
}

export const createRoomBody = {
  type: 'object',
  required: ['name'],
  properties: {
    name: { type: 'string' },
    members: { type: 'array', items: { type: 'string' } },
    readOnly: { type: 'boolean' },
    readonly: { type: 'boolean' },
  },
} as const;

export type RoomMemberBody = RoomParams & UserListParams;

/** invite / kick / delete / info: roomId or roomName, plus the user forms; the handlers report what is missing. */
export const roomRequest = { type: 'object' } as const;

export function readOnlyOf(body: CreateRoomBody): boolean {
  return (body.readOnly ?? body.readonly) === true;
}
