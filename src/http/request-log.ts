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

/** What a pino logger writes around a line's own fields, taken from the logger itself. */
interface LineFrame {
  stream: { write(line: string): unknown };
  /** `{"level":30` or what the level formatter makes of it: pino's cached prefix for level info. */
  prefix: string;
  /** `,"pid":…,"hostname":…` — the logger's bindings, as pino renders them. */
  bindings: string;
  /** `}\n`, or `}\r\n` with `crlf`. */
  end: string;
}

const frames = new WeakMap<FastifyBaseLogger, LineFrame | null>();

/** The fields of the request line and its message key. */
const LINE_FIELDS = ['reqId', 'method', 'route', 'status', 'durationMs', 'ip', 'msg'] as const;

/**
 * A plain pino logger can take the request line as a string written straight to its destination: the same bytes
 * pino would write (prefix, bindings and end read from the logger), without its per-call object walk. Refused,
 * so that the line goes through pino's API, for any option that could change those bytes for this line's fields:
 * a serializer, a redact path naming one of them (or a bare `*`), a log formatter, mixin, message prefix, nesting,
 * a logMethod or streamWrite hook, another time function or message key.
 */
function frameOf(logger: FastifyBaseLogger): LineFrame | null {
  let frame = frames.get(logger);
  if (frame !== undefined) return frame;
  frame = null;
  const symbols = pino.symbols as unknown as Record<string, symbol>;
  const raw = logger as unknown as Record<symbol, unknown>;
  const stream = raw[symbols.streamSym as symbol] as LineFrame['stream'] | undefined;
  const chindings = raw[symbols.chindingsSym as symbol];
  const info = (logger as Partial<pino.Logger>).levels?.values?.info;
  const prefix =
    typeof info === 'number' ? (raw[symbols.lsCacheSym as symbol] as string[])?.[info] : undefined;
  const end = raw[symbols.endSym as symbol];
  const hooks = raw[symbols.hooksSym as symbol] as { streamWrite?: unknown; logMethod?: unknown } | undefined;
  const formatters = raw[symbols.formattersSym as symbol] as { log?: unknown } | undefined;
  const plain =
    typeof stream?.write === 'function' &&
    (stream as Record<symbol, unknown>)[symbols.needsMetadataGsym as symbol] !== true &&
    typeof chindings === 'string' &&
    typeof prefix === 'string' &&
    typeof end === 'string' &&
    raw[symbols.timeSym as symbol] === pino.stdTimeFunctions.epochTime &&
    raw[symbols.messageKeySym as symbol] === 'msg' &&
    raw[symbols.mixinSym as symbol] === undefined &&
    raw[symbols.msgPrefixSym as symbol] === undefined &&
    !raw[symbols.nestedKeySym as symbol] &&
    hooks?.streamWrite === undefined &&
    hooks?.logMethod === undefined &&
    formatters?.log === undefined &&
    noneFor(raw[symbols.serializersSym as symbol]) &&
    noneFor(raw[symbols.stringifiersSym as symbol]) &&
    leavesValues(
      (raw[symbols.stringifiersSym as symbol] as Record<symbol, unknown> | undefined)?.[
        symbols.wildcardFirstSym as symbol
      ],
    );
  if (plain) frame = { stream, prefix, bindings: chindings, end };
  frames.set(logger, frame);
  return frame;
}

/** No serializer or redaction stringifier for any field of the line. */
function noneFor(table: unknown): boolean {
  const entries = (table ?? {}) as Record<string, unknown>;
  return LINE_FIELDS.every((field) => typeof entries[field] !== 'function');
}

/**
 * Redact paths starting with `*` give pino one stringifier for every top-level value. A path of two or more
 * segments (`*.password`) cannot reach a string or a number, so it leaves them as JSON; a bare `*` censors all.
 */
function leavesValues(wildcard: unknown): boolean {
  if (wildcard === undefined) return true;
  if (typeof wildcard !== 'function') return false;
  const probe = 'probe "\u00e9"';
  return wildcard(probe) === JSON.stringify(probe) && wildcard(12.5) === '12.5';
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
      `${frame.prefix},"time":${Date.now()}${frame.bindings},"reqId":${JSON.stringify(request.id)},` +
        `"method":${JSON.stringify(request.method)},"route":${JSON.stringify(route)},"status":${status},` +
        `"durationMs":${durationMs},"ip":${JSON.stringify(request.ip)},"msg":"request"${frame.end}`,
    );
  }
}
