// GET /api/info: the server's version, without authentication (as Rocket.Chat's).
import type { FastifyInstance } from 'fastify';
import type { Context } from '../../core/context.js';
import { success } from '../envelope.js';

export function infoRoutes(app: FastifyInstance, context: Context): void {
  app.get('/api/info', async () => success({ version: context.version }));
}
