// Rocket.Chat's room lists: channels.list, channels.list.joined, groups.list, groups.listAll, im.list and
// im.list.everyone (channels.ts, groups.ts, im.ts), paged with offset / count, ordered by name.
import type { FastifyInstance } from 'fastify';
import type { Context } from '../../core/context.js';
import type { UserDoc } from '../../core/documents.js';
import { assertPermission, joinedRoomPage, roomPage, type Page } from '../../core/rooms/room-lists.js';
import { pagination } from '../../core/users/user-list.js';
import { callerOf } from '../authenticate.js';
import { success } from '../envelope.js';
import { IN_HANDLER } from '../validation.js';
import { ROOM_EXAMPLE, roomDocs } from './room-schemas.js';

interface ListQuery {
  offset?: string;
  count?: string;
}

const listQuery = {
  type: 'object',
  properties: { offset: { type: 'string' }, count: { type: 'string' } },
};

type Lister = (context: Context, user: UserDoc, page: Page) => Promise<Awaited<ReturnType<typeof roomPage>>>;

/** name, response key, description, lister. */
const LISTS: ReadonlyArray<readonly [string, string, string, Lister]> = [
  [
    'channels.list',
    'channels',
    'Every public channel (`view-c-room` or `view-joined-room`).',
    async (context, user, page) => {
      if (
        !(await context.permissions.has(user.roles, 'view-c-room')) &&
        !(await context.permissions.has(user.roles, 'view-joined-room'))
      ) {
        await assertPermission(context, user, 'view-c-room');
      }
      return roomPage(context, { types: ['c'], ...page });
    },
  ],
  [
    'channels.list.joined',
    'channels',
    'The public channels the caller is in.',
    (context, user, page) => joinedRoomPage(context, user, 'c', page),
  ],
  [
    'groups.list',
    'groups',
    'The private groups the caller is in.',
    (context, user, page) => joinedRoomPage(context, user, 'p', page),
  ],
  [
    'groups.listAll',
    'groups',
    'Every private group (`view-room-administration`).',
    async (context, user, page) => {
      await assertPermission(context, user, 'view-room-administration');
      return roomPage(context, { types: ['p'], ...page });
    },
  ],
  [
    'im.list',
    'ims',
    'The direct messages the caller is in.',
    (context, user, page) => joinedRoomPage(context, user, 'd', page),
  ],
  [
    'im.list.everyone',
    'ims',
    'Every direct message (`view-room-administration`).',
    async (context, user, page) => {
      await assertPermission(context, user, 'view-room-administration');
      return roomPage(context, { types: ['d'], ...page });
    },
  ],
];

export function roomListRoutes(app: FastifyInstance, context: Context): void {
  for (const [name, key, description, list] of LISTS) {
    const example = { [key]: [ROOM_EXAMPLE], count: 1, offset: 0, total: 1, success: true };
    app.get<{ Querystring: ListQuery }>(
      `/api/v1/${name}`,
      {
        schema: { ...roomDocs(name, description, {}, example), querystring: listQuery },
        ...IN_HANDLER,
      },
      async (request) => {
        const { user } = callerOf(request);
        const { rooms, count, offset, total } = await list(context, user, pagination(request.query));
        return success({ [key]: rooms, count, offset, total });
      },
    );
  }
}
