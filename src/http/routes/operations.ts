// Operator endpoints: /metrics (Prometheus text), /livez and /readyz, behind a configurable access policy.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { storeAnswers, type Context } from '../../core/context.js';
import { forbidden, unauthorized, serviceUnavailable } from '../../errors.js';
import type { Metrics } from '../metrics.js';
import { responses } from '../route-docs.js';

/**
 * Who may read the operator endpoints: `loopback` (default) — only connections from 127.0.0.0/8 or ::1, so a
 * sidecar or local Prometheus can scrape without credentials; `authenticated` — a caller with X-User-Id /
 * X-Auth-Token holding `view-statistics`; `public` — anyone (behind a private network or proxy).
 */
export type OperationsAccess = 'loopback' | 'authenticated' | 'public';

export interface OperationsOptions {
  metrics: Metrics;
  access: OperationsAccess;
}

function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}

export function operationsRoutes(app: FastifyInstance, context: Context, options: OperationsOptions): void {
  const guard = async (request: FastifyRequest): Promise<void> => {
    if (options.access === 'public') return;
    if (options.access === 'loopback') {
      // Both: a request relayed by a local reverse proxy comes from loopback, but its client (request.ip, when
      // the proxy is trusted) does not.
      if (!isLoopback(request.socket.remoteAddress) || !isLoopback(request.ip)) throw forbidden();
      return;
    }
    const userId = request.headers['x-user-id'];
    const token = request.headers['x-auth-token'];
    const caller =
      typeof userId === 'string' && typeof token === 'string'
        ? await context.sessions.authenticate(userId, token)
        : null;
    if (!caller) throw unauthorized();
    if (!(await context.permissions.has(caller.user.roles, 'view-statistics'))) throw forbidden();
  };

  const access = `Access: \`${options.access}\` (loopback-only by default; see README "Operations").`;
  const metricsSchema = {
    summary: 'metrics',
    description: `Prometheus text: requests, latencies, caches, store timings, rate-limit rejections, process. ${access}`,
    tags: ['Operations'],
    produces: ['text/plain'],
    response: { 200: { description: 'Prometheus exposition format.', type: 'string' } },
  };
  const livezSchema = {
    summary: 'livez',
    description: `The process answers. ${access}`,
    tags: ['Operations'],
    response: responses('Alive.', { status: 'ok', success: true }, [401, 403]),
  };
  const readyzSchema = {
    summary: 'readyz',
    description: `Ready only when the store answers; 503 otherwise. ${access}`,
    tags: ['Operations'],
    response: responses('Ready.', { status: 'ready', success: true }, [401, 403]),
  };

  app.get('/metrics', { onRequest: guard, schema: metricsSchema }, async (_request, reply) => {
    reply.header('content-type', options.metrics.registry.contentType);
    return options.metrics.registry.metrics();
  });
  app.get('/livez', { onRequest: guard, schema: livezSchema }, async () => ({ status: 'ok', success: true }));
  app.get('/readyz', { onRequest: guard, schema: readyzSchema }, async () => {
    try {
      await storeAnswers(context);
    } catch {
      throw serviceUnavailable();
    }
    return { status: 'ready', success: true };
  });
}
