// The deliberate HTTP limits (README "Limits") over a real socket: each answered in the Rocket.Chat envelope.
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { closeContext, createContext } from '../../src/core/context.js';
import { buildApp, LIMITS } from '../../src/http/app.js';
import { silentLog, startTestApp, type TestApp } from '../helpers/test-app.js';
import { testStores } from '../helpers/test-stores.js';

/** Writes `request` on a fresh socket and resolves with everything the server sent before closing it. */
function exchange(port: number, request: string | Buffer, options: { end?: boolean } = {}): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let response = '';
    socket.on('data', (chunk) => {
      response += chunk.toString('latin1');
      // A complete keep-alive answer: stop waiting for the server to close.
      const length = /content-length: (\d+)/i.exec(response)?.[1];
      const end = response.indexOf('\r\n\r\n');
      if (length !== undefined && end >= 0 && response.length >= end + 4 + Number(length)) socket.end();
    });
    socket.on('error', () => resolve(response));
    socket.on('close', () => resolve(response));
    socket.write(request);
    if (options.end) socket.end();
  });
}

function envelopeOf(response: string): unknown {
  return JSON.parse(response.slice(response.indexOf('\r\n\r\n') + 4));
}

for (const [storeName, factory] of testStores()) {
  describe(`HTTP limits over a socket (${storeName})`, () => {
    const cleanups: Array<() => Promise<void>> = [];
    afterEach(async () => {
      for (const cleanup of cleanups.splice(0)) await cleanup();
    });

    async function listening(
      requestTimeoutMs?: number,
    ): Promise<{ t: TestApp; app: FastifyInstance; port: number }> {
      const t = await startTestApp(factory);
      cleanups.push(() => t.dispose());
      const context = createContext({ store: t.store, log: silentLog, version: '0.0.0-test' });
      const app = await buildApp({ context, ...(requestTimeoutMs ? { requestTimeoutMs } : {}) });
      cleanups.push(async () => {
        await app.close();
        await closeContext(context);
      });
      await app.listen({ port: 0, host: '127.0.0.1' });
      return { t, app, port: (app.server.address() as AddressInfo).port };
    }

    it('answers a body over 1 MiB with 400 "Request body is too large" in the envelope', async () => {
      const { port } = await listening();
      const body = `{"user":"${'a'.repeat(LIMITS.bodyBytes)}"}`;
      const response = await exchange(
        port,
        `POST /api/v1/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
      );
      assert.match(response, /^HTTP\/1\.1 400 /);
      assert.deepEqual(envelopeOf(response), {
        success: false,
        error: 'Request body is too large [error-body-too-large]',
      });
    });

    it('answers a request whose headers never finish with 408 "Request timeout" in the envelope', async () => {
      const { port } = await listening(500);
      const response = await exchange(port, 'GET /api/info HTTP/1.1\r\nHost: x\r\nX-Slow: ');
      assert.match(response, /^HTTP\/1\.1 408 /);
      assert.deepEqual(envelopeOf(response), {
        success: false,
        error: 'Request timeout [error-request-timeout]',
      });
    });

    it('answers a query string that pushes the request line over 16 KiB with 431 in the envelope', async () => {
      const { port } = await listening();
      const response = await exchange(
        port,
        `GET /api/v1/users.info?username=${'u'.repeat(LIMITS.headerBytes)} HTTP/1.1\r\nHost: x\r\n\r\n`,
      );
      assert.match(response, /^HTTP\/1\.1 431 /);
      assert.equal((envelopeOf(response) as { success: boolean }).success, false);
    });

    it('answers HEAD with oversized headers with 431 and no body, as HEAD responses carry none', async () => {
      const { port } = await listening();
      const response = await exchange(
        port,
        `HEAD /api/info HTTP/1.1\r\nHost: x\r\nX-Pad: ${'p'.repeat(20_000)}\r\n\r\n`,
      );
      assert.match(response, /^HTTP\/1\.1 431 /);
      assert.match(response, /Content-Length: 0\r\n/);
      assert.ok(response.endsWith('\r\n\r\n'), response);
    });

    it('answers malformed percent-encoding in the path with 400 "Bad request" in the envelope, not Fastify\'s body', async () => {
      const { port } = await listening();
      for (const path of ['/api/v1/settings/%zz', '/api/v1/users.info%E0%A4%A?username=admin', '/livez%']) {
        const response = await exchange(port, `GET ${path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
        assert.match(response, /^HTTP\/1\.1 400 /, path);
        assert.match(response, /\r\ncache-control: no-store\r\n/i, path);
        assert.deepEqual(
          envelopeOf(response),
          { success: false, error: 'Bad request [error-bad-request]' },
          path,
        );
      }
    });

    it('answers a path parameter over 500 characters with 400 "Bad request" in the envelope, not 414', async () => {
      const { t, port } = await listening();
      const response = await exchange(
        port,
        `GET /api/v1/settings/${'s'.repeat(600)} HTTP/1.1\r\nHost: x\r\nX-User-Id: ${t.admin.userId}\r\n` +
          `X-Auth-Token: ${t.admin.token}\r\nConnection: close\r\n\r\n`,
      );
      assert.match(response, /^HTTP\/1\.1 400 /);
      assert.deepEqual(envelopeOf(response), { success: false, error: 'Bad request [error-bad-request]' });
    });

    it('answers a NUL byte in a header value and a header without a colon with 400 in the envelope', async () => {
      const { port } = await listening();
      for (const header of ['X-Auth-Token: a\u0000b', 'NoColonHere']) {
        const response = await exchange(port, `GET /api/v1/me HTTP/1.1\r\nHost: x\r\n${header}\r\n\r\n`);
        assert.match(response, /^HTTP\/1\.1 400 /, header);
        assert.deepEqual(envelopeOf(response), { success: false, error: 'Bad request [error-bad-request]' });
      }
    });

    it('writes one answer, never a second, for an unknown Transfer-Encoding without a body (security F24)', async () => {
      const { port } = await listening();
      const response = await new Promise<string>((resolve) => {
        const socket = connect(port, '127.0.0.1');
        let text = '';
        socket.on('data', (chunk) => (text += chunk.toString('latin1')));
        socket.on('close', () => resolve(text));
        socket.on('error', () => resolve(text));
        socket.write('POST /api/v1/login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: xchunked\r\n\r\n');
        // Long enough for a second answer to arrive if one were written.
        setTimeout(() => socket.destroy(), 500);
      });
      assert.equal(response.match(/HTTP\/1\.1 \d{3}/g)?.length, 1, response);
      assert.match(response, /^HTTP\/1\.1 400 /);
    });
  });
}
