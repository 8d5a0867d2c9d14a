// GET /api/info: the Rocket.Chat API version Roster implements (clients gate on it) and Roster's own version.
import { arch, cpus, freemem, platform, release, totalmem } from 'node:os';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Context } from '../../core/context.js';
import { success } from '../envelope.js';
import { responses } from '../route-docs.js';

/**
 * The Rocket.Chat release whose REST API Roster matches (every "RC 8.5" note in the code). Rocket.Chat's mobile
 * and desktop apps compare `version` with what they support, so it must be a Rocket.Chat version, never Roster's.
 */
export const ROCKET_CHAT_API_VERSION = '8.5.0';

/** Rocket.Chat 8.5's apps/meteor/package.json `rocketchat.minimumClientVersions`, served as they are. */
export const MINIMUM_CLIENT_VERSIONS = { desktop: '3.9.6', mobile: '4.39.0' } as const;

const BUILD_DATE = new Date().toISOString();

/** getServerInfo's `removePatchInfo`: "8.5.0" → "8.5" for callers without view-statistics. */
function removePatchInfo(version: string): string {
  return version.replace(/(\d+\.\d+).*/, '$1');
}

/** rocketchat.info's `Info` (IServerInfo): Roster has no Apps-Engine (marketplaceApiVersion 0.0.0) nor git data. */
function serverInfo() {
  return {
    version: ROCKET_CHAT_API_VERSION,
    build: {
      date: BUILD_DATE,
      nodeVersion: process.version,
      arch: arch(),
      platform: platform(),
      osRelease: release(),
      totalMemory: totalmem(),
      freeMemory: freemem(),
      cpus: cpus().length,
    },
    marketplaceApiVersion: '0.0.0',
    commit: {},
  };
}

function header(request: FastifyRequest, name: string): string {
  const value = request.headers[name];
  return typeof value === 'string' ? value : '';
}

/**
 * Rocket.Chat 8.5 `getServerInfo(userId)` (apps/meteor/app/api/server/lib/getServerInfo.ts), behind the
 * `authRequired: false` route `info`, which looks up the logged-in user when credentials are sent: everyone gets
 * `{version: "<major.minor>", minimumClientVersions}`; a `view-statistics` holder gets the full `version` plus
 * `info`. Roster adds its own version as `rosterVersion`, trimmed to major.minor the same way for everyone else.
 * Bad or missing credentials are no error here: the caller is simply anonymous, as in Rocket.Chat.
 */
async function info(context: Context, request: FastifyRequest) {
  const caller = await context.sessions.authenticate(
    header(request, 'x-user-id'),
    header(request, 'x-auth-token'),
  );
  const full = caller !== null && (await context.permissions.has(caller.user.roles, 'view-statistics'));
  if (!full) {
    return {
      version: removePatchInfo(ROCKET_CHAT_API_VERSION),
      minimumClientVersions: MINIMUM_CLIENT_VERSIONS,
      rosterVersion: removePatchInfo(context.version),
    };
  }
  return {
    version: ROCKET_CHAT_API_VERSION,
    info: serverInfo(),
    minimumClientVersions: MINIMUM_CLIENT_VERSIONS,
    rosterVersion: context.version,
  };
}

export function infoRoutes(app: FastifyInstance, context: Context): void {
  const schema = {
    summary: 'info',
    description:
      'The Rocket.Chat API version Roster implements (`version`, as clients gate on it), `minimumClientVersions` and ' +
      "Roster's own `rosterVersion`; no authentication. With credentials of a `view-statistics` holder: the full " +
      'versions and `info`.',
    tags: ['Server'],
    response: responses(
      'The versions.',
      {
        version: removePatchInfo(ROCKET_CHAT_API_VERSION),
        minimumClientVersions: MINIMUM_CLIENT_VERSIONS,
        rosterVersion: '0.1',
        success: true,
      },
      [],
    ),
  };
  app.get('/api/info', { schema }, async (request) => success(await info(context, request)));
}
