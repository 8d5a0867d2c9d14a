// Roster's extensions measured (BENCHMARKS.md "Conditional and batch lookups"): a batch of 100 against 100
// single users.info calls, and a 304 against a 200. In-process Roster on SQLite, loopback, bounded runs.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { issueLoginToken } from '../src/core/auth/login-tokens.js';
import { closeContext, createContext } from '../src/core/context.js';
import { bootstrap } from '../src/core/setup/bootstrap.js';
import { newUserDocument } from '../src/core/users/user-document.js';
import { buildApp } from '../src/http/app.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { runLoad } from './load.js';

const USERS = 1000;
const SECONDS = Number(process.env.LOOKUP_BENCH_SECONDS ?? 5);
const CONNECTIONS = 10;
const silent = { debug() {}, info() {}, warn() {}, error() {} };

const dir = mkdtempSync(join(tmpdir(), 'roster-lookup-bench-'));
const store = SqliteStore.open(join(dir, 'roster.db'));
const initial = await bootstrap(store, {
  username: 'admin',
  email: 'admin@example.com',
  password: 'bench-pw',
});
if (!initial.created) throw new Error('bench database was not empty');
const { userId } = initial;
await store.settings.save({ _id: 'API_Enable_Rate_Limiter', type: 'boolean', value: false });
for (let i = 1; i <= USERS; i++) {
  await store.users.insert(
    newUserDocument(
      {
        username: `user${i}`,
        email: `user${i}@example.com`,
        name: `User ${i}`,
        roles: ['user'],
        verified: true,
      },
      new Date(),
    ),
  );
}
const { rawToken, stored } = issueLoginToken(userId, new Date());
await store.tokens.insert(stored);
const headers = { 'x-user-id': userId, 'x-auth-token': rawToken };
const context = createContext({ store, log: silent, version: 'bench' });
const app = await buildApp({ context, logger: false });
const baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });

const hundred = Array.from({ length: 100 }, (_, i) => `user${1 + ((i * 7) % USERS)}`);
const singles = hundred.map((name) => `/api/v1/users.info?username=${name}`);
const batchBody = JSON.stringify({ users: hundred.map((username) => ({ username })) });
const tagOf = async (path: string) =>
  (await fetch(`${baseUrl}${path}`, { headers })).headers.get('etag') as string;

const load = { baseUrl, connections: CONNECTIONS, seconds: SECONDS };
// Warm-up: every user's body cached, as in steady state.
await runLoad({ ...load, seconds: 1, paths: singles, headers });
const single = await runLoad({ ...load, paths: singles, headers });
const batch = await runLoad({
  ...load,
  method: 'POST',
  paths: ['/api/v1/roster.users.lookup'],
  body: batchBody,
  headers,
});
const one = '/api/v1/users.info?username=user1';
const ok = await runLoad({ ...load, paths: [one], headers });
const notModified = await runLoad({
  ...load,
  paths: [one],
  headers: { ...headers, 'if-none-match': await tagOf(one) },
});

const row = (name: string, r: Awaited<ReturnType<typeof runLoad>>, usersPerRequest: number) =>
  `| ${name} | ${Math.round(r.rps)} | ${Math.round(r.rps * usersPerRequest)} | ${r.p50} | ${r.p99} | ${r.non2xx} |`;
console.log(`${USERS} users, SQLite, ${CONNECTIONS} connections, ${SECONDS} s per run, admin caller\n`);
console.log('| case | requests/s | users/s | p50 ms | p99 ms | non-2xx |');
console.log('|---|---|---|---|---|---|');
console.log(row('100 × users.info (one user each)', single, 1));
console.log(row('roster.users.lookup, 100 keys', batch, 100));
console.log(row('users.info 200', ok, 1));
console.log(row('users.info 304 (If-None-Match)', notModified, 1));

await app.close();
await closeContext(context);
await store.close();
rmSync(dir, { recursive: true, force: true });
