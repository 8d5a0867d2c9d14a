// Formats benchmark figures as the Markdown tables of BENCHMARKS.md, with the budget lines checked.
export interface CaseFigures {
  name: string;
  bytes: number;
  rps: number;
  ceilingRps: number;
  ratio: number;
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
      `| ${f.name} | ${f.bytes} | ${Math.round(f.rps)} | ${Math.round(f.ceilingRps)} | **${fixed(f.ratio)}** | ${f.p50} | ${f.p99} |`,
  );
  return [
    `### ${report.store}, ${report.users.toLocaleString('en')} users`,
    '',
    `Ready in ${fixed(report.readySeconds)} s; peak server RSS ${report.peakRssMb} MB; logins ${Math.round(report.loginsPerSecond)}/s ` +
      `(${fixed(report.loginsPerSecond / 2, 1)}/s per core); users.info while logins run: ${fixed(report.duringLogins)} of alone.`,
    '',
    '| case | body bytes | Roster req/s | ceiling req/s | ratio | p50 ms | p99 ms |',
    '|---|---|---|---|---|---|---|',
    ...rows,
    '',
    ...report.figures
      .filter((f) => f.fastifyFloorRatio !== undefined)
      .map(
        (f) =>
          `Reference (${f.name}): a minimal Fastify route answering the same body reaches **${fixed(f.fastifyFloorRatio ?? 0)}** of the ceiling.\n`,
      ),
  ].join('\n');
}

function budget(reports: ScaleReport[]): string {
  const find = (store: string, users: number) => reports.find((r) => r.store === store && r.users === users);
  const biggest = Math.max(...reports.map((r) => r.users));
  const smallest = Math.min(...reports.map((r) => r.users));
  const sqliteBig = find('sqlite', biggest);
  const sqliteSmall = find('sqlite', smallest);
  const pgBig = find('postgres', biggest);
  const line = (what: string, value: number | undefined, target: string, ok: (v: number) => boolean) =>
    value === undefined
      ? `| ${what} | not measured | ${target} | — |`
      : `| ${what} | ${fixed(value)} | ${target} | ${ok(value) ? 'met' : '**not met**'} |`;
  // Runs at different times meet different machine noise: compare each run's ratio to its own ceiling.
  const ratio = (report: ScaleReport | undefined) => report?.figures[0]?.ratio;
  return [
    `### Budget (${biggest.toLocaleString('en')} users)`,
    '',
    '| line | measured | target | |',
    '|---|---|---|---|',
    line('users.info by username / ceiling, SQLite', sqliteBig?.figures[0]?.ratio, '≥ 0.50', (v) => v >= 0.5),
    line(
      'users.info with 10 rooms / ceiling, SQLite',
      sqliteBig?.figures[1]?.ratio,
      '≥ 0.40',
      (v) => v >= 0.4,
    ),
    line('p99 latency users.info, ms', sqliteBig?.figures[0]?.p99, '≤ 5', (v) => v <= 5),
    line(
      `${biggest} vs ${smallest} users throughput`,
      biggest === smallest ? undefined : (ratio(sqliteBig) ?? 0) / (ratio(sqliteSmall) ?? 1),
      '≥ 0.90',
      (v) => v >= 0.9,
    ),
    line(
      'PostgreSQL / SQLite users.info',
      pgBig ? (ratio(pgBig) ?? 0) / (ratio(sqliteBig) ?? 1) : undefined,
      '≥ 0.60',
      (v) => v >= 0.6,
    ),
    line('users.info while logins run / alone', sqliteBig?.duringLogins, '≥ 0.70', (v) => v >= 0.7),
    line('server peak RSS, MB', sqliteBig?.peakRssMb, '≤ 300', (v) => v <= 300),
    line('serve ready, s', sqliteBig?.readySeconds, '≤ 1', (v) => v <= 1),
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
