// Rocket.Chat's subscriptions.read and subscriptions.unread: the caller's subscription to a room marked read, or
// unread again from a message.
import type { FastifyInstance } from 'fastify';
import type { Context } from '../../core/context.js';
import { markUnread, type UnreadRequest } from '../../core/messages/mark-unread.js';
import { readSubscription } from '../../core/rooms/read-subscription.js';
import { callerOf } from '../authenticate.js';
import { success } from '../envelope.js';
import { roomDocs } from './room-schemas.js';
import { SUBSCRIPTIONS_READ_BODY, type SubscriptionsReadBody } from '../../api/rooms.js';
import { beforeRateLimit, checker } from '../validation.js';

/**
 * rest-typings `isSubscriptionsReadProps`, the typed router's `body` in Rocket.Chat's subscriptions.ts: a refusal
 * is `typed`. Phase before-rate-limit, as the typed router validates before the action.
 */
const checkRead = checker(SUBSCRIPTIONS_READ_BODY, 'typed');

/** isSubscriptionsUnreadProps: `{roomId}` or `{firstUnreadMessage: {_id}}`. */
const unreadBody = {
  type: 'object',
  properties: {
    roomId: { type: 'string', description: "From the room's newest message." },
    firstUnreadMessage: {
      type: 'object',
      required: ['_id'],
      properties: { _id: { type: 'string' } },
      description: 'From this message (not your own).',
    },
  },
  anyOf: [{ required: ['roomId'] }, { required: ['firstUnreadMessage'] }],
} as const;

export function subscriptionsRoutes(app: FastifyInstance, context: Context): void {
  app.post<{ Body: UnreadRequest }>(
    '/api/v1/subscriptions.unread',
    {
      schema: roomDocs(
        'subscriptions.unread',
        "Marks the caller's subscription unread again from a message (`ls` moves back; `alert` and `open` set).",
        { body: unreadBody },
        { success: true },
        [400],
      ),
    },
    async (request) => {
      await markUnread(context, callerOf(request).user, request.body);
      return success({});
    },
  );

  app.post<{ Body: SubscriptionsReadBody }>(
    '/api/v1/subscriptions.read',
    {
      schema: roomDocs(
        'subscriptions.read',
        "Marks the caller's subscription to a room as read (`unread` becomes 0).",
        { body: checkRead.schema },
        { success: true },
        [400],
      ),
      ...beforeRateLimit('body', checkRead),
    },
    async (request) => {
      const { user } = callerOf(request);
      await readSubscription(context, user, 'rid' in request.body ? request.body.rid : request.body.roomId);
      return success({});
    },
  );
}
