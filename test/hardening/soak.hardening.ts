// Soak: a real `roster serve` at about half its measured capacity for ROSTER_SOAK_SECONDS (default 300) under
// a mixed workload: zero errors, RSS growth under 10 % after warm-up, no growth in open handles.
import assert from 'node:assert/strict';
import { Agent } from 'node:http';
import { after, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { makeTempDir } from '../helpers/temp-dir.js';
import { call, openHandles, rssBytes, startSession, stopServer, type Session } from './child-server.js';
import { Rng } from './fuzz-values.js';
import { nextOperation, type SoakUser, type Workload } from './soak-workload.js';

const SECONDS = Number(process.env.ROSTER_SOAK_SECONDS ?? 300);
const CAPACITY_SECONDS = Number(process.env.ROSTER_SOAK_CAPACITY_SECONDS ?? 10);
const USERS = 40;
const MAX_IN_FLIGHT = 256;

interface Sample {
  at: number;
  rss: number;
  /** Server descriptors minus the client connections currently open: the server's own handles. */
  handles: number;
}

function clientSockets(agent: Agent): number {
  const count = (pool: NodeJS.ReadOnlyDict<unknown[]>) =>
    Object.values(pool).reduce((sum, list) => sum + (list?.length ?? 0), 0);
  return count(agent.sockets) + count(agent.freeSockets);
}

async function prepare(session: Session, agent: Agent): Promise<Workload> {
  const baseUrl = session.server.baseUrl;
  const users: SoakUser[] = [];
  for (let i = 0; i < USERS; i += 1) {
    const username = `soak${i}`;
    const password = `soak-password-${i}`;
    const created = await call(baseUrl, 'POST', '/api/v1/users.create', {
      headers: session.headers,
      body: { username, password, email: `${username}@example.com`, name: `Soak ${i}`, verified: true },
    });
    assert.equal(created.status, 200, created.body);
    const login = await call(baseUrl, 'POST', '/api/v1/login', { body: { user: username, password } });
    const { userId, authToken } = login.json().data as { userId: string; authToken: string };
    users.push({ userId, username, password, headers: { 'x-user-id': userId, 'x-auth-token': authToken } });
  }
  return {
    baseUrl,
    agent,
    admin: session.headers,
    users,
    rng: new Rng(424242),
    loggedIn: [],
    rooms: [],
    serial: 0,
  };
}

describe('soak under a mixed workload', () => {
  const dir = makeTempDir();
  after(() => dir.remove());

  it(
    `serves ${SECONDS} s at half capacity with no error, bounded RSS and flat handles`,
    { timeout: (SECONDS + 300) * 1000 },
    async () => {
      const session = await startSession(dir.path);
      const pid = session.server.child.pid as number;
      const agent = new Agent({ keepAlive: true, maxSockets: 64 });
      const w = await prepare(session, agent);
      const errors: string[] = [];
      let done = 0;
      const record = ({ name, reply }: Awaited<ReturnType<typeof nextOperation>>) => {
        done += 1;
        if (reply.status !== 200 && errors.length < 20)
          errors.push(`${name}: ${reply.status} ${reply.body.slice(0, 160)}`);
      };
      const fail = (error: Error) => {
        done += 1;
        if (errors.length < 20) errors.push(`no answer: ${error.message}`);
      };

      // Capacity: a closed loop of 32 clients for CAPACITY_SECONDS.
      const capacityEnd = Date.now() + CAPACITY_SECONDS * 1000;
      const capacityStart = Date.now();
      await Promise.all(
        Array.from({ length: 32 }, async () => {
          while (Date.now() < capacityEnd) await nextOperation(w).then(record, fail);
        }),
      );
      const capacity = done / ((Date.now() - capacityStart) / 1000);
      const target = capacity / 2;
      const capacityRequests = done;

      // Soak: an open loop at `target` requests per second, bounded in flight.
      const samples: Sample[] = [];
      let inFlight = 0;
      let behind = 0;
      let sent = 0;
      const started = Date.now();
      const end = started + SECONDS * 1000;
      let nextSample = started;
      while (Date.now() < end) {
        const due = Math.floor(((Date.now() - started) / 1000) * target) - sent;
        for (let i = 0; i < due; i += 1) {
          sent += 1;
          if (inFlight >= MAX_IN_FLIGHT) {
            behind += 1;
            continue;
          }
          inFlight += 1;
          void nextOperation(w)
            .then(record, fail)
            .finally(() => (inFlight -= 1));
        }
        if (Date.now() >= nextSample) {
          samples.push({
            at: (Date.now() - started) / 1000,
            rss: rssBytes(pid),
            handles: openHandles(pid) - clientSockets(agent),
          });
          nextSample += 5_000;
        }
        await sleep(20);
      }
      while (inFlight > 0) await sleep(20);
      samples.push({
        at: (Date.now() - started) / 1000,
        rss: rssBytes(pid),
        handles: openHandles(pid) - clientSockets(agent),
      });
      agent.destroy();
      await stopServer(session.server);

      const warm = samples.filter((sample) => sample.at >= Math.max(10, SECONDS * 0.2));
      const baseline = warm.slice(0, 3);
      const last = warm.slice(-3);
      const mean = (list: Sample[], key: 'rss' | 'handles') =>
        list.reduce((sum, sample) => sum + sample[key], 0) / list.length;
      const drift = mean(last, 'rss') / mean(baseline, 'rss') - 1;
      const handlesBefore = Math.max(...baseline.map((sample) => sample.handles));
      const handlesAfter = Math.max(...last.map((sample) => sample.handles));
      process.stdout.write(
        [
          `soak: capacity ${capacity.toFixed(0)} req/s (${capacityRequests} requests, 32 clients, ${CAPACITY_SECONDS} s); target ${target.toFixed(0)} req/s`,
          `  ${SECONDS} s: ${done - capacityRequests} requests (${behind} not sent: ${MAX_IN_FLIGHT} in flight), ${errors.length} errors`,
          `  RSS after warm-up ${(mean(baseline, 'rss') / 2 ** 20).toFixed(1)} MiB → end ${(mean(last, 'rss') / 2 ** 20).toFixed(1)} MiB: drift ${(drift * 100).toFixed(2)} %`,
          `  server handles after warm-up ${handlesBefore} → end ${handlesAfter}`,
          ...errors.map((error) => `    ${error}`),
        ].join('\n') + '\n',
      );
      assert.deepEqual(errors, []);
      assert.equal(behind, 0);
      assert.ok(warm.length >= 4, 'the soak is too short to measure drift after warm-up');
      assert.ok(drift < 0.1, `RSS grew ${(drift * 100).toFixed(1)} % after warm-up`);
      assert.ok(handlesAfter <= handlesBefore, `open handles grew from ${handlesBefore} to ${handlesAfter}`);
    },
  );
});
