// buildApp(context) → a Fastify instance with every Roster route; it never listens (tests use inject()).
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import qs from 'qs';
import type { Context } from '../core/context.js';
import { authenticate } from './authenticate.js';
import { installEnvelope } from './envelope.js';
import { rateLimit } from './rate-limit.js';
import { loginRoutes, sessionRoutes } from './routes/auth.js';
import { infoRoutes } from './routes/info.js';
import { personalAccessTokenRoutes } from './routes/personal-access-tokens.js';

/** A route group: registers its routes on an (encapsulated) instance. */
type RouteGroup = (app: FastifyInstance, context: Context) => void;

/** Routes anyone may call. */
const PUBLIC_ROUTES: readonly RouteGroup[] = [infoRoutes, loginRoutes];

/** Routes behind X-User-Id / X-Auth-Token. */
const AUTHENTICATED_ROUTES: readonly RouteGroup[] = [sessionRoutes, personalAccessTokenRoutes];

export interface AppOptions {
  context: Context;
  /** A pino logger instance or Fastify logger options; false for none. */
  logger?: FastifyServerOptions['loggerInstance'] | false;
  /** Largest accepted request body, bytes. */
  bodyLimit?: number;
}

export const DEFAULT_BODY_LIMIT = 1_048_576;

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { context } = options;
  const app = Fastify({
    ...(options.logger ? { loggerInstance: options.logger } : { logger: false }),
    bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
    routerOptions: {
      // Rocket.Chat parses queries with `qs`: `a=1&a=2` and `a[]=1` are arrays, `a[b]=1` an object.
      querystringParser: (query: string) =>
        qs.parse(query, { depth: 5, parameterLimit: 1000, arrayLimit: 100 }),
      maxParamLength: 500,
    },
    return503OnClosing: true,
  }) as unknown as FastifyInstance;
  app.decorateRequest('caller', null);
  installEnvelope(app);

  for (const group of PUBLIC_ROUTES) group(app, context);
  await app.register(async (authenticated) => {
    authenticated.addHook('onRequest', authenticate(context));
    // A preHandler runs after validation: 401, then 400, then 429 (users-info.md §1).
    authenticated.addHook('preHandler', rateLimit(context));
    for (const group of AUTHENTICATED_ROUTES) group(authenticated, context);
  });
  return app;
}
