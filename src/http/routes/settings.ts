// GET / POST settings/:_id for the settings Roster knows (compat.md §3).
import type { FastifyInstance } from 'fastify';
import type { Context } from '../../core/context.js';
import { readSetting, writeSetting } from '../../core/setting-values.js';
import { callerOf } from '../authenticate.js';
import { success } from '../envelope.js';

type SettingRequest = { Params: { _id: string } };

export function settingsRoutes(app: FastifyInstance, context: Context): void {
  app.get<SettingRequest>('/api/v1/settings/:_id', async (request) =>
    success(await readSetting(context, callerOf(request), request.params._id)),
  );

  // Two-factor guarded in Rocket.Chat; Roster ignores the x-2fa-* headers.
  app.post<SettingRequest>('/api/v1/settings/:_id', async (request) => {
    const body = request.body !== null && typeof request.body === 'object' ? request.body : {};
    await writeSetting(context, callerOf(request), request.params._id, body as Record<string, unknown>);
    return success({});
  });
}
