// buildApp(context) → a Fastify instance with every Roster route; it never listens (tests use inject()).
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Context } from '../core/context.js';
import type { TrustProxy } from '../trust-proxy.js';
import { installProxyWarning } from './proxy-warning.js';
import { authenticate } from './authenticate.js';
import { avatarRoutes, userAvatarRoutes } from './routes/avatars.js';
import { answerClientError, answerFrameworkError } from './client-errors.js';
import { installDocs } from './docs.js';
import { installEnvelope } from './envelope.js';
import { installFormBodies } from './form-body.js';
import { installJsonBodies } from './json-body.js';
import { installMetrics } from './metrics.js';
import { installValidation } from './validation.js';
import { rateLimit } from './rate-limit.js';
import { parseQueryString } from './query-string.js';
import { lazyRequestLogger, RequestLogController } from './request-log.js';
import { documentTokenAuth } from './route-docs.js';
import { loginRoutes, sessionRoutes } from './routes/auth.js';
import { channelsRoutes } from './routes/channels.js';
import { roomListRoutes } from './routes/room-lists.js';
import { roomMemberRoutes } from './routes/room-members.js';
import { roomRoleRoutes } from './routes/room-roles.js';
import { roomSettingRoutes } from './routes/room-settings.js';
import { roomsRoutes } from './routes/rooms.js';
import { groupsRoutes } from './routes/groups.js';
import { imRoutes } from './routes/im.js';
import { infoRoutes } from './routes/info.js';
import { operationsRoutes, type OperationsOptions } from './routes/operations.js';
import { personalAccessTokenRoutes } from './routes/personal-access-tokens.js';
import { usersSessionRoutes } from './routes/users-sessions.js';
import { peopleSearchRoutes } from './routes/people-search.js';
import { permissionsRoutes } from './routes/permissions.js';
import { publicSettingsRoutes } from './routes/public-settings.js';
import { rolesRoutes } from './routes/roles.js';
import { settingsRoutes } from './routes/settings.js';
import { subscriptionsRoutes } from './routes/subscriptions.js';
import { subscriptionListRoutes } from './routes/subscriptions-get.js';
import { roomOpenCloseRoutes } from './routes/room-open-close.js';
import { imSettingRoutes } from './routes/im-settings.js';
import { roomAdminCallRoutes } from './routes/room-admin-calls.js';
import { chatRoutes } from './routes/chat.js';
import { roomHistoryRoutes } from './routes/room-history.js';
import { createTokenRoutes } from './routes/create-token.js';
import { twoFactorRoutes } from './two-factor.js';
import { usersInfoRoutes } from './routes/users-info.js';
import { usersLookupRoutes } from './routes/users-lookup.js';
import { lookupAuditRoutes } from './routes/lookup-audit.js';
import { usersRoutes } from './routes/users.js';
import { usersPresenceRoutes } from './routes/users-presence.js';
import { usersProfileRoutes } from './routes/users-profile.js';
import { usersRegisterRoutes } from './routes/users-register.js';
import { voipRoutes } from './routes/voip.js';

/** A route group: registers its routes on an (encapsulated) instance. */
type RouteGroup = (app: FastifyInstance, context: Context) => void;

/** Routes anyone may call. */
const PUBLIC_ROUTES: readonly RouteGroup[] = [
  infoRoutes,
  loginRoutes,
  publicSettingsRoutes,
  avatarRoutes,
  usersRegisterRoutes,
];

/** Routes behind X-User-Id / X-Auth-Token. */
const AUTHENTICATED_ROUTES: readonly RouteGroup[] = [
  usersInfoRoutes,
  usersLookupRoutes,
  lookupAuditRoutes,
  channelsRoutes,
  groupsRoutes,
  roomRoleRoutes,
  roomMemberRoutes,
  roomListRoutes,
  roomSettingRoutes,
  roomsRoutes,
  imRoutes,
  subscriptionsRoutes,
  subscriptionListRoutes,
  roomOpenCloseRoutes,
  imSettingRoutes,
  roomAdminCallRoutes,
  chatRoutes,
  roomHistoryRoutes,
  sessionRoutes,
  personalAccessTokenRoutes,
  usersSessionRoutes,
  usersRoutes,
  usersProfileRoutes,
  usersPresenceRoutes,
  createTokenRoutes,
  rolesRoutes,
  permissionsRoutes,
  settingsRoutes,
  voipRoutes,
  userAvatarRoutes,
  peopleSearchRoutes,
];

