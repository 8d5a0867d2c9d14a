// Rocket.Chat's im.create (and its alias dm.create): open a direct message with one or several users.
import type { FastifyInstance } from 'fastify';
import type { Context } from '../../core/context.js';
import { createDirectMessage } from '../../core/rooms/direct-messages.js';
import { callerOf } from '../authenticate.js';
import { success } from '../envelope.js';
import { roomDocs } from './room-schemas.js';
import { IM_CREATE_BODY, type ImCreateBody } from '../../api/rooms.js';
import { beforeRateLimit, checker } from '../validation.js';

/**
 * Rocket.Chat 8.5 declares im.create with the typed router's `body: isDmCreateProps` (fidelity audit): a refusal
 * is `typed` (errorType invalid-params). Phase before-rate-limit, as the typed router validates before the action.
 */
const checkImCreate = checker(IM_CREATE_BODY, 'typed');

export function imRoutes(app: FastifyInstance, context: Context): void {
  for (const path of ['/api/v1/im.create', '/api/v1/dm.create']) {
    const schema = roomDocs(
      path.slice('/api/v1/'.length),
      'Opens (or finds) a direct message with one or several users (`create-d`).',
      { body: checkImCreate.schema },
      {
        room: {
          t: 'd',
          rid: 'aobEdbYhXfu5hkeqGrocket.cat',
          usernames: ['rocket.cat', 'test.john'],
          _id: 'aobEdbYhXfu5hkeqGrocket.cat',
        },
        success: true,
      },
    );
    app.post<{ Body: ImCreateBody }>(
      path,
      { schema, ...beforeRateLimit('body', checkImCreate) },
      async (request) => {
        const { user } = callerOf(request);
        const body = request.body;
        const { excludeSelf } = body;
        const wanted = 'usernames' in body ? body.usernames.split(',') : [body.username];
        const { rid, usernames: members } = await createDirectMessage(
          context,
          user,
          wanted,
          excludeSelf === true,
        );
        return success({ room: { t: 'd', rid, usernames: members, _id: rid } });
      },
    );
  }
}
