// One server variant of the per-stage CPU table (stage-cpu.ts): users.info with Roster's stages up to one.
// Each variant adds one stage to the one before, with Roster's own code, so two variants' CPU differ by it.
import Fastify, { type FastifyInstance } from 'fastify';
import { readFileSync } from 'node:fs';
import { pino } from 'pino';
import { createLogger } from '../src/cli/logger.js';
import { createContext, type Context } from '../src/core/context.js';
import { rolesOf } from '../src/core/users/user-keys.js';
import type { LookupAudit } from '../src/core/users/lookup-audit.js';
import { timedStore } from '../src/core/timed-store.js';
import { buildApp } from '../src/http/app.js';
import { authenticate, callerOf } from '../src/http/authenticate.js';
import { installEnvelope } from '../src/http/envelope.js';
import { createMetrics } from '../src/http/metrics.js';
import { parseQueryString } from '../src/http/query-string.js';
import { rateLimit } from '../src/http/rate-limit.js';
import { RequestLogController } from '../src/http/request-log.js';
import { usersInfoRoutes } from '../src/http/routes/users-info.js';
import { USERS_INFO_QUERY } from '../src/api/users-info.js';
import { beforeRateLimit, checker } from '../src/http/validation.js';
import { openStore } from '../src/store/open-store.js';
import { STAGE_VARIANTS, type StageVariant } from './stage-variants.js';

const checkUsersInfoQuery = checker(USERS_INFO_QUERY, 'legacy');

const [variant, db, bodyFile, mode] = process.argv.slice(2) as [StageVariant, string, string, string?];
if (!STAGE_VARIANTS.includes(variant) || !db || !bodyFile) {
  throw new Error(
    `usage: stage-server <${STAGE_VARIANTS.join('|')}> <sqlite-file> <body-file> [--inject]` +
      ' (--inject: STAGE_USERS, STAGE_REQUESTS, STAGE_HEADERS in the environment)',
  );
}
const body = readFileSync(bodyFile, 'utf8');
const at = (stage: StageVariant) => STAGE_VARIANTS.indexOf(variant) >= STAGE_VARIANTS.indexOf(stage);

const silent = pino({ level: 'silent' });
const log = at('log') ? createLogger('info') : silent;
const metrics = createMetrics();
const opened = await openStore({ store: 'sqlite', db });
const store = at('metrics') ? timedStore(opened, metrics.observeStore) : opened;
const context = createContext({ store, log, version: 'stage' });
if (!at('audit')) {
  // Below the audit stage every lookup is recorded nowhere: the real audit's timers are stopped first.
  await context.lookupAudit.close();
  context.lookupAudit = { record: () => undefined } as unknown as LookupAudit;
}

/** The handler of the variants below the full users.info route: the stages so far, then the fixed body. */
async function partialUsersInfo(context: Context, username: string, callerRoles: () => string[]) {
  if (at('lookup')) {
    const cache = context.userCache;
    const found =
      cache.peek('idOrUsername', username) ??
      (await cache.load('idOrUsername', username, () => context.store.users.findByIdOrUsername(username)));
    if (!found) throw new Error(`no user ${username}`);
  }
  if (at('visibility')) {
    // What users.info decides besides the lookup: the caller's roles, the full-info permission, the settings.
    await context.permissions.has(callerRoles(), 'view-full-other-user-info');
    await context.settings.current();
  }
  return body;
}

function partialApp(): FastifyInstance {
  const roster = variant !== 'fastify';
  // Roster's Fastify options where they act per request (app.ts): the qs query parser and the one-line log.
  const app = Fastify({
    logger: false,
    ...(roster
      ? {
          routerOptions: { querystringParser: parseQueryString, maxParamLength: 500 },
          return503OnClosing: false,
          logController: new RequestLogController(),
        }
      : {}),
  }) as unknown as FastifyInstance;
  if (!roster) {
    app.get('/*', (_request, reply) => {
      void reply
        .headers({ 'content-type': 'application/json', 'cache-control': 'no-store', pragma: 'no-cache' })
        .send(body);
    });
    return app;
  }
  app.decorateRequest('caller', null);
  installEnvelope(app);
  void app.register(async (scope) => {
    if (at('authenticate')) scope.addHook('onRequest', authenticate(context));
    if (at('rate-limit')) scope.addHook('preHandler', rateLimit(context));
    if (at('serialise')) return usersInfoRoutes(scope, context);
    scope.get<{ Querystring: { username?: string } }>(
      '/api/v1/users.info',
      {
        schema: { querystring: checkUsersInfoQuery.schema },
        ...beforeRateLimit('querystring', checkUsersInfoQuery),
      },
      async (request, reply) => {
        const roles = () => rolesOf(callerOf(request).user);
        const answer = await partialUsersInfo(context, request.query.username ?? '', roles);
        return reply.type('application/json').send(answer);
      },
    );
  });
  return app;
}

const app = at('app')
  ? await buildApp({
      context,
      logger: at('log') ? log : false,
      ...(at('metrics') ? { operations: { metrics, access: { allowed: true } } } : {}),
    } as Parameters<typeof buildApp>[0])
  : partialApp();
if (mode === '--inject') {
  // Without sockets: the same requests one after another through app.inject(), the CPU of this process only.
  // Immune to the load generator (there is none) and far less to other processes sharing the cores.
  const users = Number(process.env.STAGE_USERS);
  const requests = Number(process.env.STAGE_REQUESTS);
  const headers = JSON.parse(process.env.STAGE_HEADERS ?? '{}') as Record<string, string>;
  const url = (i: number) => `/api/v1/users.info?username=user${1 + ((i * 7919) % users)}`;
  const run = async (count: number) => {
    for (let i = 0; i < count; i++) {
      const response = await app.inject({ method: 'GET', url: url(i), headers });
      if (response.statusCode !== 200) throw new Error(`${variant}: ${response.statusCode} ${response.body}`);
    }
  };
  await run(requests); // warm: JIT and every user of the run in the caches
  const before = process.cpuUsage();
  await run(requests);
  const used = process.cpuUsage(before);
  await app.close();
  await context.lookupAudit.close?.();
  await opened.close();
  process.stdout.write(
    `${JSON.stringify({ userUs: used.user / requests, systemUs: used.system / requests })}\n`,
  );
  process.exit(0);
}
const url = await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`listening on ${url}\n`);
process.on(
  'SIGTERM',
  () =>
    void app.close().then(async () => {
      await context.lookupAudit.close?.();
      await opened.close();
      process.exit(0);
    }),
);
