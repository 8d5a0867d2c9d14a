// Runs the security review's reproductions (research/security-review.md §2) against a built Roster, old or new.
// Usage: node scripts/security-repro.mjs <worktree with dist/> [F1 F2 …]
// Prints one line per finding: VULNERABLE (the review's answer), FIXED (today's answer) or KEPT (RC parity).
// Works against fef846f's layout (src/core/bootstrap.js) and today's (src/core/setup/bootstrap.js).
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setInterval, clearInterval, setTimeout } from 'node:timers';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

const root = process.argv[2];
const only = new Set(process.argv.slice(3));
const dist = (path) => pathToFileURL(join(root, 'dist', path)).href;
const pick = async (...paths) => import(dist(paths.find((path) => existsSync(join(root, 'dist', path)))));

const { bootstrap } = await pick('src/core/setup/bootstrap.js', 'src/core/bootstrap.js');
const { createContext, closeContext } = await import(dist('src/core/context.js'));
const { buildApp } = await import(dist('src/http/app.js'));
const { openStore } = await import(dist('src/store/open-store.js'));
const { importExport } = await import(dist('src/import/import-run.js'));
const { hashPassword } = await pick('src/core/auth/passwords.js', 'src/core/passwords.js');

/** The flat Store (fef846f) or its sub-ports (today): `store.saveSetting` became `store.settings.save`. */
const saveSetting = (store, setting) =>
  store.settings?.save ? store.settings.save(setting) : store.saveSetting(setting);
