// The OpenAPI side of the rooms routes (summary, example, info options); their contracts are in api/rooms.ts.
import type { RoomParams, UserListParams } from '../../core/rooms/room-lookup.js';
import { responses, type ErrorStatus } from '../route-docs.js';
import { IN_HANDLER } from '../validation.js';
import { ROOM_INFO_QUERY, type RoomsCreateBody } from '../../api/rooms.js';

export type RoomMemberBody = RoomParams & UserListParams;

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
    schema: { ...roomDocs(summary, description, {}, example, [400]), querystring: ROOM_INFO_QUERY },
    ...IN_HANDLER,
  };
}

export function readOnlyOf(body: RoomsCreateBody): boolean {
  return (body.readOnly ?? body.readonly) === true;
}
