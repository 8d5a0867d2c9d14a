// `npm run bench:stages`: CPU µs per users.info request by stage, for the ceiling, bare Fastify and Roster, one run.
// Every server variant (stage-server.ts) adds one stage of Roster to the one before; the CPU each process spends
// per answered request (/proc/<pid>/stat, user + system) is measured under the same load, in interleaved rounds,
// and a stage's cost is the difference of two neighbouring variants' medians.
import { Command } from 'commander';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ADMIN_PASSWORD, ensureDatabase } from './bench-data.js';
import { primePaths, runLoad } from './load.js';
import { startCeilingProcess, startProcess, startRoster, type ServerProcess } from './processes.js';
import { STAGE_VARIANTS, type StageVariant } from './stage-variants.js';

const program = new Command('stage-cpu')
  .option('--users <n>', 'database size (SQLite)', '100000')
  .option('--seconds <n>', 'seconds per measured run', '4')
  .option('--rounds <n>', 'interleaved rounds', '3')
  .option('--connections <n>', 'concurrent connections', '50')
  .option('--out <file>', 'also write the Markdown here', 'bench/results/stages.md')
  .option(
    '--inject <n>',
    'no sockets: n sequential app.inject() requests per variant (robust on a busy machine)',
  )
  .parse();
const options = program.opts<{
  users: string;
  seconds: string;
  rounds: string;
  connections: string;
  out: string;
  inject?: string;
}>();
const users = Number(options.users);
const seconds = Number(options.seconds);
const rounds = Number(options.rounds);
const connections = Number(options.connections);
const STAGE_SERVER = fileURLToPath(new URL('./stage-server.js', import.meta.url));
const SAMPLE = 4000;

/** What each variant adds to the one before it, as the table's rows name it. */
const ADDS: Record<'ceiling' | StageVariant | 'roster', string> = {
  ceiling: 'HTTP parse + send (`node:http`, fixed body)',
  fastify: 'Fastify: routing, request/reply objects, hooks',
  parse: "Roster's query parse (qs) + AJV validation + envelope headers",
  authenticate: 'authenticate (token hash, session cache)',
  'rate-limit': 'rate limit (settings, bypass permission, counter)',
  lookup: 'lookup (user cache by username)',
  visibility: 'visibility (roles, permission, settings)',
  serialise: 'serialise (cached body + ETag, If-None-Match, the real route)',
  audit: 'audit (queue + batched SQLite insert)',
  app: "the whole app: every route and hook (buildApp), Roster's error/404 paths",
  metrics: 'metrics (prom-client request counter + histogram, store timing)',
  log: 'request log line (pino, buffered stdout)',
  roster: '`roster serve` itself (should equal the line above)',
};
type Variant = keyof typeof ADDS;

interface Sample {
  rps: number;
  cpuUs: number;
  userUs: number;
  systemUs: number;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};

