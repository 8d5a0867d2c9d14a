// Issue 7's acceptance: two real `roster serve` processes on one database and one Redis behave as one server:
// writes through A are seen through B within 1 second, and the rate limit counts the calls made to both.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { startServer, type ServerProcess } from '../helpers/cli-process.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { freshRedisPrefix, TEST_REDIS_URL, type TestRedis } from '../helpers/test-redis.js';
import { freshPgSchema, testStores } from '../helpers/test-stores.js';

const ADMIN_PASSWORD = 'two-instances-admin';
/** compat.md's bound for another instance's write to take effect. */
const STALENESS_MS = 1_000;

interface Caller {
  'x-user-id': string;
  'x-auth-token': string;
}

async function call(
  server: ServerProcess,
  path: string,
  as?: Caller,
  body?: unknown,
): Promise<{ status: number; headers: Headers; json: Record<string, unknown> }> {
  const response = await fetch(`${server.baseUrl}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { ...as, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, headers: response.headers, json: (await response.json()) as never };
}

async function login(server: ServerProcess, user: string, password: string): Promise<Caller> {
  const { status, json } = await call(server, '/api/v1/login', undefined, { user, password });
  assert.equal(status, 200, JSON.stringify(json));
  const data = json.data as { userId: string; authToken: string };
  return { 'x-user-id': data.userId, 'x-auth-token': data.authToken };
}

/** Polls until `check` holds; fails if it still does not STALENESS_MS after the write. */
async function withinOneSecond(what: string, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + STALENESS_MS;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) assert.fail(`${what}: not seen through B within ${STALENESS_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

interface Deployment {
  env: Record<string, string>;
  dispose(): Promise<void>;
}

async function postgresDeployment(): Promise<Deployment> {
  const schema = await freshPgSchema();
  return { env: { ROSTER_STORE: 'postgres', ROSTER_PG_URL: schema.url }, dispose: () => schema.drop() };
}

async function sqliteDeployment(): Promise<Deployment> {
  const dir = makeTempDir();
  return {
    env: { ROSTER_STORE: 'sqlite', ROSTER_DB: join(dir.path, 'roster.db') },
    dispose: async () => dir.remove(),
  };
}

const DEPLOYMENTS: Record<string, () => Promise<Deployment>> = {
  postgres: postgresDeployment,
  sqlite: sqliteDeployment,
};

for (const [name] of testStores()) {
  const deploy = DEPLOYMENTS[name];
  if (!deploy) continue;
  describe(`two roster serve processes sharing one database and one Redis (${name})`, () => {
    let deployment: Deployment;
    let redis: TestRedis;
    const servers: ServerProcess[] = [];
    beforeEach(async () => {
      deployment = await deploy();
      redis = await freshRedisPrefix();
    });
    afterEach(async () => {
      for (const server of servers.splice(0)) {
        if (server.child.exitCode === null) {
          server.child.kill('SIGTERM');
          await server.exited;
        }
      }
      await redis.dispose();
      await deployment.dispose();
    });

    async function start(): Promise<ServerProcess> {
      const server = await startServer([], {
        ...deployment.env,
        ROSTER_ADMIN_PASSWORD: ADMIN_PASSWORD,
        ROSTER_REDIS_URL: TEST_REDIS_URL,
        ROSTER_REDIS_PREFIX: redis.prefix,
      });
      servers.push(server);
      return server;
    }

    it('shows A’s writes through B within 1 s and limits calls counted on both together', async () => {
      const a = await start();
      const b = await start();
      const admin = await login(a, 'admin', ADMIN_PASSWORD);

      // A user created through A is visible through B.
      const created = await call(a, '/api/v1/users.create', admin, {
        username: 'alice',
        email: 'alice@example.com',
        name: 'Alice',
        password: 'alice-password',
      });
      assert.equal(created.status, 200, JSON.stringify(created.json));
      const aliceId = (created.json.user as { _id: string })._id;
      await withinOneSecond('the new user', async () => {
        const info = await call(b, `/api/v1/users.info?userId=${aliceId}`, admin);
        return info.status === 200 && (info.json.user as { username: string }).username === 'alice';
      });

      // A token revoked through A (logout) is refused by B.
      const bob = await call(a, '/api/v1/users.create', admin, {
        username: 'bob',
        email: 'bob@example.com',
        name: 'Bob',
        password: 'bob-password',
      });
      assert.equal(bob.status, 200, JSON.stringify(bob.json));
      const bobCaller = await login(a, 'bob', 'bob-password');
      // Not /api/v1/me: the limiter counts per IP and route, whoever calls, and /me is counted below.
      const bobInfo = '/api/v1/users.info?username=bob';
      assert.equal((await call(b, bobInfo, bobCaller)).status, 200);
      assert.equal((await call(a, '/api/v1/logout', bobCaller, {})).status, 200);
      // B may serve the token from its session cache until it hears of the logout: poll a route that nothing
      // below counts, so the calls B still answers cannot use up the limits checked at the end.
      await withinOneSecond(
        'the logout',
        async () => (await call(b, '/api/v1/users.getPersonalAccessTokens', bobCaller)).status === 401,
      );

      // A permission withdrawn through A: the admin no longer sees alice's emails through B.
      const full = await call(b, `/api/v1/users.info?userId=${aliceId}`, admin);
      assert.ok(full.json.user && 'emails' in (full.json.user as object), 'the full view first');
      const listed = await call(a, '/api/v1/permissions.listAll', admin);
      const viewFull = (listed.json.update as Array<{ _id: string; roles: string[] }>).find(
        (permission) => permission._id === 'view-full-other-user-info',
      );
      assert.ok(viewFull && viewFull.roles.includes('admin'));
      const withdrawn = await call(a, '/api/v1/permissions.update', admin, {
        permissions: [{ _id: viewFull._id, roles: viewFull.roles.filter((role) => role !== 'admin') }],
      });
      assert.equal(withdrawn.status, 200, JSON.stringify(withdrawn.json));
      await withinOneSecond('the withdrawn permission', async () => {
        const info = await call(b, `/api/v1/users.info?userId=${aliceId}`, admin);
        return info.status === 200 && !('emails' in (info.json.user as object));
      });

      // A setting changed through A: B applies the lower limit.
      const alice = await login(b, 'alice', 'alice-password');
      const limited = await call(b, '/api/v1/users.info?username=admin', alice);
      assert.equal(limited.headers.get('x-ratelimit-limit'), '10', 'the default limit first');
      const changed = await call(a, '/api/v1/settings/API_Enable_Rate_Limiter_Limit_Calls_Default', admin, {
        value: 4,
      });
      assert.equal(changed.status, 200, JSON.stringify(changed.json));
      await withinOneSecond('the lowered limit', async () => {
        const info = await call(b, '/api/v1/users.info?username=admin', alice);
        return info.headers.get('x-ratelimit-limit') === '4';
      });

      // The limit holds across both: 4 calls alternating A and B, then 429 on either.
      const calls = [];
      for (const server of [a, b, a, b, a, b]) calls.push(await call(server, '/api/v1/me', alice));
      assert.deepEqual(
        calls.map((response) => [response.status, response.headers.get('x-ratelimit-remaining')]),
        [
          [200, '3'],
          [200, '2'],
          [200, '1'],
          [200, '0'],
          [429, '0'],
          [429, '0'],
        ],
      );
      assert.match(String(calls[4]?.json.error), /too many requests/);
    });
  });
}
