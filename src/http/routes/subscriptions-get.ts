// Rocket.Chat's subscriptions.get (with an updatedSince delta) and subscriptions.getOne (subscriptions.ts).
import type { FastifyInstance } from 'fastify';
import type { Context } from '../../core/context.js';
import { subscriptionOf, subscriptionsOf } from '../../core/rooms/subscription-list.js';
import { callerOf } from '../authenticate.js';
import { success } from '../envelope.js';
import { roomDocs } from './room-schemas.js';

const SUBSCRIPTION_EXAMPLE = {
  _id: 'sHrb7QbPgvLZ8aBsF',
  rid: 'JKa7R9zu2DinBhBN9',
  name: 'general-talk',
  fname: 'general-talk',
  t: 'c',
  u: { _id: 'aobEdbYhXfu5hkeqG', username: 'test.john' },
  open: true,
  alert: false,
  unread: 0,
  userMentions: 0,
  groupMentions: 0,
  ts: '2024-01-02T03:04:05.006Z',
  _updatedAt: '2024-01-02T03:04:05.006Z',
};

export function subscriptionListRoutes(app: FastifyInstance, context: Context): void {
  app.get<{ Querystring: { updatedSince?: string } }>(
    '/api/v1/subscriptions.get',
    {
      schema: {
        ...roomDocs(
          'subscriptions.get',
          "The caller's subscriptions; with `updatedSince`, only those changed after it. `remove` is always " +
            'empty: Roster keeps no trash of deleted subscriptions.',
          {},
          { update: [SUBSCRIPTION_EXAMPLE], remove: [], success: true },
          [400],
        ),
        querystring: {
          type: 'object',
          properties: { updatedSince: { type: 'string', description: 'An ISO date.' } },
        },
      },
    },
    async (request) => {
      const { user } = callerOf(request);
      return success(await subscriptionsOf(context, user, request.query.updatedSince));
    },
  );

  app.get<{ Querystring: { roomId: string } }>(
    '/api/v1/subscriptions.getOne',
    {
      schema: {
        ...roomDocs(
          'subscriptions.getOne',
          "The caller's subscription to a room (`null` when the caller is not in it).",
          {},
          { subscription: SUBSCRIPTION_EXAMPLE, success: true },
          [400],
        ),
        querystring: {
          type: 'object',
          required: ['roomId'],
          properties: { roomId: { type: 'string', description: "The room's `_id`." } },
        },
      },
    },
    async (request) => {
      const { user } = callerOf(request);
      return success({ subscription: await subscriptionOf(context, user, request.query.roomId) });
    },
  );
}
