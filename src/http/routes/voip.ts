// voip-freeswitch.extension.assign (compat.md §5).
import type { FastifyInstance } from 'fastify';
import type { Context } from '../../core/context.js';
import { assignExtension } from '../../core/voip-extension.js';
import { callerOf } from '../authenticate.js';
import { success } from '../envelope.js';
import { paramsChecker } from '../params-schema.js';

/** `isVoipFreeSwitchExtensionAssignProps`; an empty `username` passes it and gets the handler's 404. */
const checkAssign = paramsChecker<{ username?: string; extension?: string }>({
  type: 'object',
  properties: { username: { type: 'string' }, extension: { type: 'string' } },
  required: ['username'],
  additionalProperties: false,
});

export function voipRoutes(app: FastifyInstance, context: Context): void {
  app.post('/api/v1/voip-freeswitch.extension.assign', async (request) => {
    await assignExtension(context, callerOf(request), checkAssign(request.body));
    return success({});
  });
}
