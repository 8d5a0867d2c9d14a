// Rocket.Chat's response envelopes: the headers on every response, the success body, and the one error handler.
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import {
  internalError,
  invalidParams,
  RosterError,
  routeNotFound,
  serviceUnavailable,
  StoreUnavailableError,
} from '../errors.js';
import { httpErrors } from './http-errors.js';

/** Rocket.Chat's `API.v1.success(result)`: the result with `success: true` appended. */
export function success<T extends object>(result: T): T & { success: true } {
  return { ...result, success: true };
}

export function sendError(reply: FastifyReply, error: RosterError): FastifyReply {
  return reply.code(error.statusCode).headers(error.headers).send(error.body);
}

/** Plus, on every answer, no MIME sniffing and no framing (security F25). */
const NO_CACHE_HEADERS = {
  'cache-control': 'no-store',
  pragma: 'no-cache',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
} as const;

/** Installs the headers of users-info.md §8, 404 for unknown routes and the error handler on `app`. */
export function installEnvelope(app: FastifyInstance): void {
  // Callback-style hooks: they run on every request, and a callback costs less than a promise per hook.
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(NO_CACHE_HEADERS);
    done();
  });
  // Rocket.Chat sends a bare `application/json`; Fastify would append `; charset=utf-8` when serialising.
  app.addHook('onSend', (_request, reply, payload, done) => {
    const type = reply.getHeader('content-type');
    if (type === undefined || (typeof type === 'string' && type.startsWith('application/json'))) {
      reply.header('content-type', 'application/json');
    }
    done(null, payload);
  });

  app.setNotFoundHandler((_request, reply) => sendError(reply, routeNotFound()));

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const rendered = toRosterError(error);
    if (rendered.statusCode >= 500) {
      request.log.error({ err: error }, 'request failed');
    }
    return sendError(reply, rendered);
  });
}

function toRosterError(error: FastifyError): RosterError {
  if (error instanceof RosterError) return error;
  if (error instanceof StoreUnavailableError) return serviceUnavailable();
  if (error.validation) return invalidParams(error.validation.map((issue) => issue.message ?? 'is invalid'));
  const status = error.statusCode ?? 500;
  // Fastify's own client errors (malformed JSON, body too large, bad content type): a 400 envelope.
  if (status >= 400 && status < 500) {
    return clientError(error);
  }
  return internalError();
}

function clientError(error: FastifyError): RosterError {
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return httpErrors.invalidJsonBody();
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return httpErrors.bodyTooLarge();
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return httpErrors.unsupportedContentType();
    default:
      return httpErrors.badRequest();
  }
}
