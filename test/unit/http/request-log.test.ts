// The request log line: the bytes pino would write for it, one line per request, the lazy per-request logger.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Fastify, { type FastifyBaseLogger } from 'fastify';
import { pino } from 'pino';
import { createLogger } from '../../../src/cli/logger.js';
import { lazyRequestLogger, RequestLogController } from '../../../src/http/request-log.js';

/** A logger writing into an array, made by `make` over that destination. */
function capture(make: (destination: pino.DestinationStream) => pino.Logger) {
  const lines: string[] = [];
  const log = make({ write: (line: string) => void lines.push(line) });
  return { log, lines };
}

async function appLogging(log: pino.Logger) {
  const app = Fastify({
    loggerInstance: log as unknown as FastifyBaseLogger,
    logController: new RequestLogController(),
    childLoggerFactory: lazyRequestLogger,
  });
  app.get('/ok', async () => ({ ok: true }));
  app.get('/warns', async (request) => {
    request.log.warn({ user: { password: 'secret' } }, 'through the request logger');
    return {};
  });
  app.get('/fails', async () => {
    throw new Error('boom');
  });
  // As in buildApp: the authenticated routes live in an encapsulated plugin.
  await app.register(async (inner) => {
    inner.get('/inner/ok', async () => ({ ok: true }));
  });
  await app.ready();
  return app;
}

const withoutTime = (line: string) => line.replace(/"time":\d+/, '"time":0');

describe('request log', () => {
  it("writes one line per request with exactly the bytes pino's child logger would write", async () => {
    const { log, lines } = capture((destination) => createLogger('info', destination));
    const app = await appLogging(log);
    await app.inject({ method: 'GET', url: '/ok?email=someone%40example.com', remoteAddress: '10.0.0.7' });
    assert.equal(lines.length, 1);
    const line = JSON.parse(lines[0] as string) as Record<string, unknown>;
    const { time, durationMs, reqId } = line as { time: number; durationMs: number; reqId: string };
    assert.equal(typeof time, 'number');
    // The same fields through pino itself: a child with the request id, as Fastify's default would make.
    const reference = capture((destination) => createLogger('info', destination));
    reference.log
      .child({ reqId })
      .info({ method: 'GET', route: '/ok', status: 200, durationMs, ip: '10.0.0.7' }, 'request');
    assert.equal(withoutTime(lines[0] as string), withoutTime(reference.lines[0] as string));
    assert.doesNotMatch(lines.join(''), /someone/);
  });

  it("writes a successful request's line straight to the destination, without a per-request child logger", async () => {
    const { log, lines } = capture((destination) => createLogger('info', destination));
    let children = 0;
    // pino calls onChild for every child of this logger (children inherit it): Fastify's own one at start-up,
    // then one per request that logs through request.log, none for a request line written directly.
    log.onChild = () => void children++;
    const app = await appLogging(log);
    children = 0;
    await app.inject({ method: 'GET', url: '/ok' });
    await app.inject({ method: 'GET', url: '/inner/ok' });
    assert.equal(lines.length, 2);
    assert.equal(children, 0);
    assert.deepEqual(
      lines.map((line) => (JSON.parse(line) as { route: string }).route),
      ['/ok', '/inner/ok'],
    );
    await app.inject({ method: 'GET', url: '/warns' });
    assert.equal(children, 1);
  });

  // Each of these pino options changes the bytes of the line (or must see it): the line must still be exactly
  // what pino writes for that logger, whichever way it is written.
  const configurations: Array<[string, pino.LoggerOptions]> = [
    ['a redact path naming a field of the line', { redact: ['ip'] }],
    ['a bare wildcard redact path', { redact: { paths: ['*'], censor: 'x' } }],
    [
      "Roster's own wildcard redact paths and a custom censor",
      { redact: { paths: ['*.password'], censor: '?' } },
    ],
    ['a level formatter', { formatters: { level: (label: string) => ({ level: label }) } }],
    ['crlf line ends', { crlf: true }],
    [
      'a logMethod hook',
      {
        hooks: {
          logMethod(args, method) {
            method.apply(this, [args[0], 'hooked'] as unknown as Parameters<pino.LogFn>);
          },
        },
      },
    ],
  ];
  for (const [name, options] of configurations) {
    it(`writes what pino writes with ${name}`, async () => {
      const { log, lines } = capture((destination) => pino({ level: 'info', ...options }, destination));
      const app = await appLogging(log);
      await app.inject({ method: 'GET', url: '/ok', remoteAddress: '10.0.0.7' });
      assert.equal(lines.length, 1);
      const written = lines[0] as string;
      const reqId =
        /"reqId":"([^"]+)"/.exec(written)?.[1] ?? (JSON.parse(written) as { reqId: string }).reqId;
      const durationMs = /"durationMs":([0-9.]+)/.exec(written)?.[1];
      const reference = capture((destination) => pino({ level: 'info', ...options }, destination));
      reference.log
        .child({ reqId })
        .info(
          { method: 'GET', route: '/ok', status: 200, durationMs: Number(durationMs), ip: '10.0.0.7' },
          'request',
        );
      assert.equal(withoutTime(written), withoutTime(reference.lines[0] as string));
    });
  }

  it('writes nothing below its level, and goes through the logger when pino is configured otherwise', async () => {
    const quiet = capture((destination) => createLogger('warn', destination));
    await (await appLogging(quiet.log)).inject({ method: 'GET', url: '/ok' });
    assert.deepEqual(quiet.lines, []);

    const custom = capture((destination) =>
      pino({ level: 'info', messageKey: 'message', mixin: () => ({ service: 'roster' }) }, destination),
    );
    await (await appLogging(custom.log)).inject({ method: 'GET', url: '/ok' });
    assert.equal(custom.lines.length, 1);
    const line = JSON.parse(custom.lines[0] as string) as Record<string, unknown>;
    assert.equal(line.message, 'request');
    assert.equal(line.service, 'roster');
    assert.equal(line.route, '/ok');
  });

  it('keeps the request logger usable (with its request id and redaction) and logs a failure at error', async () => {
    const { log, lines } = capture((destination) => createLogger('info', destination));
    const app = await appLogging(log);
    await app.inject({ method: 'GET', url: '/warns' });
    await app.inject({ method: 'GET', url: '/fails' });
    const parsed = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const warned = parsed.find((line) => line.msg === 'through the request logger');
    assert.deepEqual(warned?.user, { password: '[redacted]' });
    assert.equal(typeof warned?.reqId, 'string');
    assert.equal(parsed.filter((line) => line.msg === 'request').length, 1);
    const failed = parsed.find((line) => line.msg === 'request failed');
    assert.equal(failed?.status, 500);
    assert.equal(failed?.level, 50);
    assert.equal(typeof failed?.reqId, 'string');
  });
});
