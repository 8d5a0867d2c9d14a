// One structured log line per request (route, status, duration, request id) instead of Fastify's two.
import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';

/**
 * Logs the route pattern, never the URL: query strings carry personal data (`users.info?email=`), and no
 * header is logged, so tokens cannot reach a log line from here.
 */
export class RequestLogController extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    const line = {
      method: request.method,
      route: request.routeOptions.url ?? 'unknown',
      status: reply.statusCode,
      durationMs: Math.round(reply.elapsedTime * 100) / 100,
      ip: request.ip,
    };
    if (error || reply.statusCode >= 500)
      reply.log.error({ ...line, err: error ?? undefined }, 'request failed');
    else reply.log.info(line, 'request');
  }
}
