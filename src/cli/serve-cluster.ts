// `roster serve --workers N`: a primary that forks N serving workers sharing one port, restarts a worker that
// dies, and passes SIGTERM/SIGINT on so every worker finishes its requests before the primary exits.
import cluster, { type Address, type Worker } from 'node:cluster';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { bootstrap } from '../core/setup/bootstrap.js';
import { openStore } from '../store/open-store.js';
import { serveWorkerRateLimits } from './cluster-rate-limit-counter.js';
import { announce } from './serve-command.js';

/** A worker that dies is replaced after this pause, so a crash loop cannot spin the CPU. */
const RESTART_DELAY_MS = 500;
/** Workers still running this long after SIGTERM are killed, so a stuck request cannot block shutdown. */
const SHUTDOWN_GRACE_MS = 30_000;

/**
 * Runs in the primary. The store is initialised here, once, before any worker starts, so a generated admin
 * password is printed exactly once; each worker then opens its own store (its own SQLite connection or
 * PostgreSQL pool) and sees the others' writes through the store's change feed.
 */
export async function serveCluster(config: Config, log: Logger): Promise<void> {
  // The primary migrates first, so it alone reports what a migration changed.
  const store = await openStore({
    ...config,
    onMigrationNote: (line) => log.warn({ migration: line }, line),
  });
  const initial = await bootstrap(store, {
    username: config.adminUsername,
    email: config.adminEmail,
    ...(config.adminPassword !== undefined ? { password: config.adminPassword } : {}),
  }).finally(() => store.close());

  // Without Redis the workers count in this process, so N workers hold the limits of one (security F5).
  if (config.redisUrl === undefined) serveWorkerRateLimits();

  let announced = false;
  let stopping = false;
  let failed = false;
  const listened = new WeakSet<Worker>();

  const fork = (): void => {
    const worker = cluster.fork();
    log.info({ workerPid: worker.process.pid }, 'worker started');
  };

  cluster.on('listening', (worker, address: Address) => {
    listened.add(worker);
    if (announced) return;
    announced = true;
    const host = address.addressType === 6 ? `[${address.address}]` : address.address;
    announce(`http://${host}:${address.port}`, config, initial);
  });

  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      // A worker stopped before it listened had no request to finish: the signal's default action is fine.
      if (code !== 0 && listened.has(worker)) failed = true;
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(failed ? 1 : 0);
      return;
    }
    if (!listened.has(worker)) {
      // It never served: a configuration or startup problem that a restart would only repeat.
      log.error({ workerPid: worker.process.pid, code, signal }, 'worker failed to start; stopping');
      stop('worker-failure');
      return;
    }
    log.warn({ workerPid: worker.process.pid, code, signal }, 'worker died; starting another');
    setTimeout(() => {
      if (!stopping) fork();
    }, RESTART_DELAY_MS);
  });

  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    if (signal === 'worker-failure') failed = true;
    log.info({ signal }, 'shutting down: stopping every worker');
    const workers = Object.values(cluster.workers ?? {}).filter((worker) => worker !== undefined);
    if (workers.length === 0) process.exit(failed ? 1 : 0);
    for (const worker of workers) worker.process.kill('SIGTERM');
    setTimeout(() => {
      log.error({}, 'workers did not stop in time; killing them');
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGKILL');
      process.exit(1);
    }, SHUTDOWN_GRACE_MS).unref();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));

  for (let index = 0; index < config.workers; index++) fork();
}
