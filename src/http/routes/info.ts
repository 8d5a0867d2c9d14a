// GET /api/info: the server's version, without authentication (as Rocket.Chat's).
import type { FastifyInstance } from 'fastify';
import type { Context } from '../../core/context.js';
import { success } from '../envelope.js';
import { responses } from '../route-docs.js';

export function infoRoutes(app: FastifyInstance, context: Context): void {
  const schema = {
    summary: 'info',
    description: "The server's version; no authentication.",
    tags: ['Server'],
    response: responses('The version.', { version: '0.1.0', success: true }, []),
  };
  app.get('/api/info', { schema }, async () => success({ version: context.version }));
}