const sha256 = (text) => createHash('sha256').update(text).digest('hex');
const silent = { debug() {}, info() {}, warn() {}, error() {} };
const PG = process.env.ROSTER_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function fresh({ store: kind = 'sqlite', rateLimiter = false } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'repro-'));
  let pgSchema;
  let pgUrl;
  if (kind === 'postgres') {
    const { default: pg } = await import(join(root, 'node_modules/pg/lib/index.js'));
    pgSchema = `repro_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
    const client = new pg.Client({ connectionString: PG });
    await client.connect();
    await client.query(`CREATE SCHEMA ${pgSchema}`);
    await client.end();
    pgUrl = `${PG}?options=-c%20search_path%3D${pgSchema}`;
  }
  const store = await openStore({ store: kind, db: join(dir, 'r.db'), pgUrl });
  const initial = await bootstrap(store, { username: 'admin', email: 'admin@x.org', password: 'admin-pw' });
  await saveSetting(store, { _id: 'API_Enable_Rate_Limiter', type: 'boolean', value: rateLimiter });
  const context = createContext({ store, log: silent, version: '0.0.0' });
  const app = await buildApp({ context, logger: false });
  const inject = (method, url, body, as, extra = {}) =>
    app.inject({
      method,
      url,
      ...(body !== undefined ? { payload: body } : {}),
      headers: { ...(as ? { 'x-user-id': as.userId, 'x-auth-token': as.token } : {}), ...extra.headers },
      remoteAddress: extra.ip ?? '127.0.0.1',
    });
  const login = async (user, password, ip) => {
    const r = await inject('POST', '/api/v1/login', { user, password }, undefined, { ip });
    if (r.statusCode !== 200) return null;
    const { userId, authToken } = r.json().data;
    return { userId, token: authToken };
  };
  const admin = await login('admin', 'admin-pw');
  const createUser = async (username, roles = ['user']) => {
    const r = await inject(
      'POST',
      '/api/v1/users.create',
      { username, email: `${username}@x.org`, name: username, password: `${username}-pw`, roles },
      admin,
    );
    if (r.statusCode !== 200) throw new Error(`users.create ${username}: ${r.body}`);
    return login(username, `${username}-pw`);
  };
  const dispose = async () => {
    await app.close();
    await closeContext(context);
    await store.close();
    rmSync(dir, { recursive: true, force: true });
    if (pgSchema) {
      const { default: pg } = await import(join(root, 'node_modules/pg/lib/index.js'));
      const client = new pg.Client({ connectionString: PG });
      await client.connect();
      await client.query(`DROP SCHEMA ${pgSchema} CASCADE`);
      await client.end();
    }
  };
  return { store, app, inject, login, admin, createUser, dispose, dir, adminId: initial.userId };
}

/** The 2FA password fallback header Rocket.Chat clients send; fef846f ignores it. */
const twoFa = (password) => ({ headers: { 'x-2fa-code': sha256(password), 'x-2fa-method': 'password' } });

const checks = {
  async F1(t) {
    const bob = await t.createUser('bob');
    const stolen = await t.login('bob', 'bob-pw');
    await t.inject(
      'POST',
      '/api/v1/users.update',
      { userId: bob.userId, data: { password: 'reset-pw' } },
      t.admin,
    );
    const r = await t.inject('GET', '/api/v1/me', undefined, stolen);
    return [r.statusCode === 200, `stolen session after admin reset: ${r.statusCode}`];
  },
  async F2(t) {
    const alice = await t.createUser('alice');
    const pat = await t.inject(
      'POST',
      '/api/v1/users.generatePersonalAccessToken',
      { tokenName: 'ci' },
      alice,
      twoFa('alice-pw'),
    );
    const patAs = { userId: alice.userId, token: pat.json().token };
    await t.inject(
      'POST',
      '/api/v1/users.update',
      { userId: alice.userId, data: { password: 'taken-over' } },
      patAs,
      twoFa('alice-pw'),
    );
    const taken = await t.login('alice', 'taken-over');
    return [taken !== null, `login with the password set through a PAT: ${taken ? 200 : 401}`];
  },
  async F3(t) {
    const bob = await t.createUser('bob');
    await t.inject(
      'POST',
      '/api/v1/permissions.update',
      { permissions: [{ _id: 'edit-other-user-info', roles: ['admin', 'bot'] }] },
      t.admin,
    );
    await t.inject('POST', '/api/v1/roles.addUserToRole', { username: 'bob', roleId: 'bot' }, t.admin);
    await t.inject(
      'POST',
      '/api/v1/users.update',
      { userId: t.adminId, data: { password: 'owned-by-bob' } },
      bob,
      twoFa('bob-pw'),
    );
    const owned = await t.login('admin', 'owned-by-bob');
    return [owned !== null, `admin login with bob's password: ${owned ? 200 : 401}`];
  },
  async F4(t) {
    for (let i = 0; i < 10; i++)
      await t.inject('POST', '/api/v1/login', { user: 'admin', password: `guess${i}` }, undefined, {
        ip: '10.9.0.1',
      });
    const owner = await t.login('admin', 'admin-pw', '10.9.0.2');
    return [owner === null, `right password from another IP after 10 remote failures: ${owner ? 200 : 401}`];
  },
  async F6(t) {
    const m = await t.createUser('mallory');
    const r = await t.inject(
      'POST',
      '/api/v1/users.generatePersonalAccessToken',
      { tokenName: 'A'.repeat(1_000_000) },
      m,
      twoFa('mallory-pw'),
    );
    return [r.statusCode === 200, `1 MB PAT name: ${r.statusCode}`];
  },
  async F7(t) {
    const m = await t.createUser('mallory');
    const r = await t.inject(
      'POST',
      '/api/v1/users.update',
      { userId: m.userId, data: { bio: 'A'.repeat(100_000), name: '<img src=x onerror=alert(1)>' } },
      m,
      twoFa('mallory-pw'),
    );
    return [r.statusCode === 200, `100 KB bio and markup name: ${r.statusCode}`];
  },
  async F8(t) {
    const body = `{"user":${'['.repeat(500_000)}${']'.repeat(500_000)}}`;
    const started = performance.now();
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/v1/login',
      payload: body,
      headers: { 'content-type': 'application/json' },
    });
    const ms = Math.round(performance.now() - started);
    const refusedEarly = /nested deeper|too large/.test(r.body);
    return [!refusedEarly, `500,000-deep JSON login: ${r.statusCode} in ${ms} ms (${r.json().error})`];
  },
  async F9(t) {
    globalThis.gc?.();
    const before = process.memoryUsage().heapUsed;
    const n = Number(process.env.F9_N ?? 20);
    for (let i = 0; i < n; i++) {
      await t.inject(
        'POST',
        '/api/v1/login',
        { user: `u${i}${'a'.repeat(1_000_000)}`, password: 'x' },
        undefined,
        { ip: `10.8.0.${i}` },
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    globalThis.gc?.();
    const grew = Math.round((process.memoryUsage().heapUsed - before) / 1e6);
    return [grew > n / 2, `heap after ${n} failed logins with 1 MB names: +${grew} MB`];
  },
  async F10(t) {
    const m = await t.createUser('mallory');
    const members = Array.from({ length: 600 }, (_, i) => `n${i}`);
    const r = await t.inject('POST', '/api/v1/channels.create', { name: 'mass-room', members }, m);
    return [r.statusCode === 200, `channels.create with 600 members: ${r.statusCode}`];
  },
  async F11(t) {
    const a = await t.createUser('usera');
    const b = await t.createUser('userb');
    const [x, y] = await Promise.all([
      t.inject(
        'POST',
        '/api/v1/users.update',
        { userId: a.userId, data: { username: 'Zed9', password: 'pw-a' } },
        t.admin,
        twoFa('admin-pw'),
      ),
      t.inject(
        'POST',
        '/api/v1/users.update',
        { userId: b.userId, data: { username: 'zed9', password: 'pw-b' } },
        t.admin,
        twoFa('admin-pw'),
      ),
    ]);
    return [
      x.statusCode === 200 && y.statusCode === 200,
      `concurrent renames Zed9/zed9: ${x.statusCode}, ${y.statusCode}`,
    ];
  },
  async F12(t) {
    const m = await t.createUser('mallory');
    const w = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users.update',
      payload: '{"userId":"' + m.userId + '","data":{"name":"Mal\\u0000lory"}}',
      headers: {
        'content-type': 'application/json',
        'x-user-id': m.userId,
        'x-auth-token': m.token,
        ...twoFa('mallory-pw').headers,
      },
    });
    const r = await t.inject('GET', '/api/v1/users.list?sort=%7B%22name%22%3A1%7D', undefined, t.admin);
    return [
      r.statusCode === 500,
      `NUL in a name (write ${w.statusCode}), then admin users.list sort name: ${r.statusCode}`,
    ];
  },
  async F13(t) {
    const r = await t.inject(
      'POST',
      '/api/v1/users.create',
      { email: 'c1@x.org', name: 'C1', password: 'p', username: 'c1', roles: ['owner'] },
      t.admin,
    );
    return [r.statusCode === 200, `users.create roles [owner]: ${r.statusCode}`];
  },
  async F14(t) {
    const alice = await t.createUser('alice');
    const bob = await t.createUser('bob');
    await t.inject(
      'POST',
      '/api/v1/permissions.update',
      { permissions: [{ _id: 'edit-other-user-info', roles: ['admin', 'bot'] }] },
      t.admin,
    );
    await t.inject('POST', '/api/v1/roles.addUserToRole', { username: 'bob', roleId: 'bot' }, t.admin);
    const r = await t.inject(
      'POST',
      '/api/v1/users.update',
      { userId: alice.userId, data: {} },
      bob,
      twoFa('bob-pw'),
    );
    return [
      r.body.includes('alice@x.org'),
      `users.update data:{} by an editor: ${r.statusCode}, emails shown: ${r.body.includes('alice@x.org')}`,
    ];
  },
  async F15(t) {
    await t.createUser('alice');
    const m = await t.createUser('mallory');
    const r = await t.inject(
      'POST',
      '/api/v1/users.update',
      { userId: m.userId, data: { email: 'ALICE@x.org' } },
      m,
      twoFa('mallory-pw'),
    );
    const r2 = await t.inject(
      'POST',
      '/api/v1/users.updateOwnBasicInfo',
      { data: { email: 'ALICE@x.org', currentPassword: sha256('mallory-pw') } },
      m,
    );
    return [
      null,
      `email in use: users.update ${r.statusCode} ${r.json().errorType ?? ''}, updateOwnBasicInfo ${r2.statusCode} ${r2.json().errorType ?? ''}`,
    ];
  },
  async F16(t) {
    const alice = await t.createUser('alice');
    const m = await t.createUser('mallory');
    await t.inject('POST', '/api/v1/groups.create', { name: 'alice-secret' }, alice);
    const hit = await t.inject(
      'POST',
      '/api/v1/groups.invite',
      { roomName: 'alice-secret', username: 'mallory' },
      m,
    );
    const miss = await t.inject(
      'POST',
      '/api/v1/groups.invite',
      { roomName: 'no-such-group', username: 'mallory' },
      m,
    );
    return [hit.body !== miss.body, `groups.invite existing ${hit.statusCode} vs missing ${miss.statusCode}`];
  },
  async F17(t) {
    await saveSetting(t.store, { _id: 'API_Enable_Rate_Limiter', type: 'boolean', value: true });
    const m = await t.createUser('mallory');
    for (let i = 0; i < 12; i++)
      await t.inject('GET', `/api/v1/users.info?username=nosuch${i}`, undefined, m);
    const head = await t.inject('HEAD', '/api/v1/users.info?username=admin', undefined, m);
    return [head.statusCode !== 429, `HEAD after GET hit 429: ${head.statusCode}`];
  },
  async F18(t) {
    const path = join(t.dir, 'users.json');
    writeFileSync(
      path,
      JSON.stringify({
        _id: t.adminId,
        username: 'admin',
        roles: ['admin', 'user'],
        services: { password: { bcrypt: await hashPassword('attacker-pw') } },
      }),
    );
    const observer = { fileStarted() {}, progressed() {}, fileFinished() {} };
    await importExport(
      t.store,
      [{ path, collection: 'users' }],
      { batchSize: 10, skipInvalid: false },
      observer,
    );
    const attacker = await t.login('admin', 'attacker-pw', '10.7.0.1');
    return [
      attacker !== null,
      `admin login with the export's password after import: ${attacker ? 200 : 401}`,
    ];
  },
  /** F18 beyond the first-start admin: a users.create user (main at 8c7b46a replaced it). */
  async F18b(t) {
    const made = await t.createUser('made');
    const path = join(t.dir, 'users.json');
    writeFileSync(
      path,
      JSON.stringify({
        _id: made.userId,
        username: 'made',
        services: { password: { bcrypt: await hashPassword('attacker-pw') } },
      }),
    );
    const observer = { fileStarted() {}, progressed() {}, fileFinished() {} };
    await importExport(
      t.store,
      [{ path, collection: 'users' }],
      { batchSize: 10, skipInvalid: false },
      observer,
    );
    const attacker = await t.login('made', 'attacker-pw', '10.7.0.1');
    return [
      attacker !== null,
      `users.create user's login with the export's password after import: ${attacker ? 200 : 401}`,
    ];
  },
  async F19(t) {
    await t.store.bulkWrite(
      {
        rooms: [
          { _id: 'LIVE1', t: 'l', name: 'visitor-42', v: { _id: 'vis1', token: 'VISITOR-SECRET-TOKEN' } },
        ],
      },
      'replace',
    );
    const u = await t.createUser('plain');
    const r = await t.inject('GET', '/api/v1/channels.info?roomId=LIVE1', undefined, u);
    return [r.body.includes('VISITOR-SECRET-TOKEN'), `channels.info of a livechat room: ${r.statusCode}`];
  },
  async F21(t) {
    const r = await t.inject('GET', '/api/v1/users.list?offset=99999999999999999999999', undefined, t.admin);
    return [r.statusCode === 500, `users.list offset 1e23: ${r.statusCode}`];
  },
  async F22(t) {
    const a = await t.createUser('alice');
    const pat = await t.inject(
      'POST',
      '/api/v1/users.generatePersonalAccessToken',
      { tokenName: 'ci' },
      a,
      twoFa('alice-pw'),
    );
    const r = await t.inject('POST', '/api/v1/login', { resume: pat.json().token });
    return [r.statusCode === 200, `login {resume: PAT}: ${r.statusCode}`];
  },
  async F23(t) {
    await t.createUser('alice');
    await t.createUser('bob');
    const m = await t.createUser('mallory');
    const r = await t.inject('POST', '/api/v1/im.create', { usernames: 'alice,bob', excludeSelf: true }, m);
    return [null, `im.create excludeSelf between two others: ${r.statusCode}`];
  },
  async F24(t) {
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const port = new URL(address).port;
    const text = await new Promise((resolve) => {
      let got = '';
      const socket = connect(Number(port), '127.0.0.1', () =>
        socket.write('POST /api/v1/login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: xchunked\r\n\r\n'),
      );
      socket.on('data', (chunk) => (got += chunk.toString()));
      socket.on('close', () => resolve(got));
      setTimeout(() => socket.destroy(), 1500);
    });
    const answers = text.match(/HTTP\/1\.1 \d{3}/g) ?? [];
    return [answers.length > 1, `answers on the socket: ${answers.join(', ')}`];
  },
  async F25(t) {
    const r = await t.inject('GET', '/api/info');
    return [
      r.headers['x-content-type-options'] !== 'nosniff',
      `nosniff: ${r.headers['x-content-type-options'] ?? 'absent'}, X-Frame-Options: ${r.headers['x-frame-options'] ?? 'absent'}`,
    ];
  },
};

