#!/usr/bin/env node
// The composition root: `roster <command>`. The only place that reads process.*, listens, or picks an adapter.
import cluster from 'node:cluster';
import { Command, InvalidArgumentError } from 'commander';
import { ConfigError, loadConfig, type Config } from '../config.js';
import { openStore } from '../store/open-store.js';
import { importCommand } from './import-command.js';
import { createLogger } from './logger.js';
import { warnIfCountedPerProcess } from './rate-limit-counting.js';
import { seedCommand } from './seed-command.js';
import { serveCluster } from './serve-cluster.js';
import { serveCommand } from './serve-command.js';
import { ROSTER_VERSION } from './version.js';

function wholeNumber(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('must be a whole number.');
  return Number(value);
}

/** Options every command that opens the store accepts. */
function withStoreOptions(command: Command): Command {
  return command
    .option('--store <kind>', 'sqlite or postgres (ROSTER_STORE)')
    .option('--db <path>', 'SQLite database file (ROSTER_DB, default ./data/roster.db)')
    .option('--pg-url <url>', 'PostgreSQL connection string (ROSTER_PG_URL)')
    .option('--log-level <level>', 'fatal, error, warn, info, debug, trace or silent (ROSTER_LOG_LEVEL)');
}

function configFrom(flags: Record<string, unknown>): Config {
  return loadConfig(flags, process.env);
}

const program = new Command('roster')
  .description('A fast, Rocket.Chat-compatible user directory server')
  .version(ROSTER_VERSION);

withStoreOptions(program.command('serve'))
  .description('start the HTTP server (graceful shutdown on SIGTERM/SIGINT)')
  .option('--port <port>', 'port to listen on (ROSTER_PORT, default 3000)')
  .option('--host <host>', 'address to listen on (ROSTER_HOST, default 127.0.0.1)')
  .option(
    '--ops-access <policy>',
    '/metrics, /livez, /readyz: loopback, authenticated or public (ROSTER_OPS_ACCESS)',
  )
  .option('--workers <n>', 'processes serving the port together (ROSTER_WORKERS, default 1)')
  .option(
    '--user-cache <mb>',
    'MB of users.info answers cached per process, 0 for none (ROSTER_USER_CACHE, default 100)',
  )
  .option(
    '--trust-proxy <proxies>',
    'who may name the client in X-Forwarded-For: false, true, a proxy count, or addresses/CIDRs (ROSTER_TRUST_PROXY)',
  )
  .option('--redis-url <url>', 'Redis for rate-limit counts shared between processes (ROSTER_REDIS_URL)')
  .option('--redis-prefix <prefix>', 'prefix of every Redis key (ROSTER_REDIS_PREFIX, default roster:)')
  .option(
    '--max-connections <n>',
    'open sockets per process; more are closed at once (ROSTER_MAX_CONNECTIONS, default 10000)',
  )
  .action(async (flags: Record<string, unknown>) => {
    const config = configFrom(flags);
    const log = createLogger(config.logLevel);
    if (!cluster.isWorker) warnIfCountedPerProcess(config, log);
    if (cluster.isWorker) await serveCommand(config, log, { announce: false });
    else if (config.workers > 1) await serveCluster(config, log);
    else await serveCommand(config, log);
  });

withStoreOptions(program.command('seed'))
  .description('write deterministic synthetic users, rooms and subscriptions (idempotent)')
  .requiredOption('--users <n>', 'number of users user1 … userN', wholeNumber)
  .option('--rooms <m>', 'number of rooms room-1 … room-M', wholeNumber, 0)
  .option('--rooms-per-user <k>', 'rooms each user is subscribed to', wholeNumber, 0)
  .action(async (flags: Record<string, unknown> & { users: number; rooms: number; roomsPerUser: number }) => {
    const config = configFrom(flags);
    if (flags.roomsPerUser > flags.rooms) throw new ConfigError('--rooms-per-user must not exceed --rooms');
    const store = await openStore({ ...config, bulk: true });
    const started = Date.now();
    try {
      const summary = await seedCommand(store, {
        users: flags.users,
        rooms: flags.rooms,
        roomsPerUser: flags.roomsPerUser,
      });
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      process.stdout.write(`seeded in ${seconds}s: ${JSON.stringify(summary)}\n`);
    } finally {
      await store.close();
    }
  });

withStoreOptions(program.command('import'))
  .description('import a Rocket.Chat mongoexport (folders or files; checked first, idempotent)')
  .argument('<paths...>', 'export folders, or files such as users.json and rocketchat_subscription.json')
  .option('--skip-invalid', 'import the valid documents and list the invalid ones', false)
  .option(
    '--overwrite-existing',
    'also replace users Roster created itself (first-start admin, users.create, users.register)',
    false,
  )
  .option('--batch-size <n>', 'documents per transaction', wholeNumber, 1000)
  .action(
    async (
      paths: string[],
      flags: Record<string, unknown> & {
        skipInvalid: boolean;
        batchSize: number;
        overwriteExisting: boolean;
      },
    ) => {
      const config = configFrom(flags);
      if (flags.batchSize < 1) throw new ConfigError('--batch-size must be at least 1');
      process.exitCode = await importCommand(
        () =>
          openStore({
            ...config,
            onMigrationNote: (line) => process.stderr.write(`${line}\n`),
          }),
        {
          paths,
          skipInvalid: flags.skipInvalid,
          overwriteExisting: flags.overwriteExisting,
          batchSize: flags.batchSize,
          admin: {
            username: config.adminUsername,
            email: config.adminEmail,
            ...(config.adminPassword !== undefined ? { password: config.adminPassword } : {}),
          },
        },
        { out: (text) => process.stdout.write(text), err: (text) => process.stderr.write(text) },
      );
    },
  );

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`roster: ${error.message}\n`);
  } else {
    process.stderr.write(`roster: ${error instanceof Error ? error.message : String(error)}\n`);
  }
  process.exit(1);
});
