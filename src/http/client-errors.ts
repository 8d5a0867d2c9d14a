// Errors raised before a route runs — Node's HTTP parser (timeouts, oversized headers, garbage) and Fastify's
// router (malformed percent-encoding, over-long path parameters) — answered in Rocket.Chat's envelope.
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { RosterError } from '../errors.js';
import { httpErrors } from './http-errors.js';

const ANSWERS: Record<string, () => RosterError> = {
  ERR_HTTP_REQUEST_TIMEOUT: httpErrors.requestTimeout,
  HPE_HEADER_OVERFLOW: httpErrors.headerTooLarge,
};

export function answerClientError(
  error: Error & { code?: string; rawPacket?: unknown },
  socket: Socket,
): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const answer = (ANSWERS[error.code ?? ''] ?? httpErrors.badRequest)();
  const status = answer.statusCode;
  // A response to HEAD carries no body (RFC 9110 §9.3.2); clients reject one as a protocol error.
  const head =
    Buffer.isBuffer(error.rawPacket) && error.rawPacket.subarray(0, 5).toString('latin1') === 'HEAD ';
  const body = head ? '' : JSON.stringify(answer.body);
  // Node's own default handler answers only when no response has started on the socket: a second answer after
  // Fastify's would desynchronise a lenient proxy (security F24).
  const started = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent;
  if (socket.writable && started !== true) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json\r\nCache-Control: no-store\r\n` +
        `Pragma: no-cache\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}

/**
 * Fastify's `frameworkErrors`: a URL whose percent-encoding does not decode (FST_ERR_BAD_URL) or a path
 * parameter over `maxParamLength` would otherwise get Fastify's own body, naming its error code and echoing
 * the URL. Both are the client's fault: 400 in the envelope, like any other malformed request.
 */
export function answerFrameworkError(
  _error: FastifyError,
  _request: FastifyRequest,
  reply: FastifyReply,
): void {
  void reply
    .code(400)
    .headers({ 'content-type': 'application/json', 'cache-control': 'no-store', pragma: 'no-cache' })
    .send(JSON.stringify(httpErrors.badRequest().body));
}