/** F5 and F20 need the CLI: `serve --workers 2` without Redis, and a first start without ROSTER_ADMIN_PASSWORD. */
function serve(args, env) {
  const dir = mkdtempSync(join(tmpdir(), 'repro-cli-'));
  const child = spawn(
    process.execPath,
    [join(root, 'dist/src/cli/main.js'), 'serve', '--port', '0', '--db', join(dir, 'c.db'), ...args],
    {
      env: { ...process.env, ROSTER_LOG_LEVEL: 'info', ...env },
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c) => (stdout += c));
  child.stderr.on('data', (c) => (stderr += c));
  const ready = new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      const match = /listening (?:on|at) (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout + stderr);
      if (match) {
        clearInterval(timer);
        resolve(match[1]);
      }
    }, 100);
    setTimeout(() => reject(new Error(`no start:\n${stdout}${stderr}`)), 90_000);
  });
  const stop = async () => {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    rmSync(dir, { recursive: true, force: true });
  };
  return { ready, stop, out: () => stdout, err: () => stderr };
}

const cliChecks = {
  async F5() {
    const s = serve(['--workers', '2'], { ROSTER_ADMIN_PASSWORD: 'admin-pw' });
    try {
      const base = await s.ready;
      await new Promise((resolve) => setTimeout(resolve, 3000)); // the second worker
      let checked = 0;
      for (let i = 0; i < 20; i++) {
        const { request } = await import('node:http');
        const body = await new Promise((resolve, reject) => {
          const call = request(
            `${base}/api/v1/login`,
            { method: 'POST', agent: false, headers: { 'content-type': 'application/json' } },
            (res) => {
              let text = '';
              res.on('data', (c) => (text += c));
              res.on('end', () => resolve(text));
            },
          );
          call.on('error', reject);
          call.end(JSON.stringify({ user: 'admin', password: `guess${i}` }));
        });
        if (body.includes('"error":"Unauthorized"')) checked++;
      }
      return [
        checked > 10,
        `serve --workers 2, no Redis: ${checked} of 20 guesses had their password checked`,
      ];
    } finally {
      await s.stop();
    }
  },
  async F20() {
    const s = serve([], {});
    try {
      await s.ready;
      return [
        /password: \S+/.test(s.out()),
        `generated password on stdout: ${/password: \S+/.test(s.out())}, on stderr: ${/password: \S+/.test(s.err())}`,
      ];
    } finally {
      await s.stop();
    }
  },
};

const PG_FINDINGS = new Set(['F12']);
const names = [...Object.keys(checks), ...Object.keys(cliChecks)].sort(
  (a, b) => parseInt(a.slice(1)) - parseInt(b.slice(1)) || a.localeCompare(b),
);
for (const name of names) {
  if (only.size > 0 && !only.has(name)) continue;
  try {
    let result;
    if (cliChecks[name]) result = await cliChecks[name]();
    else {
      const t = await fresh({ store: PG_FINDINGS.has(name) ? 'postgres' : 'sqlite' });
      try {
        result = await checks[name](t);
      } finally {
        await t.dispose();
      }
    }
    const [vulnerable, detail] = result;
    console.log(`${name}\t${vulnerable === null ? 'KEPT' : vulnerable ? 'VULNERABLE' : 'FIXED'}\t${detail}`);
  } catch (error) {
    console.log(`${name}\tERROR\t${String(error).split('\n')[0]}`);
  }
}
process.exit(0);
