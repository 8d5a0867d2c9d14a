// `node dist/bench/search-bench.js`: users.autocomplete, directory and spotlight against users.info by username
// (the hot path) on the same server in the same run, on 127.0.0.1 only, each run bounded in time.
import { spawnSync } from 'node:child_process';
import { mkdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { bootstrap } from '../src/core/setup/bootstrap.js';
import { openStore } from '../src/store/open-store.js';
import { BENCH_DIR } from './bench-data.js';
import { runLoad, type LoadResult } from './load.js';
import { startRoster } from './processes.js';

const CLI = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));
const PASSWORD = 'search-bench-password';

const options = new Command('search-bench')
  .option('--users <n>', 'users in the database (seeded once, reused)', '100000')
  .option('--store <kind>', 'sqlite or postgres', 'sqlite')
  .option('--pg-url <url>', 'PostgreSQL server', 'postgres://postgres@127.0.0.1:5432/roster_search_bench')
  .option('--seconds <n>', 'seconds per run', '5')
  .option('--rounds <n>', 'interleaved rounds', '2')
  .option('--connections <n>', 'concurrent connections', '10')
  .option('--broad', 'prefixes two characters shorter (about 111,000 matches each at 1,000,000 users)')
  .parse()
  .opts<{
    users: string;
    store: 'sqlite' | 'postgres';
    pgUrl: string;
    seconds: string;
    rounds: string;
    connections: string;
    broad?: boolean;
  }>();

const users = Number(options.users);
const seconds = Number(options.seconds);
const rounds = Number(options.rounds);
const connections = Number(options.connections);

/** A database of `users` users (no rooms per user, 200 public rooms), seeded unless already there. */
async function ensureDatabase(): Promise<string[]> {
  mkdirSync(BENCH_DIR, { recursive: true });
  const db = join(BENCH_DIR, `search-sqlite-${users}.db`);
  const pgUrl = options.pgUrl.replace(/\/([^/]*)$/, `/$1_${users}`);
  const args = options.store === 'sqlite' ? ['--db', db] : ['--store', 'postgres', '--pg-url', pgUrl];
  if (options.store === 'postgres') {
    const { default: pg } = await import('pg');
    const maintenance = new URL(pgUrl);
    const name = maintenance.pathname.slice(1);
    maintenance.pathname = '/postgres';
    const client = new pg.Client({ connectionString: maintenance.toString() });
    await client.connect();
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${name}"`);
    await client.end();
  }
  const target =
    options.store === 'sqlite' ? { store: 'sqlite' as const, db } : { store: 'postgres' as const, db, pgUrl };
  let opened = options.store === 'sqlite' && !existsSync(db) ? null : await openStore(target);
  const seeded = opened ? (await opened.users.findByUsername(`user${users}`)) !== null : false;
  await opened?.close();
  if (!seeded) {
    const started = Date.now();
    const run = spawnSync(
      process.execPath,
      [CLI, 'seed', '--users', String(users), '--rooms', '200', '--rooms-per-user', '0', ...args],
      { stdio: ['ignore', 'inherit', 'inherit'] },
    );
    if (run.status !== 0) throw new Error('seeding failed');
    process.stdout.write(`seeded ${users} users in ${Math.round((Date.now() - started) / 1000)} s\n`);
  }
  opened = await openStore(target);
  await bootstrap(opened, { username: 'admin', email: 'admin@example.com', password: PASSWORD });
  await opened.settings.save({
    _id: 'API_Enable_Rate_Limiter',
    value: false,
    type: 'boolean',
    packageValue: true,
  });
  await opened.refreshPlannerStatistics();
  await opened.close();
  return args;
}

/**
 * Prefixes a person types, of existing usernames (`user<n>`) and names (`User <n>`): the seed's names share
 * their first letters, so a prefix is made selective as a real one is (`user123`: about 1,100 of 1,000,000).
 * `--broad` uses two digits fewer (about 111,000 matches each): the worst case of a very short prefix.
 */
function prefixes(count: number, broad: boolean): string[] {
  const list: string[] = [];
  const digits = Math.max(1, String(users).length - (broad ? 6 : 4));
  for (let i = 0; i < count; i++) {
    const n = String(1 + ((i * 7919) % users)).padEnd(digits + 2, '1');
    const take = digits + (i % 3);
    list.push(i % 2 === 0 ? `user${n.slice(0, take)}` : `User ${n.slice(0, take)}`);
  }
  return list;
}

const q = (value: unknown) => encodeURIComponent(JSON.stringify(value));
const terms = prefixes(200, options.broad === true);
const CASES: Array<{ name: string; paths: string[] }> = [
  {
    name: 'users.info by username (baseline)',
    paths: terms.map((_, i) => `/api/v1/users.info?username=user${1 + ((i * 7919) % users)}`),
  },
  {
    name: 'users.autocomplete',
    paths: terms.map((term) => `/api/v1/users.autocomplete?selector=${q({ term })}`),
  },
  {
    name: 'directory (type users, count 25, with total)',
    paths: terms.map((term) => `/api/v1/directory?type=users&text=${encodeURIComponent(term)}&count=25`),
  },
  { name: 'spotlight', paths: terms.map((term) => `/api/v1/spotlight?query=${encodeURIComponent(term)}`) },
];

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

async function main() {
  const args = await ensureDatabase();
  const roster = await startRoster(args);
  try {
    const login = await fetch(`${roster.url}/api/v1/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user: 'admin', password: PASSWORD }),
    });
    const { data } = (await login.json()) as { data: { userId: string; authToken: string } };
    const headers = { 'x-user-id': data.userId, 'x-auth-token': data.authToken };
    for (const bench of CASES) {
      const sample = await fetch(`${roster.url}${bench.paths[0]}`, { headers });
      if (sample.status !== 200) throw new Error(`${bench.name}: ${sample.status} ${await sample.text()}`);
      await runLoad({ baseUrl: roster.url, paths: bench.paths, headers, connections, seconds: 1 });
    }
    // Interleaved rounds: each round measures the baseline and every search; ratios are per round.
    const results = new Map<string, LoadResult[]>(CASES.map((bench) => [bench.name, []]));
    for (let round = 0; round < rounds; round++) {
      for (const bench of CASES) {
        const result = await runLoad({
          baseUrl: roster.url,
          paths: bench.paths,
          headers,
          connections,
          seconds,
        });
        if (result.errors > 0 || result.non2xx > 0) throw new Error(`${bench.name}: errors in the run`);
        results.get(bench.name)?.push(result);
      }
    }
    const baseline = results.get(CASES[0]?.name ?? '') ?? [];
    const lines = [
      `${users} users, ${options.store}, ${connections} connections, ${rounds} × ${seconds} s per case`,
      '| case | req/s | p50 ms | p99 ms | ratio to users.info |',
      '|---|---|---|---|---|',
    ];
    for (const bench of CASES) {
      const runs = results.get(bench.name) ?? [];
      const ratio = median(runs.map((run, i) => run.rps / (baseline[i]?.rps ?? 1)));
      lines.push(
        `| ${bench.name} | ${Math.round(median(runs.map((r) => r.rps)))} | ${median(runs.map((r) => r.p50))} | ` +
          `${median(runs.map((r) => r.p99))} | ${ratio.toFixed(2)} |`,
      );
    }
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await roster.stop();
  }
}

await main();
