// settings.public, settings.oauth, service.configurations: what Rocket.Chat clients read before login.
import type { FastifyInstance } from 'fastify';
import type { Context } from '../../core/context.js';
import { listPublicSettings } from '../../core/settings/setting-list.js';
import { success } from '../envelope.js';
import { rateLimit } from '../rate-limit.js';
import { responses } from '../route-docs.js';
import { checker, IN_HANDLER } from '../validation.js';

// The typed router's `query` in Rocket.Chat's settings.ts (coerced); phase in-handler, as before.
const checkPublicSettings = checker(SETTINGS_PUBLIC_QUERY, 'typed-query');
import { SETTINGS_PUBLIC_QUERY } from '../../api/settings.js';

export function publicSettingsRoutes(app: FastifyInstance, context: Context): void {
  const listed = {
    schema: {
      summary: 'settings.public',
      description:
        'A page of the public settings Roster honours (no login); `_id` is a comma-separated list of ids, `sort` a JSON object such as `{"_id":-1}`.',
      tags: ['Settings'],
      querystring: checkPublicSettings.schema,
      response: responses(
        'The public settings.',
        {
          settings: [{ _id: 'Accounts_LoginExpiration', value: 90 }],
          count: 1,
          offset: 0,
          total: 1,
          success: true,
        },
        [400, 429],
      ),
    },
    ...IN_HANDLER,
    preHandler: rateLimit(context),
  };
  app.get('/api/v1/settings.public', listed, async (request) =>
    success(await listPublicSettings(context, checkPublicSettings(request.query))),
  );

  // Rocket.Chat lists LoginServiceConfiguration (OAuth, SAML, CAS…); Roster has no login services (README), so
  // both lists are empty.
  const oauth = {
    schema: {
      summary: 'settings.oauth',
      description: 'The OAuth login services (no login). Roster has none: always empty.',
      tags: ['Settings'],
      response: responses('The login services.', { services: [], success: true }, [429]),
    },
    preHandler: rateLimit(context),
  };
  app.get('/api/v1/settings.oauth', oauth, async () => success({ services: [] }));

  const configurations = {
    schema: {
      summary: 'service.configurations',
      description:
        'The login service configurations, secrets left out (no login). Roster has none: always empty.',
      tags: ['Settings'],
      response: responses('The configurations.', { configurations: [], success: true }, [429]),
    },
    preHandler: rateLimit(context),
  };
  app.get('/api/v1/service.configurations', configurations, async () => success({ configurations: [] }));
}
