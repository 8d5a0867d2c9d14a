// JSON schemas of the rooms endpoints' bodies and queries (Rocket.Chat's rest-typings), shared by channels/groups.
import type { RoomParams, UserListParams } from '../../core/rooms/room-lookup.js';
import { responses, type ErrorStatus } from '../route-docs.js';
import { IN_HANDLER } from '../validation.js';

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
    name: { type: 'string', examples: ['general-talk'] },
    members: { type: 'array', items: { type: 'string' }, description: 'Usernames to add.' },
    readOnly: { type: 'boolean' },
    readonly: { type: 'boolean' },
  },
} as const;

export type RoomMemberBody = RoomParams & UserListParams;

/**
 * invite / kick / delete / info: roomId or roomName, plus the user forms; the handlers report what is missing.
 * The properties carry no `type` on purpose: they document the fields without letting Fastify's AJV coerce them.
 */
export const roomRequest = {
  type: 'object',
  properties: {
    roomId: { description: "The room's `_id` (string)." },
    roomName: { description: "The room's name, when roomId is absent (string)." },
    userId: { description: 'invite / kick: the user, by `_id` (string).' },
    username: { description: 'invite / kick: the user, by username (string).' },
    userIds: { description: 'invite: several users by `_id` (array of strings).' },
    usernames: { description: 'invite: several users by username (array of strings).' },
  },
} as const;

/** channels.setDefault: `default` is a boolean or its text (`"true"`, `"1"`), as Rocket.Chat reads it. */
export const setDefaultBody = {
  type: 'object',
  properties: {
    roomId: roomRequest.properties.roomId,
    roomName: roomRequest.properties.roomName,
    default: { description: 'true to make the channel a default channel (boolean, or "true" / "1").' },
  },
} as const;

/** The room queries of channels.info / groups.info, for the document only (the handler reads them itself). */
const roomQuery = {
  type: 'object',
  properties: {
    roomId: { type: 'string', description: "The room's `_id`." },
    roomName: { type: 'string', description: "The room's name, when roomId is absent." },
  },
};

export const ROOM_EXAMPLE = {
  _id: 'JKa7R9zu2DinBhBN9',
  name: 'general-talk',
  fname: 'general-talk',
  t: 'c',
  msgs: 0,
  usersCount: 2,
  u: { _id: 'aobEdbYhXfu5hkeqG', username: 'test.john' },
  ts: '2024-01-02T03:04:05.006Z',
  ro: false,
  sysMes: true,
  default: false,
  _updatedAt: '2024-01-02T03:04:05.006Z',
};

/** Summary, tags, request schema and 200 example of a rooms route (validation stays as the route sets it). */
export function roomDocs(
  summary: string,
  description: string,
  request: { body: object } | Record<string, never>,
  example: object,
  errors: readonly ErrorStatus[] = [400, 403],
) {
  return {
    summary,
    description,
    tags: ['Rooms'],
    ...request,
    response: responses(description, example, errors),
  };
}

/** channels.info / groups.info: documented query, checked by the handler. */
export function roomInfoOptions(summary: string, description: string, example: object) {
  return {
    schema: { ...roomDocs(summary, description, {}, example, [400]), querystring: roomQuery },
    ...IN_HANDLER,
  };
}

export function readOnlyOf(body: CreateRoomBody): boolean {
  return (body.readOnly ?? body.readonly) === true;
}
