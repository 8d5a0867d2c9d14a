// Errors Node's HTTP parser raises before Fastify sees a request (timeouts, oversized headers, garbage),
// answered in Rocket.Chat's envelope instead of Fastify's default body.
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';

const ANSWERS: Record<string, readonly [status: number, error: string]> = {
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'Request timeout [error-request-timeout]'],
  HPE_HEADER_OVERFLOW: [431, 'Request header fields too large [error-header-too-large]'],
};

export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, text] = ANSWERS[error.code ?? ''] ?? [400, 'Bad request [error-bad-request]'];
  const body = JSON.stringify({ success: false, error: text });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json\r\nCache-Control: no-store\r\n` +
        `Pragma: no-cache\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}
