// Operator endpoints: /metrics (Prometheus text), /livez and /readyz, behind a configurable access policy.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Context } from '../../core/context.js';
import { forbidden, unauthorized, serviceUnavailable } from '../../errors.js';
import type { Metrics } from '../metrics.js';

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
      if (!isLoopback(request.socket.remoteAddress)) throw forbidden();
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

  app.get('/metrics', { onRequest: guard }, async (_request, reply) => {
    reply.header('content-type', options.metrics.registry.contentType);
    return options.metrics.registry.metrics();
  });
  app.get('/livez', { onRequest: guard }, async () => ({ status: 'ok', success: true }));
  app.get('/readyz', { onRequest: guard }, async () => {
    try {
      await context.store.ping();
    } catch {
      throw serviceUnavailable();
    }
    return { status: 'ready', success: true };
  });
}
