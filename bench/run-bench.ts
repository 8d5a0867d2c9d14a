// `npm run bench`: Roster against a plain node:http ceiling, interleaved rounds, ratios from the same run.
import { Command } from 'commander';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { writeFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { ADMIN_PASSWORD, ensureDatabase } from './bench-data.js';
import { CASES, LOGIN_CASE, type BenchCase } from './cases.js';
import { renderChart } from './chart.js';
import { primePaths, runLoad, type LoadOptions, type LoadResult } from './load.js';
import {
  startCeilingProcess,
  startFastifyFloorProcess,
  startRoster,
  type ServerProcess,
} from './processes.js';
import { formatReport, type CaseFigures, type ScaleReport } from './report.js';

const program = new Command('bench')
  .option('--quick', 'one small database, short runs (under 2 minutes)')
  .option(
    '--budget',
    "every line of issue 20's budget, in about 15 minutes once seeded: SQLite 10,000, 100,000 and 1,000,000, " +
      'PostgreSQL 100,000, the username and rooms cases, 3 rounds of 5 s',
  )
  .option('--users <list>', 'SQLite database sizes', '10000,100000,1000000')
  .option('--pg-users <list>', 'PostgreSQL database sizes', '100000')
  .option('--stores <list>', 'stores', 'sqlite,postgres')
  .option('--seconds <n>', 'seconds per run', '8')
  .option('--rounds <n>', 'interleaved rounds', '3')
  .option('--connections <n>', 'concurrent connections', '50')
  .option('--no-extensions', "skip the Roster extensions' bench (batch lookup, 304; lookup-bench.ts)")
  .option('--cli <path>', "serve another build's dist/src/cli/main.js (before/after comparisons)")
  .option(
    '--pg-url <url>',
    'PostgreSQL for the postgres store',
    'postgres://postgres@127.0.0.1:5432/roster_bench',
  )
  .parse();
const options = program.opts<{
  quick?: boolean;
  budget?: boolean;
  users: string;
  pgUsers: string;
  stores: string;
  seconds: string;
  rounds: string;
  connections: string;
  pgUrl: string;
  cli?: string;
  extensions: boolean;
}>();
const quick = options.quick === true;
const budgetRun = options.budget === true && !quick;
const sizes = quick
  ? [10_000]
  : budgetRun
    ? [10_000, 100_000, 1_000_000]
    : options.users.split(',').map(Number);
const pgSizes = budgetRun ? [100_000] : options.pgUsers.split(',').map(Number);
const stores = (quick ? 'sqlite' : options.stores).split(',') as Array<'sqlite' | 'postgres'>;
/** Every (store, size) measured, SQLite first. */
const scales = stores.flatMap((store) =>
  (store === 'sqlite' ? sizes : pgSizes).map((users) => ({ store, users })),
);
const seconds = quick ? 2 : budgetRun ? 5 : Number(options.seconds);
// --quick stays under two minutes with the build: one round, fewer warm-ups, no Fastify reference.
const rounds = quick ? 1 : budgetRun ? 3 : Number(options.rounds);
// --budget measures the two cases the budget names (by username, with 10 rooms); the others are the full run's.
const cases = budgetRun ? CASES.slice(0, 2) : CASES;
const connections = Number(options.connections);
const WARMUP_SECONDS = 1;

async function login(baseUrl: string, user: string, password: string): Promise<Record<string, string>> {
  const response = await fetch(`${baseUrl}/api/v1/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ user, password }),
  });
  const body = (await response.json()) as { data?: { userId: string; authToken: string } };
  if (!body.data) throw new Error(`login as ${user} failed: ${JSON.stringify(body)}`);
  return { 'x-user-id': body.data.userId, 'x-auth-token': body.data.authToken };
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};

/** One case: per round, the same-size ceiling then Roster; the ratio is the median of the rounds' ratios. */
async function measureCase(
  roster: ServerProcess,
  bench: BenchCase,
  users: number,
  headers: Record<string, string>,
  first: boolean,
): Promise<CaseFigures> {
  const paths = bench.paths(users);
  const sample = await fetch(`${roster.url}${paths[0]}`, {
    method: bench.method,
    headers: { ...headers, 'content-type': 'application/json' },
    ...(bench.body !== undefined ? { body: bench.body } : {}),
  });
  const sampleBody = Buffer.from(await sample.arrayBuffer());
  if (sample.status !== 200) throw new Error(`${bench.name}: ${sample.status} ${sampleBody.toString()}`);
  const bodyFile = join(mkdtempSync(join(tmpdir(), 'roster-bench-')), 'body.json');
  writeFileSync(bodyFile, sampleBody);
  const withFloor = first && !quick;
  const ratios: number[] = [];
  const floorRatios: number[] = [];
  const runs: LoadResult[] = [];
  const ceilings: LoadResult[] = [];
  const load = {
    paths,
    connections,
    seconds,
    method: bench.method,
    ...(bench.body !== undefined ? { body: bench.body } : {}),
  };
  // Every path once first (its rate is the first-lookup figure), then an unmeasured warm-up of both servers
  // (JIT), so no round measures a cold process or a user it has not looked up before.
  // --quick warms Roster once, before its first case, and no ceiling.
  const firstPass = await primePaths({ ...load, baseUrl: roster.url, headers });
  if (firstPass.non2xx > 0) throw new Error(`${bench.name}: ${firstPass.non2xx} non-2xx in the first pass`);
  if (!quick || first) await runLoad({ ...load, seconds: WARMUP_SECONDS, baseUrl: roster.url, headers });
  for (let round = 0; round < rounds; round++) {
    const ceiling = await startCeilingProcess(bodyFile);
    if (!quick) await runLoad({ ...load, seconds: WARMUP_SECONDS, baseUrl: ceiling.url });
    const ceilingRun = await runLoad({ ...load, baseUrl: ceiling.url });
    await ceiling.stop();
    if (withFloor) floorRatios.push((await measureFastifyFloor(bodyFile, load)) / ceilingRun.rps);
    const rosterRun = await runLoad({ ...load, baseUrl: roster.url, headers });
    // A non-2xx answer measures another path; a few client timeouts only say the machine is busy (reported).
    if (rosterRun.non2xx > 0 || rosterRun.errors > rosterRun.requests / 100) {
      throw new Error(`${bench.name}: ${rosterRun.non2xx} non-2xx, ${rosterRun.errors} errors`);
    }
    if (rosterRun.errors > 0) process.stderr.write(`  ${rosterRun.errors} client timeouts in this run\n`);
    ceilings.push(ceilingRun);
    runs.push(rosterRun);
    ratios.push(rosterRun.rps / ceilingRun.rps);
  }
  return {
    name: bench.name,
    bytes: sampleBody.length,
    rps: median(runs.map((run) => run.rps)),
    ceilingRps: median(ceilings.map((run) => run.rps)),
    ratio: median(ratios),
    firstPassRps: firstPass.rps,
    p50: median(runs.map((run) => run.p50)),
    p99: median(runs.map((run) => run.p99)),
    ...(withFloor ? { fastifyFloorRatio: median(floorRatios) } : {}),
  };
}

/** Requests/s of a minimal Fastify route answering the same body, warmed up like the ceiling. */
async function measureFastifyFloor(bodyFile: string, load: Omit<LoadOptions, 'baseUrl'>): Promise<number> {
  const floor = await startFastifyFloorProcess(bodyFile);
  try {
    await runLoad({ ...load, seconds: WARMUP_SECONDS, baseUrl: floor.url });
    return (await runLoad({ ...load, baseUrl: floor.url })).rps;
  } finally {
    await floor.stop();
  }
}

/** users.info throughput while logins run in parallel, as a ratio of users.info alone in the same round. */
async function measureDuringLogins(roster: ServerProcess, users: number, admin: Record<string, string>) {
  const bench = CASES[0] as BenchCase;
  const paths = bench.paths(users);
  const ratios: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const alone = await runLoad({ baseUrl: roster.url, paths, headers: admin, connections, seconds });
    const [during] = await Promise.all([
      runLoad({ baseUrl: roster.url, paths, headers: admin, connections, seconds }),
      runLoad({
        baseUrl: roster.url,
        paths: ['/api/v1/login'],
        method: 'POST',
        body: LOGIN_CASE.body as string,
        connections: 4,
        seconds,
      }),
    ]);
    ratios.push(during.rps / alone.rps);
  }
  return median(ratios);
}

async function loginRate(roster: ServerProcess): Promise<number> {
  const run = await runLoad({
    baseUrl: roster.url,
    paths: ['/api/v1/login'],
    method: 'POST',
    body: LOGIN_CASE.body as string,
    connections: 8,
    seconds,
  });
  return run.rps;
}

async function benchScale(store: 'sqlite' | 'postgres', users: number): Promise<ScaleReport> {
  const database = await ensureDatabase(store, users, options.pgUrl);
  const started = Date.now();
  const roster = await startRoster(database.args, { ROSTER_ADMIN_PASSWORD: ADMIN_PASSWORD }, options.cli);
  const readySeconds = (Date.now() - started) / 1000;
  try {
    const admin = await login(roster.url, 'admin', ADMIN_PASSWORD);
    const plain = await login(roster.url, 'user1', 'seed-password');
    const figures: CaseFigures[] = [];
    for (const [index, bench] of cases.entries()) {
      process.stderr.write(`${store} ${users}: ${bench.name}\n`);
      const headers = bench.caller === 'admin' ? admin : plain;
      figures.push(await measureCase(roster, bench, users, headers, index === 0));
    }
    process.stderr.write(`${store} ${users}: login\n`);
    const loginsPerSecond = await loginRate(roster);
    const duringLogins = await measureDuringLogins(roster, users, admin);
    return {
      store,
      users,
      readySeconds,
      seedSeconds: database.seedSeconds,
      peakRssMb: roster.peakRssMb(),
      figures,
      loginsPerSecond,
      duringLogins,
    };
  } finally {
    await roster.stop();
  }
}

const reports: ScaleReport[] = [];
for (const { store, users } of scales) reports.push(await benchScale(store, users));

const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
const command = `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim();
const markdown = formatReport({ machine, command, connections, seconds, rounds, reports });
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/latest.md', markdown);
writeFileSync('bench/results/latest.json', JSON.stringify({ machine, command, reports }, null, 2));
const chartRows = reports.flatMap((report) =>
  report.figures.map((figure) => ({
    label: `${report.store} ${report.users}: ${figure.name}`,
    ratio: figure.ratio,
    p99: figure.p99,
  })),
);
writeFileSync(
  'bench/results/chart.svg',
  renderChart(`Roster users.info vs node:http ceiling (${machine})`, chartRows),
);
process.stdout.write(markdown);

// issue 19: the extensions are measured by `npm run bench` too (batch of 100 vs 100 single calls, 304 vs 200),
// in a process of their own so their in-process server does not share this one's event loop.
if (options.extensions && !budgetRun) {
  const lookupBench = fileURLToPath(new URL('./lookup-bench.js', import.meta.url));
  const run = spawnSync(process.execPath, [lookupBench], {
    stdio: 'inherit',
    env: { ...process.env, LOOKUP_BENCH_SECONDS: String(seconds) },
  });
  if (run.status !== 0) process.exitCode = run.status ?? 1;
}
