// Rocket.Chat's own REST client (@rocket.chat/api-client's RestClient) against a running `roster serve` process.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { afterEach, describe, it } from 'node:test';
import { RestClient } from '@rocket.chat/api-client';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { startServer, type ServerProcess } from '../helpers/cli-process.js';
import { makeTempDir } from '../helpers/temp-dir.js';

const ADMIN_PASSWORD = 'client-test-admin-password';
const ADA = {
  username: 'ada',
  email: 'Ada@Example.com',
  name: 'Ada Lovelace',
  password: 'ada-password-1',
  freeSwitchExtension: '4711',
  importId: 'slack-U024BE7LH',
};

interface Roster {
  server: ServerProcess;
  db: string;
  admin: RestClient;
}

/** Logs in with the client's typed `/v1/login` call and makes the client send the returned credentials. */
async function loggedIn(baseUrl: string, user: string, password: string): Promise<RestClient> {
  const client = new RestClient({ baseUrl });
  const login = await client.post('/v1/login', { user, password });
  assert.equal(login['status'], 'success');
  const data = login['data'] as { userId: string; authToken: string; me: { username: string } };
  assert.equal(data.me.username, user);
  client.setCredentials({ 'X-User-Id': data.userId, 'X-Auth-Token': data.authToken });
  return client;
}

/** The RestClient rejects with the fetch Response on any non-2xx answer; this reads its status and body. */
async function rejection(promise: Promise<unknown>): Promise<{ status: number; body: unknown }> {
  const response = await promise.then(
    () => assert.fail('the call was expected to fail'),
    (error: unknown) => error as Response,
  );
  return { status: response.status, body: await response.json() };
}

describe('@rocket.chat/api-client RestClient against roster serve', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function startRoster(): Promise<Roster> {
    const dir = makeTempDir();
    cleanups.push(() => dir.remove());
    const db = join(dir.path, 'roster.db');
    const server = await startServer(['--db', db], { ROSTER_ADMIN_PASSWORD: ADMIN_PASSWORD });
    cleanups.push(async () => {
      server.child.kill('SIGTERM');
      await server.exited;
    });
    return { server, db, admin: await loggedIn(server.baseUrl, 'admin', ADMIN_PASSWORD) };
  }

  /** users.create through the client, then an import id recorded as `roster import` would record it. */
  async function createAda(roster: Roster): Promise<string> {
    const { username, email, name, password, freeSwitchExtension } = ADA;
    const body = { username, email, name, password, freeSwitchExtension };
    // rest-typings' UserCreateParamsPOST requires the legacy `fields` string; Rocket.Chat and Roster ignore it.
    const created = await roster.admin.post('/v1/users.create', { ...body, fields: '{}' });
    const id = created.user._id;
    const store = SqliteStore.open(roster.db);
    await store.users.update(id, (user) => ({ ...user, importIds: [ADA.importId] }));
    await store.close();
    return id;
  }

  it('finds a user by userId, username, importId, email and freeSwitchExtension, with rooms only when asked', async () => {
    const roster = await startRoster();
    const id = await createAda(roster);
    const created = await roster.admin.post('/v1/channels.create', { name: 'engines', members: ['ada'] });
    assert.equal(created.channel.name, 'engines');

    const lookups = [
      { userId: id },
      { username: ADA.username },
      { importId: ADA.importId },
      { email: ADA.email.toLowerCase() },
      { freeSwitchExtension: ADA.freeSwitchExtension },
    ];
    for (const lookup of lookups) {
      const plain = await roster.admin.get('/v1/users.info', lookup);
      assert.equal(plain.user._id, id, JSON.stringify(lookup));
      assert.equal(plain.user.username, 'ada');
      assert.equal(plain.user.canViewAllInfo, true);
      assert.deepEqual(plain.user.emails, [{ address: ADA.email, verified: false }]);
      assert.deepEqual(plain.user.importIds, [ADA.importId]);
      assert.equal(
        'rooms' in plain.user,
        false,
        `no rooms without includeUserRooms: ${JSON.stringify(lookup)}`,
      );

      const withRooms = await roster.admin.get('/v1/users.info', { ...lookup, includeUserRooms: 'true' });
      assert.equal(withRooms.user._id, id);
      assert.deepEqual(
        withRooms.user.rooms?.map((room) => [room.name, room.t]),
        // users.create joined ada to the default channel GENERAL too (addUserToDefaultChannels).
        [
          ['engines', 'c'],
          ['general', 'c'],
        ],
        JSON.stringify(lookup),
      );
    }
  });

  it('runs the admin flow: users.create, users.info on the new user, users.setActiveStatus, then the deactivated user cannot log in', async () => {
    const roster = await startRoster();
    const created = await roster.admin.post('/v1/users.create', {
      username: 'grace',
      email: 'grace@example.com',
      name: 'Grace Hopper',
      password: 'grace-password-1',
      roles: ['user'],
      // Alone in GENERAL, grace's deactivation would ask for confirmRelinquish (Rocket.Chat's last-member rule).
      joinDefaultChannels: false,
      fields: '{}',
    });
    assert.equal(created.user.username, 'grace');
    assert.equal(created.user.active, true);

    const info = await roster.admin.get('/v1/users.info', { userId: created.user._id });
    assert.equal(info.user.name, 'Grace Hopper');
    assert.deepEqual(info.user.roles, ['user']);
    assert.equal(info.user.active, true);
    assert.match(info.user.createdAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);

    const grace = await loggedIn(roster.server.baseUrl, 'grace', 'grace-password-1');
    const own = await grace.get('/v1/users.info', { username: 'grace' });
    assert.equal(own.user.canViewAllInfo, true);

    const deactivated = await roster.admin.post('/v1/users.setActiveStatus', {
      userId: created.user._id,
      activeStatus: false,
    });
    assert.deepEqual(deactivated.user, { _id: created.user._id, active: false });
    const after = await roster.admin.get('/v1/users.info', { username: 'grace' });
    assert.equal(after.user.active, false);

    // Deactivation revokes grace's token (401), and her password no longer logs her in: with the right
    // password she is told why, as Rocket.Chat's validateLoginAttempt does.
    assert.equal((await rejection(grace.get('/v1/users.info', { username: 'grace' }))).status, 401);
    const refused = await rejection(
      new RestClient({ baseUrl: roster.server.baseUrl }).post('/v1/login', {
        user: 'grace',
        password: 'grace-password-1',
      }),
    );
    assert.deepEqual(refused, {
      status: 401,
      body: {
        success: false,
        error: 'error-user-is-not-activated',
        status: 'error',
        details: { function: 'Accounts.validateLoginAttempt' },
        message: 'User is not activated',
      },
    });
  });

  it('shows a plain user the limited view, and answers an email lookup of someone else as a miss', async () => {
    const roster = await startRoster();
    await createAda(roster);
    const ada = await loggedIn(roster.server.baseUrl, ADA.username, ADA.password);

    const admin = await ada.get('/v1/users.info', { username: 'admin', includeUserRooms: 'true' });
    assert.equal(admin.user.username, 'admin');
    assert.equal(admin.user.canViewAllInfo, false);
    assert.equal('emails' in admin.user, false);
    assert.equal('rooms' in admin.user, false);

    const miss = await rejection(ada.get('/v1/users.info', { email: 'admin@roster.local' }));
    assert.deepEqual(miss, { status: 400, body: { success: false, error: 'User not found.' } });
  });
});
