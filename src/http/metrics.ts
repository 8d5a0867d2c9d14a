// Prometheus metrics: requests and latency per route and status, rate-limit rejections, cache hit ratios,
// store call timings and process metrics, in one registry per app.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { FastifyInstance } from 'fastify';
import type { Context } from '../core/context.js';
import type { StoreTimer } from '../core/timed-store.js';

export interface Metrics {
  registry: Registry;
  /** Pass to core/timed-store.ts to time every store call. */
  observeStore: StoreTimer;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'roster_' });
  const storeSeconds = new Histogram({
    name: 'roster_store_call_duration_seconds',
    help: 'Duration of store calls by method and outcome',
    labelNames: ['method', 'outcome'] as const,
    buckets: [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.05, 0.25, 1],
    registers: [registry],
  });
  return {
    registry,
    observeStore: (method, seconds, failed) =>
      storeSeconds.observe({ method, outcome: failed ? 'error' : 'ok' }, seconds),
  };
}

/** Counts every response of `app` and exposes the caches of `context`. */
export function installMetrics(app: FastifyInstance, metrics: Metrics, context: Context): void {
  const { registry } = metrics;
  const requests = new Counter({
    name: 'roster_http_requests_total',
    help: 'HTTP requests by route, method and status',
    labelNames: ['route', 'method', 'status'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'roster_http_request_duration_seconds',
    help: 'HTTP request latency by route, method and status',
    labelNames: ['route', 'method', 'status'] as const,
    buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const rejections = new Counter({
    name: 'roster_rate_limit_rejections_total',
    help: 'Requests answered 429 by the rate limiter, by route',
    labelNames: ['route'] as const,
    registers: [registry],
  });
  new Gauge({
    name: 'roster_cache_hit_ratio',
    help: 'Share of reads served from memory, per cache',
    labelNames: ['cache'] as const,
    registers: [registry],
    collect() {
      for (const [cache, stats] of [
        ['permissions', context.permissions.cacheStats()],
        ['settings', context.settings.cacheStats()],
      ] as const) {
        const total = stats.hits + stats.loads;
        this.set({ cache }, total === 0 ? 1 : stats.hits / total);
      }
    },
  });

  app.addHook('onResponse', (request, reply, done) => {
    const labels = {
      route: request.routeOptions.url ?? 'unmatched',
      method: request.method,
      status: String(reply.statusCode),
    };
    requests.inc(labels);
    duration.observe(labels, reply.elapsedTime / 1000);
    if (reply.statusCode === 429) rejections.inc({ route: labels.route });
    done();
  });
}