async function login(url: string): Promise<Record<string, string>> {
  const response = await fetch(`${url}/api/v1/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ user: 'admin', password: ADMIN_PASSWORD }),
  });
  const body = (await response.json()) as { data?: { userId: string; authToken: string } };
  if (!body.data) throw new Error(`login failed: ${JSON.stringify(body)}`);
  return { 'x-user-id': body.data.userId, 'x-auth-token': body.data.authToken };
}

async function measure(server: ServerProcess, paths: string[], headers: Record<string, string>) {
  const before = server.cpuSeconds();
  const run = await runLoad({ baseUrl: server.url, paths, headers, connections, seconds });
  const after = server.cpuSeconds();
  // A few client timeouts happen on a loaded machine; an answer other than 200 would measure another path.
  if (run.non2xx > 0) throw new Error(`${run.non2xx} non-2xx answers`);
  if (run.errors > 0) process.stderr.write(`  ${run.errors} client errors (timeouts) in this run\n`);
  const perRequest = (s: number) => (s * 1e6) / run.requests;
  const userUs = perRequest(after.user - before.user);
  const systemUs = perRequest(after.system - before.system);
  return { rps: run.rps, cpuUs: userUs + systemUs, userUs, systemUs };
}

const database = await ensureDatabase('sqlite', users, '');
const db = database.args[1] as string;
const paths = Array.from(
  { length: SAMPLE },
  () => `/api/v1/users.info?username=user${1 + Math.floor(Math.random() * users)}`,
);
const roster = await startRoster(database.args, { ROSTER_ADMIN_PASSWORD: ADMIN_PASSWORD });
const servers = new Map<Variant, ServerProcess>();
try {
  const headers = await login(roster.url);
  const sample = await fetch(`${roster.url}${paths[0]}`, { headers });
  if (sample.status !== 200) throw new Error(`users.info: ${sample.status}`);
  const bodyFile = join(mkdtempSync(join(tmpdir(), 'roster-stages-')), 'body.json');
  writeFileSync(bodyFile, Buffer.from(await sample.arrayBuffer()));

  const samples = options.inject
    ? injectRounds(bodyFile, headers, Number(options.inject))
    : await httpRounds(bodyFile, headers);
  const order = [...samples.keys()];
  const table = render(order, samples);
  mkdirSync('bench/results', { recursive: true });
  writeFileSync(options.out, table);
  process.stdout.write(table);
} finally {
  for (const server of servers.values()) await server.stop();
  if (!servers.has('roster')) await roster.stop();
}

/** Every variant (and the ceiling and `roster serve`) listening at once, loaded in turn, round after round. */
async function httpRounds(bodyFile: string, headers: Record<string, string>) {
  servers.set('ceiling', await startCeilingProcess(bodyFile));
  for (const variant of STAGE_VARIANTS) {
    servers.set(variant, await startProcess([STAGE_SERVER, variant, db, bodyFile], {}));
  }
  servers.set('roster', roster);
  const order = [...servers.keys()];
  // Warm every variant: JIT, the session and user caches over the whole sample.
  for (const variant of order) {
    process.stderr.write(`warming ${variant}\n`);
    const server = servers.get(variant) as ServerProcess;
    await primePaths({ baseUrl: server.url, paths, headers, connections });
    await runLoad({ baseUrl: server.url, paths, headers, connections, seconds: 2 });
  }
  const samples = new Map<Variant, Sample[]>(order.map((variant) => [variant, []]));
  for (let round = 0; round < rounds; round++) {
    for (const variant of order) {
      process.stderr.write(`round ${round + 1}/${rounds}: ${variant}\n`);
      samples.get(variant)?.push(await measure(servers.get(variant) as ServerProcess, paths, headers));
    }
  }
  return samples;
}

/** Each variant in a process of its own per round, `count` requests through app.inject() after as many warm. */
function injectRounds(bodyFile: string, headers: Record<string, string>, count: number) {
  const samples = new Map<Variant, Sample[]>(STAGE_VARIANTS.map((variant) => [variant, []]));
  for (let round = 0; round < rounds; round++) {
    for (const variant of STAGE_VARIANTS) {
      process.stderr.write(`round ${round + 1}/${rounds}: ${variant} (inject)\n`);
      const run = spawnSync(process.execPath, [STAGE_SERVER, variant, db, bodyFile, '--inject'], {
        env: {
          ...process.env,
          STAGE_USERS: String(Math.min(users, paths.length)),
          STAGE_REQUESTS: String(count),
          STAGE_HEADERS: JSON.stringify(headers),
        },
        encoding: 'utf8',
        maxBuffer: 1 << 30,
      });
      const result = /\{"userUs":[^}]*\}/.exec(run.stdout)?.[0];
      if (run.status !== 0 || !result) throw new Error(`${variant}: ${run.stderr}`);
      const { userUs, systemUs } = JSON.parse(result) as { userUs: number; systemUs: number };
      samples.get(variant)?.push({ rps: 0, cpuUs: userUs + systemUs, userUs, systemUs });
    }
  }
  return samples;
}

function render(order: Variant[], samples: Map<Variant, Sample[]>): string {
  const of = (variant: Variant, field: keyof Sample) =>
    median((samples.get(variant) ?? []).map((sample) => sample[field]));
  const us = (value: number) => value.toFixed(1);
  const http = samples.has('ceiling');
  const how = http
    ? `${connections} connections, ${seconds} s per run; CPU of the server process only (the load generator shares the machine)`
    : `${options.inject} sequential app.inject() requests per run (no sockets: no HTTP parse or send), after as many to warm; CPU of the process`;
  const lines = [
    `users.info?username= (admin caller, random users of ${users.toLocaleString('en')}, SQLite), ${how}, ` +
      `${rounds} interleaved rounds, medians. A stage is the difference between its variant and the one above.`,
    '',
    '| variant adds | req/s | CPU µs/request (user + sys) | stage µs |',
    '|---|---|---|---|',
  ];
  let previous = 0;
  for (const variant of order) {
    const cpu = of(variant, 'cpuUs');
    const stage = variant === 'roster' ? cpu - of('log', 'cpuUs') : cpu - previous;
    lines.push(
      `| ${ADDS[variant]} | ${http ? Math.round(of(variant, 'rps')) : '—'} | ${us(cpu)} (${us(of(variant, 'userUs'))} + ` +
        `${us(of(variant, 'systemUs'))}) | ${variant === 'roster' ? `(${us(stage)})` : us(stage)} |`,
    );
    if (variant !== 'roster') previous = cpu;
  }
  const stage = (variant: StageVariant) => {
    const index = order.indexOf(variant);
    return of(variant, 'cpuUs') - of(order[index - 1] as Variant, 'cpuUs');
  };
  const ceiling = of('ceiling', 'cpuUs');
  const fastify = of('fastify', 'cpuUs');
  const full = of('log', 'cpuUs');
  const row = (name: string, c: string, f: string, r: number) => `| ${name} | ${c} | ${f} | ${us(r)} |`;
  lines.push(
    '',
    '| stage (CPU µs per request) | ceiling | bare Fastify | Roster |',
    '|---|---|---|---|',
    http
      ? row('HTTP parse + send (node:http)', us(ceiling), us(ceiling), ceiling)
      : '| HTTP parse + send (node:http) | not measured (inject) | — | — |',
    row(
      http ? 'framework (Fastify)' : 'framework (Fastify) + inject()',
      '—',
      us(fastify - ceiling),
      fastify - ceiling,
    ),
    row('parse (qs, validation, envelope)', '—', '—', stage('parse')),
    row('authenticate', '—', '—', stage('authenticate')),
    row('rate limit', '—', '—', stage('rate-limit')),
    row('lookup', '—', '—', stage('lookup')),
    row('visibility', '—', '—', stage('visibility')),
    row('serialise (+ ETag)', '—', '—', stage('serialise')),
    row('audit', '—', '—', stage('audit')),
    row('rest of the app (other routes, hooks)', '—', '—', stage('app')),
    row('metrics', '—', '—', stage('metrics')),
    row('log', '—', '—', stage('log')),
    `| **total** | **${http ? us(ceiling) : '—'}** | **${us(fastify)}** | **${us(full)}** |`,
    '',
    http ? `\`roster serve\` measured ${us(of('roster', 'cpuUs'))} µs in the same rounds.` : '',
    '',
  );
  return lines.join('\n');
}
