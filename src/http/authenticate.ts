// The hook of every authenticated route: X-User-Id + X-Auth-Token → request.caller, or Rocket.Chat's 401.
import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
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

/**
 * A callback-style hook: a session already in memory is answered synchronously (no promise per request); only
 * a session the store must be asked for takes the asynchronous path.
 */
export function authenticate(context: Context) {
  return function authenticateRequest(
    request: FastifyRequest,
    _reply: FastifyReply,
    done: HookHandlerDoneFunction,
  ): void {
    const userId = singleHeader(request.headers['x-user-id']);
    const token = singleHeader(request.headers['x-auth-token']);
    const now = context.sessions.authenticateNow(userId, token);
    if (now !== undefined) return admit(request, now, done);
    context.sessions.authenticate(userId, token).then(
      (caller) => admit(request, caller, done),
      (error: unknown) => done(error as Error),
    );
  };
}

function admit(request: FastifyRequest, caller: Caller | null, done: HookHandlerDoneFunction): void {
  if (!caller) return done(unauthorized());
  request.caller = caller;
  done();
}

/** The authenticated caller; only valid on routes behind `authenticate`. */
export function callerOf(request: FastifyRequest): Caller {
  if (!request.caller) throw unauthorized();
  return request.caller;
}
