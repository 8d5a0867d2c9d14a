// Rocket.Chat's channels.history, groups.history, im.history and im.messages: a room's messages read back, paged.
import { IN_HANDLER } from '../validation.js';
import type { FastifyInstance } from 'fastify';
import type { Context } from '../../core/context.js';
import type { RoomDoc, UserDoc } from '../../core/documents.js';
import { messageHistory, roomMessages } from '../../core/messages/message-history.js';
import {
  findAccessibleGroup,
  findChannel,
  findDirectMessage,
  type RoomParams,
} from '../../core/rooms/room-lookup.js';
import { pagination } from '../../core/users/user-list.js';
import { userErrors } from '../../core/users/user-errors.js';
import { callerOf } from '../authenticate.js';
import { success } from '../envelope.js';
import { roomDocs } from './room-schemas.js';

interface HistoryQuery extends RoomParams {
  username?: string;
  latest?: string;
  oldest?: string;
  inclusive?: string;
  unreads?: string;
  showThreadMessages?: string;
  offset?: string;
  count?: string;
  sort?: string;
}

const flag = { type: 'string', enum: ['true', 'false'] };

/** Documented only; the handlers read these themselves (no coercion by Fastify's AJV). */
const historyQuery = {
  type: 'object',
  properties: {
    roomId: { type: 'string' },
    roomName: { type: 'string', description: 'channels / groups: the room by name.' },
    latest: { type: 'string', description: 'ISO date: messages before it (default: now).' },
    oldest: { type: 'string', description: 'ISO date: messages after it.' },
    inclusive: { ...flag, description: '`latest` and `oldest` themselves included.' },
    unreads: { ...flag, description: 'Also `firstUnread` and `unreadNotLoaded` (with `oldest`).' },
    offset: { type: 'string' },
    count: { type: 'string' },
  },
};

const HISTORY_EXAMPLE = {
  messages: [
    {
      _id: 'Hh6mRNb4N2MSWH9Kt',
      t: 'uj',
      rid: 'JKa7R9zu2DinBhBN9',
      ts: '2024-01-02T03:04:05.006Z',
      msg: 'bob',
      u: { _id: 'kx8DnwoefdjKGfDL5', username: 'bob' },
      groupable: false,
      _updatedAt: '2024-01-02T03:04:05.006Z',
    },
  ],
  success: true,
};

type Finder = (context: Context, query: HistoryQuery, caller: UserDoc) => Promise<RoomDoc>;

const HISTORIES: ReadonlyArray<readonly [name: string, find: Finder]> = [
  ['channels.history', (context, query) => findChannel(context, query)],
  ['groups.history', (context, query, caller) => findAccessibleGroup(context, query, caller._id)],
  ['im.history', (context, query, caller) => findDirectMessage(context, { roomId: query.roomId }, caller)],
];

/** im.messages' `sort`: parseJsonQuery's `{"ts": 1}` or `{"ts": -1}` (default newest first). */
function tsDirection(raw: string | undefined): 1 | -1 {
  if (raw === undefined || raw === '') return -1;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    parsed = null;
  }
  const ts = parsed !== null && typeof parsed === 'object' ? (parsed as { ts?: unknown }).ts : undefined;
  if (ts !== 1 && ts !== -1) throw userErrors.invalidSort(raw);
  return ts;
}

const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);

export function roomHistoryRoutes(app: FastifyInstance, context: Context): void {
  for (const [name, find] of HISTORIES) {
    app.get<{ Querystring: HistoryQuery }>(
      `/api/v1/${name}`,
      {
        schema: {
          ...roomDocs(
            name,
            "The room's messages, system messages included, newest first (`latest`, `oldest`, paged).",
            {},
            HISTORY_EXAMPLE,
          ),
          querystring: historyQuery,
        },
        ...IN_HANDLER,
      },
      async (request) => {
        const { user } = callerOf(request);
        const { query } = request;
        const room = await find(context, query, user);
        const latest = text(query.latest);
        const oldest = text(query.oldest);
        return success(
          await messageHistory(context, user, room, {
            ...pagination(query),
            ...(latest !== undefined ? { latest } : {}),
            ...(oldest !== undefined ? { oldest } : {}),
            inclusive: query.inclusive === 'true',
            unreads: query.unreads === 'true',
          }),
        );
      },
    );
  }

  app.get<{ Querystring: HistoryQuery }>(
    '/api/v1/im.messages',
    {
      schema: {
        ...roomDocs(
          'im.messages',
          "A page of a direct message's messages (by `roomId` or the other user's `username`).",
          {},
          { ...HISTORY_EXAMPLE, count: 1, offset: 0, total: 1 },
        ),
        querystring: {
          type: 'object',
          properties: {
            roomId: { type: 'string' },
            username: { type: 'string' },
            sort: { type: 'string', description: '`{"ts":1}` or `{"ts":-1}` (default).' },
            offset: { type: 'string' },
            count: { type: 'string' },
          },
        },
      },
      ...IN_HANDLER,
    },
    async (request) => {
      const { user } = callerOf(request);
      const { query } = request;
      const room = await findDirectMessage(context, query, user);
      const direction = tsDirection(text(query.sort));
      return success(await roomMessages(context, user, room, { ...pagination(query), direction }));
    },
  );
}
