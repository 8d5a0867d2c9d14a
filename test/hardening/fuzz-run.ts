// The fuzz loop: batches of generated cases against a live server, fresh identities between batches, a tally.
import { ENDPOINTS } from './fuzz-endpoints.js';
import { checkAnswer } from './fuzz-check.js';
import { keepAliveAgent, sendHttp, sendRaw, type Answer } from './fuzz-client.js';
import { generateCase, type FuzzCase, type FuzzState } from './fuzz-requests.js';
import { startLiveApp, type LiveApp } from './live-app.js';
import type { StoreFactory } from '../helpers/test-stores.js';

export interface FuzzOptions {
  requests: number;
  seed: number;
  concurrency?: number;
  batch?: number;
}

export interface FuzzReport {
  requests: number;
  seed: number;
  rawCases: number;
  clientRefused: number;
  byStatus: Record<string, number>;
  byLabel: Record<string, number>;
  findings: string[];
  errorLogLines: string[];
  aliveAfter: boolean;
  seconds: number;
}

async function freshState(live: LiveApp, epoch: number, previous?: FuzzState): Promise<FuzzState> {
  const { t } = live;
  // Undo what fuzzed admin calls did to permissions and settings, so later batches still reach deep code.
  await live.t.store.permissions.saveMany(INITIAL.permissions);
  for (const setting of INITIAL.settings) await t.store.settings.save(setting);
  const admin = await t.createUser({
    username: `fzadmin${epoch}`,
    roles: ['admin'],
    password: 'admin-test-password',
  });
  const user = await t.createUser({ username: `fzuser${epoch}`, password: 'admin-test-password' });
  const channel = await t.post(
    '/api/v1/channels.create',
    { name: `fzc${epoch}`, members: [`fzuser${epoch}`] },
    admin,
  );
  const group = await t.post('/api/v1/groups.create', { name: `fzg${epoch}` }, admin);
  const pools = previous?.pools ?? {
    userIds: [],
    usernames: ['admin'],
    emails: ['admin@example.com'],
    roomIds: [],
    roomNames: [],
    tokens: [],
  };
  pools.userIds.push(admin.userId, user.userId);
  pools.usernames.push(`fzadmin${epoch}`, `fzuser${epoch}`);
  pools.emails.push(`fzuser${epoch}@example.com`);
  pools.tokens.push(user.token);
  for (const [response, key] of [
    [channel, 'channel'],
    [group, 'group'],
  ] as const) {
    const room = response.statusCode === 200 ? (response.json()[key] as { _id: string; name: string }) : null;
    if (room) {
      pools.roomIds.push(room._id);
      pools.roomNames.push(room.name);
    }
  }
  for (const pool of Object.values(pools)) if (pool.length > 40) pool.splice(0, pool.length - 40);
  return {
    pools,
    admin: { userId: admin.userId, token: admin.token },
    user: { userId: user.userId, token: user.token },
  };
}

const INITIAL: {
  permissions: Awaited<ReturnType<LiveApp['t']['store']['permissions']['list']>>;
  settings: Awaited<ReturnType<LiveApp['t']['store']['settings']['list']>>;
} = {
  permissions: [],
  settings: [],
};

function requestText(fuzz: FuzzCase): string {
  if (fuzz.kind === 'raw') return fuzz.bytes.toString('latin1');
  return `${fuzz.method} ${fuzz.path} ${JSON.stringify(fuzz.headers)} ${fuzz.body?.subarray(0, 200_000).toString('latin1') ?? ''}`;
}

export async function runFuzz(factory: StoreFactory, options: FuzzOptions): Promise<FuzzReport> {
  const started = Date.now();
  const live = await startLiveApp(factory, { rateLimiter: false });
  INITIAL.permissions = await live.t.store.permissions.list();
  INITIAL.settings = await live.t.store.settings.list();
  const agent = keepAliveAgent();
  const report: FuzzReport = {
    requests: 0,
    seed: options.seed,
    rawCases: 0,
    clientRefused: 0,
    byStatus: {},
    byLabel: {},
    findings: [],
    errorLogLines: [],
    aliveAfter: false,
    seconds: 0,
  };
  const batch = options.batch ?? 5000;
  const concurrency = options.concurrency ?? 64;
  let state: FuzzState | undefined;
  try {
    for (let start = 0, epoch = 0; start < options.requests; start += batch, epoch += 1) {
      state = await freshState(live, epoch, state);
      const end = Math.min(start + batch, options.requests);
      let next = start;
      const current = state;
      const worker = async (): Promise<void> => {
        while (next < end) {
          const index = next++;
          const fuzz = generateCase(options.seed, index, current);
          const answer: Answer =
            fuzz.kind === 'raw' ? await sendRaw(live.port, fuzz) : await sendHttp(agent, live.port, fuzz);
          tally(report, fuzz, index, answer);
        }
      };
      await Promise.all(Array.from({ length: concurrency }, worker));
    }
    const alive = await sendHttp(agent, live.port, {
      kind: 'http',
      label: 'alive',
      method: 'GET',
      path: '/livez',
      headers: {},
    });
    report.aliveAfter = alive.status === 200;
  } finally {
    agent.destroy();
    report.errorLogLines = live
      .logLines()
      .filter((line) => (JSON.parse(line) as { level?: number }).level! >= 50)
      .slice(0, 20);
    await live.close();
  }
  report.seconds = (Date.now() - started) / 1000;
  return report;
}

function tally(report: FuzzReport, fuzz: FuzzCase, index: number, answer: Answer): void {
  report.requests += 1;
  if (fuzz.kind === 'raw') report.rawCases += 1;
  const labelKey = fuzz.label.split(' ').slice(0, 2).join(' ');
  report.byLabel[labelKey] = (report.byLabel[labelKey] ?? 0) + 1;
  if (answer.clientRefused) {
    report.clientRefused += 1;
    return;
  }
  report.byStatus[String(answer.status)] = (report.byStatus[String(answer.status)] ?? 0) + 1;
  let problem: string | null;
  if (answer.status === 0) {
    problem = fuzz.kind === 'raw' && fuzz.mayDrop ? null : `no answer (${answer.failure ?? '?'})`;
  } else {
    problem = checkAnswer({
      method: fuzz.kind === 'raw' ? 'RAW' : fuzz.method,
      path: fuzz.kind === 'raw' ? '' : fuzz.path,
      status: answer.status,
      contentType: answer.contentType,
      body: answer.body,
      requestText: requestText(fuzz),
    });
  }
  if (problem && report.findings.length < 50) {
    const where =
      fuzz.kind === 'raw' ? fuzz.label : `${fuzz.method} ${fuzz.path.slice(0, 160)} [${fuzz.label}]`;
    report.findings.push(`#${index} ${where}: ${problem}`);
  }
}

export function printReport(report: FuzzReport): void {
  const lines = [
    `fuzz: ${report.requests} requests (seed ${report.seed}, ${report.rawCases} raw-socket cases, ${report.clientRefused} refused by the client) over ${ENDPOINTS.length} endpoints in ${report.seconds.toFixed(1)} s`,
    `  statuses: ${JSON.stringify(report.byStatus)}`,
    `  findings: ${report.findings.length}`,
    ...report.findings.slice(0, 30).map((finding) => `    ${finding}`),
    `  error log lines: ${report.errorLogLines.length}`,
    ...report.errorLogLines.slice(0, 5).map((line) => `    ${line.slice(0, 300)}`),
    `  server alive after: ${report.aliveAfter}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}
