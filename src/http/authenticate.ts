// The hook of every authenticated route: X-User-Id + X-Auth-Token → request.caller, or Rocket.Chat's 401.
import type { FastifyRequest } from 'fastify';
import type { Caller } from '../core/auth/sessions.js';
import type { Context } from '../core/context.js';
import { unauthorized } from '../errors.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by `authenticate` on every authenticated route. */
    caller: Caller | null;
  }
}

function singleHeader(value: string | string[] | undefined): string {
  return typeof value === 'string' ? value : '';
}

export function authenticate(context: Context) {
  return async function authenticateRequest(request: FastifyRequest): Promise<void> {
    const userId = singleHeader(request.headers['x-user-id']);
    const token = singleHeader(request.headers['x-auth-token']);
    const caller = await context.sessions.authenticate(userId, token);
    if (!caller) throw unauthorized();
    request.caller = caller;
  };
}

/** The authenticated caller; only valid on routes behind `authenticate`. */
export function callerOf(request: FastifyRequest): Caller {
  if (!request.caller) throw unauthorized();
  return request.caller;
}
