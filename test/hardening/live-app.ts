// A Roster listening on 127.0.0.1 in this process (real socket, real store, operations routes, pino in memory).
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { closeContext, createContext, type Context } from '../../src/core/context.js';
import { buildApp } from '../../src/http/app.js';
import { createMetrics } from '../../src/http/metrics.js';
import { memoryLogger } from '../helpers/memory-log.js';
import { silentLog, startTestApp, type TestApp } from '../helpers/test-app.js';
import type { StoreFactory } from '../helpers/test-stores.js';

export interface LiveApp {
  t: TestApp;
  app: FastifyInstance;
  context: Context;
  port: number;
  /** Every log line written so far (JSON). */
  logLines: () => string[];
  close(): Promise<void>;
}

export async function startLiveApp(
  factory: StoreFactory,
  options: { rateLimiter?: boolean } = {},
): Promise<LiveApp> {
  const t = await startTestApp(factory);
  if (options.rateLimiter === false) {
    await t.store.settings.save({ _id: 'API_Enable_Rate_Limiter', type: 'boolean', value: false });
  }
  const memory = memoryLogger('info');
  const context = createContext({ store: t.store, log: silentLog, version: '0.0.0-test' });
  const app = await buildApp({
    context,
    logger: memory.log,
    operations: { metrics: createMetrics(), access: 'loopback' },
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return {
    t,
    app,
    context,
    port,
    logLines: memory.lines,
    async close() {
      await app.close();
      await closeContext(context);
      await t.dispose();
    },
  };
}
