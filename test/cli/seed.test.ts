// `roster seed` as a child process: deterministic users, rooms and subscriptions; a second run changes nothing.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { verifyPassword } from '../../src/core/auth/passwords.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { runCli } from '../helpers/cli-process.js';
import { makeTempDir } from '../helpers/temp-dir.js';

describe('roster seed', () => {
  let dir: ReturnType<typeof makeTempDir>;
  before(() => (dir = makeTempDir()));
  after(() => dir.remove());

  it('writes user<i> with email, import id, extension and seed-password, each in K distinct rooms', async () => {
    const db = join(dir.path, 'seed.db');
    const args = ['seed', '--users', '50', '--rooms', '10', '--rooms-per-user', '3', '--db', db];
    const first = await runCli(args);
    assert.equal(first.code, 0, first.output);
    assert.match(first.output, /"users":\{"inserted":50,"unchanged":0\}/);
    assert.match(first.output, /"subscriptions":\{"inserted":150,"unchanged":0\}/);

    const store = SqliteStore.open(db);
    try {
      const user = await store.users.findByUsername('user7');
      assert.equal(user?.name, 'User 7');
      assert.deepEqual(user?.emails, [{ address: 'user7@example.com', verified: true }]);
      assert.equal((await store.users.findByImportId('import-7'))?._id, user?._id);
      assert.equal((await store.users.findByFreeSwitchExtension('100007'))?._id, user?._id);
      assert.equal((await store.users.findByEmail('USER7@example.com'))?._id, user?._id);
      const hash = (user?.services?.password as { bcrypt: string }).bcrypt;
      assert.equal(await verifyPassword('seed-password', hash), true);
      const rooms = await store.subscriptions.listOfUser(user?._id ?? '');
      assert.equal(new Set(rooms.map((s) => s.rid)).size, 3);
      assert.ok(rooms.every((s) => typeof s.unread === 'number' && /^room-\d+$/.test(s.name ?? '')));
      const room = await store.rooms.findByName('room-1');
      assert.equal(room?.t, 'c');
      assert.equal((await store.rooms.findByName('room-2'))?.t, 'p');
      assert.equal(room?.usersCount, (await store.subscriptions.listOfRoom(room?._id ?? '')).length);
    } finally {
      await store.close();
    }

    const second = await runCli(args);
    assert.equal(second.code, 0, second.output);
    assert.match(second.output, /"users":\{"inserted":0,"unchanged":50\}/);
    assert.match(second.output, /"rooms":\{"inserted":0,"unchanged":10\}/);
    assert.match(second.output, /"subscriptions":\{"inserted":0,"unchanged":150\}/);
  });

  it('refuses more rooms per user than rooms', async () => {
    const result = await runCli([
      'seed',
      '--users',
      '1',
      '--rooms',
      '2',
      '--rooms-per-user',
      '3',
      '--db',
      join(dir.path, 'x.db'),
    ]);
    assert.equal(result.code, 1);
    assert.match(result.output, /--rooms-per-user must not exceed --rooms/);
  });
});
