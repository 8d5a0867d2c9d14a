// voip-freeswitch.extension.assign (compat.md §5).
import type { FastifyInstance } from 'fastify';
import type { Context } from '../../core/context.js';
import { assignExtension } from '../../core/users/voip-extension.js';
import { callerOf } from '../authenticate.js';
import { success } from '../envelope.js';
import { VOIP_EXTENSION_ASSIGN_BODY } from '../../api/voip.js';
import { responses } from '../route-docs.js';
import { checker, IN_HANDLER } from '../validation.js';

const checkAssign = checker(VOIP_EXTENSION_ASSIGN_BODY, 'legacy');

export function voipRoutes(app: FastifyInstance, context: Context): void {
  const options = {
    schema: {
      summary: 'voip-freeswitch.extension.assign',
      description: 'Assigns (or, empty, unassigns) a FreeSwitch extension (`manage-voip-extensions`).',
      tags: ['VoIP'],
      body: checkAssign.schema,
      response: responses('Assigned.', { success: true }, [400, 403]),
    },
    ...IN_HANDLER,
  };
  app.post('/api/v1/voip-freeswitch.extension.assign', options, async (request) => {
    await assignExtension(context, callerOf(request), checkAssign(request.body));
    return success({});
  });
}
