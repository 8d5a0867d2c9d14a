// Rocket.Chat's im.delete and im.setTopic (and their dm.* aliases): erase a direct message, set its topic.
import type { FastifyInstance } from 'fastify';
import type { Context } from '../../core/context.js';
import { deleteDirectMessage, setDirectMessageTopic } from '../../core/rooms/direct-message-settings.js';
import { callerOf } from '../authenticate.js';
import { success } from '../envelope.js';
import { roomDocs } from './room-schemas.js';

/** isDmDeleteProps: `{roomId}` or `{username}`. */
const deleteBody = {
  type: 'object',
  properties: {
    roomId: { type: 'string', description: "The direct message's `_id`." },
    username: { type: 'string', description: 'The other user of a one-to-one direct message.' },
  },
  anyOf: [{ required: ['roomId'] }, { required: ['username'] }],
} as const;

/** isDmSetTopicProps: `{roomId, topic?}`, topic a string or null. */
const topicBody = {
  type: 'object',
  required: ['roomId'],
  properties: {
    roomId: { type: 'string', description: "The direct message's `_id`." },
    topic: { type: ['string', 'null'], description: 'The new topic; empty or absent clears it.' },
  },
} as const;

export function imSettingRoutes(app: FastifyInstance, context: Context): void {
  for (const prefix of ['im', 'dm']) {
    app.post<{ Body: { roomId?: string; username?: string } }>(
      `/api/v1/${prefix}.delete`,
      {
        schema: roomDocs(
          `${prefix}.delete`,
          'Deletes a direct message with its subscriptions (`delete-d`, admins by default).',
          { body: deleteBody },
          { success: true },
          [400],
        ),
      },
      async (request) => {
        const { user } = callerOf(request);
        await deleteDirectMessage(context, user, request.body);
        return success({});
      },
    );

    app.post<{ Body: { roomId: string; topic?: string | null } }>(
      `/api/v1/${prefix}.setTopic`,
      {
        schema: roomDocs(
          `${prefix}.setTopic`,
          "Sets a direct message's topic (`edit-room` in the room).",
          { body: topicBody },
          { topic: 'Planning', success: true },
          [400, 403],
        ),
      },
      async (request) => {
        const { user } = callerOf(request);
        const { roomId, topic } = request.body;
        await setDirectMessageTopic(context, user, roomId, topic ?? '');
        // dmSetTopicAction answers the topic as sent (absent when it was absent or null).
        return success(typeof topic === 'string' ? { topic } : {});
      },
    );
  }
}
