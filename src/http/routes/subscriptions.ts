// Rocket.Chat's subscriptions.read: the caller's subscription to a room is marked read.
import type { FastifyInstance } from 'fastify';
import type { Context } from '../../core/context.js';
import { readSubscription } from '../../core/rooms/read-subscription.js';
import { callerOf } from '../authenticate.js';
import { success } from '../envelope.js';
import { roomDocs } from './room-schemas.js';

interface ReadBody {
  rid?: string;
  roomId?: string;
  readThreads?: boolean | null;
}

/** rest-typings: `{rid}` or `{roomId}`, with an optional `readThreads` (Roster has no threads to read). */
const readBody = {
  type: 'object',
  properties: {
    rid: { type: 'string' },
    roomId: { type: 'string' },
    readThreads: { type: ['boolean', 'null'] },
  },
  anyOf: [{ required: ['rid'] }, { required: ['roomId'] }],
} as const;

export function subscriptionsRoutes(app: FastifyInstance, context: Context): void {
  app.post<{ Body: ReadBody }>(
    '/api/v1/subscriptions.read',
    {
      schema: roomDocs(
        'subscriptions.read',
        "Marks the caller's subscription to a room as read (`unread` becomes 0).",
        { body: readBody },
        { success: true },
        [400],
      ),
    },
    async (request) => {
      const { user } = callerOf(request);
      await readSubscription(context, user, request.body.rid ?? request.body.roomId ?? '');
      return success({});
    },
  );
}
