// The rate limiter: a preHandler after authentication and validation (users-info.md §1); login runs it onRequest.
import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import { checkRateLimit, rateLimitKey } from '../core/rate-limit/api-rate-limit.js';
import type { Context } from '../core/context.js';
import { tooManyRequests } from '../errors.js';

export const BYPASS_PERMISSION = 'api-bypass-rate-limit';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** How many calls a request counts as (default 1; a batch counts once per entry). */
    rateLimitWeight?: (request: FastifyRequest) => number;
  }
}

/**
 * Settings are read per request, so a change through the store applies on the next call. A callback-style hook:
 * when the settings and permissions are in memory and say the limiter does not apply (off, or the caller may
 * bypass it), no promise is made; counting, and anything the store must be asked for, is asynchronous.
 */
export function rateLimit(context: Context) {
  const limitRate = rateLimitAsync(context);
  return function limitRateHook(
    request: FastifyRequest,
    reply: FastifyReply,
    done: HookHandlerDoneFunction,
  ): void {
    const settings = context.settings.peek();
    if (settings && !settings.rateLimiter.enabled) return done();
    const caller = request.caller;
    if (settings && caller && context.permissions.hasNow(caller.user.roles, BYPASS_PERMISSION) === true) {
      return done();
    }
    limitRate(request, reply).then(
      () => done(),
      (error: unknown) => done(error as Error),
    );
  };
}

function rateLimitAsync(context: Context) {
  return async function limitRate(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const { rateLimiter } = await context.settings.current();
    if (!rateLimiter.enabled) return;
    const caller = request.caller;
    if (caller && (await context.permissions.has(caller.user.roles, BYPASS_PERMISSION))) return;
    const route = request.routeOptions.url ?? request.url;
    const weight = Math.max(request.routeOptions.config.rateLimitWeight?.(request) ?? 1, 1);
    const verdict = await checkRateLimit(
      context.rateLimits,
      rateLimiter,
      // Fastify's automatic HEAD route counts in its GET's bucket: no second budget (security F17).
      rateLimitKey(request.ip, request.method === 'HEAD' ? 'GET' : request.method, route),
      context.clock().getTime(),
      weight,
    );
    if (!verdict) return;
    reply.headers(verdict.headers);
    if (verdict.waitSeconds !== null) throw tooManyRequests(verdict.waitSeconds);
  };
}
