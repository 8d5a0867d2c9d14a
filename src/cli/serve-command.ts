// `roster serve`: open the store, initialise it on first start, listen, and shut down gracefully on a signal.
import { Server } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { bootstrap, type BootstrapResult } from '../core/setup/bootstrap.js';
import { applySettingOverrides } from '../core/settings/setting-overrides.js';
import { closeContext, createContext } from '../core/context.js';
import { timedStore } from '../core/timed-store.js';
import { schedulePruning } from '../core/auth/token-pruning.js';
import { buildApp } from '../http/app.js';
import { createMetrics } from '../http/metrics.js';
import { openStore } from '../store/open-store.js';
import { openRateLimitCounting } from './rate-limit-counting.js';
import { ROSTER_VERSION } from './version.js';

/** Expired login tokens are already refused; pruning hourly only keeps the token index small. */
const PRUNE_EVERY_MS = 3_600_000;

/**
 * Between closing the listening socket and closing idle connections: a connection the kernel accepted just
 * before the signal looks idle until its request is read, and closing it then resets the client.
 */
const DRAIN_MS = 250;

export interface ServeOptions {
  /** False in a cluster worker: the primary prints the announcement once for all of them. */
  announce?: boolean;
}

export async function serveCommand(config: Config, log: Logger, options: ServeOptions = {}): Promise<void> {
  const metrics = createMetrics();
  const store = timedStore(
    await openStore({ ...config, onMigrationNote: (line) => log.warn({ migration: line }, line) }),
    metrics.observeStore,
  );
  const initial = await bootstrap(store, {
    username: config.adminUsername,
    email: config.adminEmail,
    ...(config.adminPassword !== undefined ? { password: config.adminPassword } : {}),
  });
  if (config.settingOverrides) {
    // Rocket.Chat's OVERWRITE_SETTING_<id>: applied on every start, before the first request reads settings.
    for (const id of config.settingOverrides.unknown) {
      log.warn({ setting: id }, `OVERWRITE_SETTING_${id} ignored: Roster has no setting ${id}`);
    }
    await applySettingOverrides(store, config.settingOverrides, new Date());
  }
  // Shared with the login guard, so failed-login limits hold across instances too.
  const counting = await openRateLimitCounting(config, log, metrics.registry);
  const context = createContext({
    store,
    log,
    version: ROSTER_VERSION,
    userCacheMb: config.userCache,
    ...(counting.counter ? { rateLimits: counting.counter } : {}),
    ...(config.createTokensSecret !== undefined ? { createTokensSecret: config.createTokensSecret } : {}),
  });
  const stopPruning = schedulePruning(context, PRUNE_EVERY_MS);
  const app = await buildApp({
    context,
    logger: log,
    trustProxy: config.trustProxy,
    operations: { metrics, access: config.opsAccess },
  });

  let stopping = false;
  /** In-flight requests get this long to finish; then the process exits anyway (README "Limits"). */
  const SHUTDOWN_GRACE_MS = 15_000;
  const shutdown = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down: finishing in-flight requests');
    setTimeout(() => {
      log.error({ graceMs: SHUTDOWN_GRACE_MS }, 'shutdown grace period over; exiting');
      process.exit(1);
    }, SHUTDOWN_GRACE_MS).unref();
    try {
      // Stop accepting first (new clients get ECONNREFUSED), without dropping what was already accepted.
      Server.prototype.close.call(app.server);
      await sleep(DRAIN_MS);
      // Node closes idle keep-alive connections once, at close(); a connection busy then stays open after its
      // answer until the 72 s keep-alive timeout, past the grace period. Close each as soon as it goes idle.
      const reaper = setInterval(() => app.server.closeIdleConnections(), 50);
      await app.close();
      clearInterval(reaper);
      stopPruning();
      await closeContext(context);
      await store.close();
      await counting.close();
      log.info({}, 'stopped');
      process.exit(0);
    } catch (error) {
      log.error({ err: error }, 'shutdown failed');
      process.exit(1);
    }
  };
  // Handlers first: a signal right after the "listening" line (or from a cluster primary) still shuts down gracefully.
  process.once('SIGTERM', (signal) => void shutdown(signal));
  process.once('SIGINT', (signal) => void shutdown(signal));
  app.server.maxConnections = config.maxConnections;
  const address = await app.listen({ port: config.port, host: config.host });
  if (options.announce !== false) announce(address, config, initial);
}

/**
 * Printed to the terminal, not the log: the generated password appears exactly once, at first start, on stderr,
 * so that it never joins the JSON log on stdout that `docker logs`/journald keep with the rest (security F20).
 */
export function announce(address: string, config: Config, initial: BootstrapResult): void {
  const lines = [`Roster ${ROSTER_VERSION} is listening on ${address} (store: ${config.store})`];
  if (initial.created && initial.generatedPassword !== undefined) {
    process.stderr.write(
      [
        '',
        '  First start: an admin user was created. This password is shown only now (on stderr); keep it.',
        `    username: ${initial.username}`,
        `    password: ${initial.generatedPassword}`,
        '',
        '',
      ].join('\n'),
    );
  } else if (initial.created) {
    lines.push(`  First start: admin user "${initial.username}" was created with ROSTER_ADMIN_PASSWORD.`);
  } else {
    lines.push(`  Log in as "${config.adminUsername}" with the password set at first start.`);
  }
  lines.push(
    `  Try: curl -s -X POST ${address}/api/v1/login -H 'content-type: application/json' \\`,
    `         -d '{"user":"${initial.created ? initial.username : config.adminUsername}","password":"…"}'`,
  );
  process.stdout.write(`${lines.join('\n')}\n`);
}
