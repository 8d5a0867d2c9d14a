// Rocket.Chat's im.create (and its alias dm.create): open a direct message with one or several users.
import type { FastifyInstance } from 'fastify';
import type { Context } from '../../core/context.js';
import { createDirectMessage } from '../../core/rooms/direct-messages.js';
import { callerOf } from '../authenticate.js';
import { success } from '../envelope.js';
import { roomDocs } from './room-schemas.js';

interface DmCreateBody {
  username?: string;
  /** Comma-separated usernames, as rest-typings' DmCreateProps has it. */
  usernames?: string;
  excludeSelf?: boolean;
}

/** isDmCreateProps: `{username}` or `{usernames}`, each with an optional `excludeSelf`. */
const dmCreateBody = {
  type: 'object',
  properties: {
    username: { type: 'string', description: 'The other user.' },
    usernames: { type: 'string', description: 'Several users, comma-separated.' },
    excludeSelf: { type: 'boolean' },
  },
  anyOf: [{ required: ['usernames'] }, { required: ['username'] }],
} as const;

export function imRoutes(app: FastifyInstance, context: Context): void {
  for (const path of ['/api/v1/im.create', '/api/v1/dm.create']) {
    const schema = roomDocs(
      path.slice('/api/v1/'.length),
      'Opens (or finds) a direct message with one or several users (`create-d`).',
      { body: dmCreateBody },
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
    app.post<{ Body: DmCreateBody }>(path, { schema }, async (request) => {
      const { user } = callerOf(request);
      const { username, usernames, excludeSelf } = request.body;
      const wanted = usernames !== undefined ? usernames.split(',') : [username ?? ''];
      const { rid, usernames: members } = await createDirectMessage(
        context,
        user,
        wanted,
        excludeSelf === true,
      );
      return success({ room: { t: 'd', rid, usernames: members, _id: rid } });
    });
  }
}
