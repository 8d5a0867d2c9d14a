// One structured log line per request (route, status, duration, request id) instead of Fastify's two, cheaply.
import {
  LogController,
  type FastifyBaseLogger,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
} from 'fastify';
import { pino } from 'pino';

/**
 * A request's logger, made only when something logs through it: Fastify gives every request a child logger
 * (a pino child per request costs more than the request line itself), and a successful request never uses it.
 */
class LazyRequestLogger {
  private made: FastifyBaseLogger | undefined;

  constructor(
    private readonly parent: FastifyBaseLogger,
    private readonly bindings: pino.Bindings,
    private readonly options: pino.ChildLoggerOptions,
  ) {}

  private get real(): FastifyBaseLogger {
    return (this.made ??= this.parent.child(this.bindings, this.options));
  }

  get level(): string {
    return this.made ? this.made.level : (this.options.level ?? this.parent.level);
  }
  set level(level: string) {
    this.real.level = level;
  }
  // Methods on the prototype, as pino's own are: one object per request, not seven closures with it.
  fatal(...args: Parameters<pino.LogFn>): void {
    this.real.fatal(...args);
  }
  error(...args: Parameters<pino.LogFn>): void {
    this.real.error(...args);
  }
  warn(...args: Parameters<pino.LogFn>): void {
    this.real.warn(...args);
  }
  info(...args: Parameters<pino.LogFn>): void {
    this.real.info(...args);
  }
  debug(...args: Parameters<pino.LogFn>): void {
    this.real.debug(...args);
  }
  trace(...args: Parameters<pino.LogFn>): void {
    this.real.trace(...args);
  }
  silent(...args: Parameters<pino.LogFn>): void {
    this.real.silent(...args);
  }
  child(bindings: pino.Bindings, options?: pino.ChildLoggerOptions): FastifyBaseLogger {
    return this.real.child(bindings, options);
  }
}

/** Fastify's `childLoggerFactory`: a lazy child per request (see LazyRequestLogger). */
export const lazyRequestLogger: NonNullable<FastifyServerOptions['childLoggerFactory']> = (
  logger,
  bindings,
  options,
) => new LazyRequestLogger(logger, bindings, options) as unknown as FastifyBaseLogger;

/** What a pino root logger writes before and after a line's own fields, per logger. */
interface LineFrame {
  stream: { write(line: string): unknown };
  /** `,"pid":…,"hostname":…` — the root's bindings, as pino renders them. */
  bindings: string;
  level: number;
}

const frames = new WeakMap<FastifyBaseLogger, LineFrame | null>();

/**
 * A plain pino root logger can take the request line as a string written straight to its destination: the same
 * bytes pino would write, without its per-call object walk and redaction (no field of this line can hold a
 * secret: see RequestLogController). Any other logger (a test's, a custom one) is used through its API.
 */
function frameOf(logger: FastifyBaseLogger): LineFrame | null {
  let frame = frames.get(logger);
  if (frame !== undefined) return frame;
  frame = null;
  const symbols = pino.symbols as unknown as Record<string, symbol>;
  const raw = logger as unknown as Record<symbol, unknown>;
  const stream = raw[symbols.streamSym as symbol] as LineFrame['stream'] | undefined;
  const chindings = raw[symbols.chindingsSym as symbol];
  const hooks = raw[symbols.hooksSym as symbol] as { streamWrite?: unknown } | undefined;
  const plain =
    typeof stream?.write === 'function' &&
    (stream as Record<symbol, unknown>)[symbols.needsMetadataGsym as symbol] !== true &&
    typeof chindings === 'string' &&
    typeof (logger as Partial<pino.Logger>).levels?.values?.info === 'number' &&
    // The default time, message key, formatters, and no mixin, hook, prefix or nesting: what the line assumes.
    raw[symbols.timeSym as symbol] === pino.stdTimeFunctions.epochTime &&
    raw[symbols.messageKeySym as symbol] === 'msg' &&
    raw[symbols.mixinSym as symbol] === undefined &&
    raw[symbols.msgPrefixSym as symbol] === undefined &&
    !raw[symbols.nestedKeySym as symbol] &&
    hooks?.streamWrite === undefined &&
    defaultFormatters(raw[symbols.formattersSym as symbol]) &&
    noSerializerFor(raw[symbols.serializersSym as symbol], LINE_FIELDS);
  if (plain)
    frame = { stream, bindings: chindings, level: (logger as pino.Logger).levels.values.info as number };
  frames.set(logger, frame);
  return frame;
}

/**
 * pino's own formatters (named functions of its own, no `log`): a custom one would change the bytes. A child
 * logger's bindings formatter is pino's identity `resetChildingsFormatter`, and Fastify always serves a child of
 * the logger it is given (`loggerInstance.child({}, { serializers })`), so both names are pino's own.
 */
function defaultFormatters(formatters: unknown): boolean {
  const { level, bindings, log } = (formatters ?? {}) as Record<string, { name?: string } | undefined>;
  return (
    level?.name === 'level' &&
    (bindings?.name === 'bindings' || bindings?.name === 'resetChildingsFormatter') &&
    log === undefined
  );
}

/** The fields of the request line: a serializer for any of them would change the bytes pino writes. */
const LINE_FIELDS = ['reqId', 'method', 'route', 'status', 'durationMs', 'ip'] as const;

function noSerializerFor(serializers: unknown, fields: readonly string[]): boolean {
  const table = (serializers ?? {}) as Record<string, unknown>;
  return fields.every((field) => typeof table[field] !== 'function');
}

/**
 * Logs the route pattern, never the URL: query strings carry personal data (`users.info?email=`), and no
 * header is logged, so tokens cannot reach a log line from here. A successful request's line is one write into
 * the logger's buffered destination (cli/logger.ts), with the fields pino would give it.
 */
export class RequestLogController extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    const route = request.routeOptions.url ?? 'unknown';
    const status = reply.statusCode;
    const durationMs = Math.round(reply.elapsedTime * 100) / 100;
    if (error || status >= 500) {
      const line = { method: request.method, route, status, durationMs, ip: request.ip };
      reply.log.error({ ...line, err: error ?? undefined }, 'request failed');
      return;
    }
    const root = request.server.log;
    const frame = frameOf(root);
    if (frame === null) {
      request.log.info({ method: request.method, route, status, durationMs, ip: request.ip }, 'request');
      return;
    }
    if (!(root as pino.Logger).isLevelEnabled('info')) return;
    frame.stream.write(
      `{"level":${frame.level},"time":${Date.now()}${frame.bindings},"reqId":${JSON.stringify(request.id)},` +
        `"method":${JSON.stringify(request.method)},"route":${JSON.stringify(route)},"status":${status},` +
        `"durationMs":${durationMs},"ip":${JSON.stringify(request.ip)},"msg":"request"}\n`,
    );
  }
}
