// `roster serve` as a child process: first start, restart, configuration errors and graceful shutdown.
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { verifyPassword } from '../../src/core/auth/passwords.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { runCli, startServer } from '../helpers/cli-process.js';
import { makeTempDir } from '../helpers/temp-dir.js';

describe('roster serve', () => {
  let dir: ReturnType<typeof makeTempDir>;
  before(() => (dir = makeTempDir()));
  after(() => dir.remove());

  it("prints Roster's own version (package.json), not the Rocket.Chat API version, for roster --version", async () => {
    const result = await runCli(['--version']);
    assert.equal(result.code, 0);
    assert.equal(result.output.trim(), '0.1.0');
  });

  it('refuses to start, naming the variable, when an OVERWRITE_SETTING_ value does not fit the setting', async () => {
    const result = await runCli(['serve', '--port', '0', '--db', join(dir.path, 'overwrite.db')], {
      OVERWRITE_SETTING_API_Enable_Rate_Limiter: 'sometimes',
    });
    assert.equal(result.code, 1);
    assert.match(result.output, /OVERWRITE_SETTING_API_Enable_Rate_Limiter="sometimes": Invalid value/);
  });

  it('creates the admin on first start with a printed password that logs in and verifies against the stored hash', async () => {
    const db = join(dir.path, 'nested', 'first.db');
    const server = await startServer(['--db', db]);
    const info = await fetch(`${server.baseUrl}/api/info`);
    assert.equal(info.status, 200);
    assert.equal(info.headers.get('content-type'), 'application/json');
    assert.equal(info.headers.get('cache-control'), 'no-store');
    assert.equal(info.headers.get('pragma'), 'no-cache');
    assert.deepEqual(await info.json(), {
      version: '8.5',
      minimumClientVersions: { desktop: '3.9.6', mobile: '4.39.0' },
      rosterVersion: '0.1',
      success: true,
    });
    const password = /password: (\S+)/.exec(server.output())?.[1];
    assert.ok(password && password.length >= 32, `a strong password was printed:\n${server.output()}`);
    // Security F20: on stderr, never in the stdout stream the JSON log shares.
    assert.equal(server.stdout().includes(password), false, 'the password is not on stdout');
    const login = await fetch(`${server.baseUrl}/api/v1/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user: 'admin', password }),
    });
    assert.equal(login.status, 200, 'the printed credentials log in');
    server.child.kill('SIGTERM');
    assert.equal(await server.exited, 0);

    const store = SqliteStore.open(db);
    const admin = await store.users.findByUsername('admin');
    await store.close();
    assert.deepEqual(admin?.roles, ['admin', 'user']);
    const hash = (admin?.services?.password as { bcrypt: string }).bcrypt;
    assert.match(hash, /^\$2[aby]\$10\$/);
    assert.equal(await verifyPassword(password, hash), true);
    assert.doesNotMatch(server.output(), new RegExp(hash.replace(/[$.*+?^(){}|[\]\\/]/g, '\\$&')));

    const again = await startServer(['--db', db]);
    again.child.kill('SIGTERM');
    assert.equal(await again.exited, 0);
    assert.doesNotMatch(again.output(), /password: /, 'a restart prints no password');
    const reopened = SqliteStore.open(db);
    assert.equal(
      (await reopened.users.findByUsername('admin'))?._id,
      admin?._id,
      'a restart changes nothing',
    );
    await reopened.close();
  });

  it('uses ROSTER_ADMIN_PASSWORD when it is set and prints no password', async () => {
    const db = join(dir.path, 'env.db');
    const server = await startServer(['--db', db], {
      ROSTER_ADMIN_PASSWORD: 'chosen-secret',
      ROSTER_ADMIN_USERNAME: 'boss',
    });
    server.child.kill('SIGTERM');
    await server.exited;
    assert.doesNotMatch(server.output(), /chosen-secret/);
    const store = SqliteStore.open(db);
    const admin = await store.users.findByUsername('boss');
    await store.close();
    assert.equal(
      await verifyPassword('chosen-secret', (admin?.services?.password as { bcrypt: string }).bcrypt),
      true,
    );
  });

  it('refuses to start with a bad value, naming the flag and the variable', async () => {
    const result = await runCli(['serve', '--db', join(dir.path, 'bad.db')], { ROSTER_PORT: 'eighty' });
    assert.equal(result.code, 1);
    assert.match(result.output, /--port \/ ROSTER_PORT: must be a number/);
    const level = await runCli(['serve', '--log-level', 'loud', '--db', join(dir.path, 'bad.db')]);
    assert.equal(level.code, 1);
    assert.match(level.output, /--log-level \/ ROSTER_LOG_LEVEL/);
  });

  it('answers a request still in flight when SIGTERM arrives, then exits 0', async () => {
    const server = await startServer(['--db', join(dir.path, 'graceful.db')]);
    const { port } = new URL(server.baseUrl);
    const socket = connect(Number(port), '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    const body = JSON.stringify({ user: 'admin', password: 'wrong' });
    let response = '';
    socket.on('data', (chunk) => (response += chunk.toString()));
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    // Headers now, body later: the request is in flight when the signal arrives.
    socket.write(
      `POST /api/v1/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`,
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    server.child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 200));
    socket.write(body);
    await closed;
    const status = Number(/^HTTP\/1\.1 (\d+)/.exec(response)?.[1]);
    assert.ok(status >= 200 && status < 500, `answered with a non-5xx status, got:\n${response}`);
    assert.match(response, /"success":/);
    assert.equal(await server.exited, 0);
  });
});
