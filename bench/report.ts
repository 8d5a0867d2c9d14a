// Formats benchmark figures as the Markdown tables of BENCHMARKS.md, with the budget lines checked.
import { SAMPLE } from './cases.js';
export interface CaseFigures {
  name: string;
  bytes: number;
  rps: number;
  ceilingRps: number;
  ratio: number;
  /** Requests/s of the pass that asked for every path once before the rounds (each a first lookup). */
  firstPassRps?: number;
  p50: number;
  p99: number;
  /** A minimal Fastify route answering the same body, as a ratio to the same rounds' ceiling (first case only). */
  fastifyFloorRatio?: number;
}

export interface ScaleReport {
  store: string;
  users: number;
  readySeconds: number;
  seedSeconds: number | null;
  peakRssMb: number;
  figures: CaseFigures[];
  loginsPerSecond: number;
  duringLogins: number;
}

interface ReportInput {
  machine: string;
  command: string;
  connections: number;
  seconds: number;
  rounds: number;
  reports: ScaleReport[];
}

const fixed = (value: number, digits = 2) => value.toFixed(digits);

function scaleTable(report: ScaleReport): string {
  const rows = report.figures.map(
    (f) =>
      `| ${f.name} | ${f.bytes} | ${Math.round(f.rps)} | ${Math.round(f.ceilingRps)} | **${fixed(f.ratio)}** | ${f.p50} | ${f.p99} | ${f.firstPassRps === undefined ? '—' : Math.round(f.firstPassRps)} |`,
  );
  return [
    `### ${report.store}, ${report.users.toLocaleString('en')} users`,
    '',
    `Ready in ${fixed(report.readySeconds)} s; peak server RSS ${report.peakRssMb} MB; logins ${Math.round(report.loginsPerSecond)}/s ` +
      `(${fixed(report.loginsPerSecond / 2, 1)}/s per core); users.info while logins run: ${fixed(report.duringLogins)} of alone.`,
    '',
    '| case | body bytes | Roster req/s | ceiling req/s | ratio | p50 ms | p99 ms | first pass req/s |',
    '|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
    `First pass: each of the case's ${SAMPLE.toLocaleString('en')} paths (distinct users) requested once before ` +
      "the rounds, as many at a time as the rounds' connections, through `fetch` (whose client may be the limit). " +
      'Mostly first lookups, so user-cache misses; an earlier case of the same size may have looked a few of the ' +
      'users up already.',
    '',
    ...report.figures
      .filter((f) => f.fastifyFloorRatio !== undefined)
      .map(
        (f) =>
          `Reference (${f.name}): a minimal Fastify route answering the same body reaches **${fixed(f.fastifyFloorRatio ?? 0)}** of the ceiling.\n`,
      ),
  ].join('\n');
}

/** The size issue 20's budget names for its ratio, p99 and PostgreSQL lines. */
const BUDGET_USERS = 100_000;

/**
 * Issue 20's budget. Ratio, p99 and PostgreSQL lines at 100,000 users (else the largest SQLite size measured);
 * the scale line compares 1,000,000 with 10,000 users (else the largest with the smallest); RSS at the largest.
 */
function budget(reports: ScaleReport[]): string {
  const find = (store: string, users: number) => reports.find((r) => r.store === store && r.users === users);
  const sqliteSizes = reports.filter((r) => r.store === 'sqlite').map((r) => r.users);
  if (sqliteSizes.length === 0) return '';
  const biggest = Math.max(...sqliteSizes);
  const smallest = Math.min(...sqliteSizes);
  const at = sqliteSizes.includes(BUDGET_USERS) ? BUDGET_USERS : biggest;
  const large = sqliteSizes.includes(1_000_000) ? 1_000_000 : biggest;
  const small = sqliteSizes.includes(10_000) ? 10_000 : smallest;
  const sqliteAt = find('sqlite', at);
  // PostgreSQL against SQLite at the same size: the budget's size if both have it, else the largest both have.
  const shared = reports
    .filter((r) => r.store === 'postgres' && find('sqlite', r.users))
    .map((r) => r.users)
    .sort((a, b) => (a === at ? -1 : b === at ? 1 : b - a))[0];
  const line = (what: string, value: number | undefined, target: string, ok: (v: number) => boolean) =>
    value === undefined
      ? `| ${what} | not measured | ${target} | — |`
      : `| ${what} | ${fixed(value)} | ${target} | ${ok(value) ? 'met' : '**not met**'} |`;
  // Runs at different times meet different machine noise: compare each run's ratio to its own ceiling.
  const ratio = (report: ScaleReport | undefined) => report?.figures[0]?.ratio;
  const n = (users: number) => users.toLocaleString('en');
  return [
    `### Budget (issue 20; SQLite at ${n(at)} users unless the line says otherwise)`,
    '',
    '| line | measured | target | |',
    '|---|---|---|---|',
    line('users.info by username / ceiling', sqliteAt?.figures[0]?.ratio, '≥ 0.60', (v) => v >= 0.6),
    line('users.info with 10 rooms / ceiling', sqliteAt?.figures[1]?.ratio, '≥ 0.50', (v) => v >= 0.5),
    line(
      `${n(large)} vs ${n(small)} users (ratio of ratios, by username)`,
      large === small ? undefined : (ratio(find('sqlite', large)) ?? 0) / (ratio(find('sqlite', small)) ?? 1),
      '≥ 0.95',
      (v) => v >= 0.95,
    ),
    line(
      `PostgreSQL / SQLite (ratio of ratios, by username${shared ? `, ${n(shared)} users` : ''})`,
      shared ? (ratio(find('postgres', shared)) ?? 0) / (ratio(find('sqlite', shared)) ?? 1) : undefined,
      '≥ 0.80',
      (v) => v >= 0.8,
    ),
    line(
      'p99 latency users.info by username at 50 connections, ms',
      sqliteAt?.figures[0]?.p99,
      '≤ 5',
      (v) => v <= 5,
    ),
    line(
      `server peak RSS at ${n(biggest)} users, MB`,
      find('sqlite', biggest)?.peakRssMb,
      '≤ 300',
      (v) => v <= 300,
    ),
    line(
      'users.info while logins run / alone (earlier budget)',
      sqliteAt?.duringLogins,
      '≥ 0.70',
      (v) => v >= 0.7,
    ),
    line('serve ready, s (earlier budget)', find('sqlite', biggest)?.readySeconds, '≤ 1', (v) => v <= 1),
    '',
  ].join('\n');
}

export function formatReport(input: ReportInput): string {
  return [
    `Machine: ${input.machine}. Command: \`${input.command}\`. ${input.connections} connections, ${input.seconds} s per run, ` +
      `${input.rounds} interleaved rounds (ceiling, then Roster), medians. Load generator: autocannon, same machine, 127.0.0.1.`,
    '',
    ...input.reports.map(scaleTable),
    budget(input.reports),
  ].join('\n');
}