export interface AppOptions {
  context: Context;
  /** A pino logger instance or Fastify logger options; false for none. */
  logger?: FastifyServerOptions['loggerInstance'] | false;
  /** Largest accepted request body, bytes. */
  bodyLimit?: number;
  /** Overrides LIMITS.requestTimeoutMs (tests use a short one to see the 408). */
  requestTimeoutMs?: number;
  /** Which proxies may name the client (request.ip) in X-Forwarded-For; default none (trust-proxy.ts). */
  trustProxy?: TrustProxy;
  /** /metrics, /livez, /readyz and request metrics; absent: not served. */
  operations?: OperationsOptions;
}

/**
 * Limits, set deliberately (README "Limits"): a request body of at most 1 MiB (Rocket.Chat's REST bodies are
 * small JSON; login, logout and PAT routes take SMALL_BODY_BYTES, JSON nests at most MAX_JSON_DEPTH deep); request line + headers of at most 16 KiB (Node's default, which also bounds the query string);
 * a whole request must arrive within 30 s (slow-loris); idle keep-alive connections close after 72 s.
 */
export const LIMITS = {
  bodyBytes: 1_048_576,
  headerBytes: 16_384,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 72_000,
} as const;

/** A proxy count as the hop test Fastify builds for numbers (its types accept no number here). */
function fastifyTrustProxy(trust: TrustProxy) {
  return typeof trust === 'number' ? (_address: string, hop: number) => hop < trust : trust;
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { context } = options;
  const requestTimeout = options.requestTimeoutMs ?? LIMITS.requestTimeoutMs;
  const app = Fastify({
    ...(options.logger ? { loggerInstance: options.logger } : { logger: false }),
    bodyLimit: options.bodyLimit ?? LIMITS.bodyBytes,
    trustProxy: fastifyTrustProxy(options.trustProxy ?? false),
    // Node checks for timed-out requests every connectionsCheckingInterval (default 30 s): check at a fraction
    // of the timeout, so a slow client is cut off close to the limit rather than up to 30 s after it.
    http: {
      maxHeaderSize: LIMITS.headerBytes,
      connectionsCheckingInterval: Math.max(requestTimeout / 10, 100),
    },
    requestTimeout,
    keepAliveTimeout: LIMITS.keepAliveTimeoutMs,
    clientErrorHandler: answerClientError,
    frameworkErrors: answerFrameworkError,
    routerOptions: {
      // Rocket.Chat parses queries with `qs` (query-string.ts).
      querystringParser: parseQueryString,
      maxParamLength: 500,
    },
    // While closing, a request that reaches an open connection is still served (with `Connection: close`):
    // a graceful shutdown answers what it accepted instead of 503 (README "Limits").
    return503OnClosing: false,
    logController: new RequestLogController(),
    childLoggerFactory: lazyRequestLogger,
  }) as unknown as FastifyInstance;
  app.decorateRequest('caller', null);
  installProxyWarning(app, context.log, options.trustProxy ?? false);
  installEnvelope(app);
  installValidation(app);
  installFormBodies(app);
  installJsonBodies(app);
  await installDocs(app, context.version);
  if (options.operations) {
    installMetrics(app, options.operations.metrics, context);
    operationsRoutes(app, context, options.operations);
  }

  for (const group of PUBLIC_ROUTES) group(app, context);
  await app.register(async (authenticated) => {
    authenticated.addHook('onRoute', documentTokenAuth);
    authenticated.addHook('onRoute', twoFactorRoutes(context));
    authenticated.addHook('onRequest', authenticate(context));
    // A preHandler runs after validation: 401, then 400, then 429 (users-info.md §1).
    authenticated.addHook('preHandler', rateLimit(context));
    for (const group of AUTHENTICATED_ROUTES) group(authenticated, context);
  });
  return app;
}
