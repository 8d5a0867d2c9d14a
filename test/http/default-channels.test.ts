// GENERAL and default channels over HTTP: created at start, joined by users.create, channels.setDefault.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { bootstrap } from '../../src/core/setup/bootstrap.js';
import { createRoomAs, json } from '../helpers/rooms.js';
import type { TestApp } from '../helpers/test-app.js';
import { testStores } from '../helpers/test-stores.js';
import { startUsersInfoApp, userOf, usersInfo } from './users-info/fixtures.js';

type RoomEntry = { rid: string; name: string; unread?: number };

const newUser = (username: string, extra: Record<string, unknown> = {}) => ({
  username,
  email: `${username}@example.com`,
  name: `Name of ${username}`,
  password: 'a-long-password-1',
  ...extra,
});

for (const [storeName, factory] of testStores()) {
  describe(`default channels (${storeName})`, () => {
    let t: TestApp;
    beforeEach(async () => (t = await startUsersInfoApp(factory)));
    afterEach(async () => t.dispose());

    const roomsOf = async (username: string): Promise<RoomEntry[]> =>
      userOf(await usersInfo(t, `username=${username}&includeUserRooms=true`)).rooms as RoomEntry[];

    it('creates GENERAL at first start: a default public channel named general', async () => {
      const general = await t.store.rooms.findById('GENERAL');
      assert.equal(general?.t, 'c');
      assert.equal(general?.name, 'general');
      assert.equal(general?.default, true);
      assert.equal(general?.usersCount, 0);
      const info = await t.get('/api/v1/channels.info?roomName=general');
      assert.equal(info.statusCode, 200, info.body);
      assert.equal((json(info).channel as Record<string, unknown>)._id, 'GENERAL');
    });

    it('gives GENERAL back to a database that lost it, at the next start', async () => {
      assert.equal(await t.store.rooms.delete('GENERAL'), true);
      const again = await bootstrap(t.store, { username: 'admin', email: 'admin@example.com' });
      assert.equal(again.created, false);
      assert.equal((await t.store.rooms.findById('GENERAL'))?.default, true);
    });

    it('joins a user made by users.create to GENERAL, as users.info shows, and counts them', async () => {
      const created = await t.post('/api/v1/users.create', newUser('dora'));
      assert.equal(created.statusCode, 200, created.body);
      const rooms = await roomsOf('dora');
      assert.deepEqual(
        rooms.map((room) => [room.rid, room.name, room.unread]),
        [['GENERAL', 'general', 1]],
      );
      assert.equal((await t.store.rooms.findById('GENERAL'))?.usersCount, 1);
    });

    it('joins no default channel with joinDefaultChannels: false', async () => {
      const created = await t.post('/api/v1/users.create', newUser('eve', { joinDefaultChannels: false }));
      assert.equal(created.statusCode, 200, created.body);
      assert.deepEqual(await roomsOf('eve'), []);
    });

    it('channels.setDefault makes a channel default, so the next new user joins it too', async () => {
      const club = await createRoomAs(t, 'c', { name: 'club' });
      const set = await t.post('/api/v1/channels.setDefault', { roomId: club._id, default: true });
      assert.equal(set.statusCode, 200, set.body);
      assert.equal((json(set).channel as Record<string, unknown>).default, true);
      await t.post('/api/v1/users.create', newUser('finn'));
      assert.deepEqual((await roomsOf('finn')).map((room) => room.name).sort(), ['club', 'general']);

      const unset = await t.post('/api/v1/channels.setDefault', { roomName: 'club', default: 'false' });
      assert.equal(unset.statusCode, 200, unset.body);
      await t.post('/api/v1/users.create', newUser('gail'));
      assert.deepEqual(
        (await roomsOf('gail')).map((room) => room.name),
        ['general'],
      );
    });

    it("answers Rocket.Chat's failures: default missing, the same value, no room, unknown room", async () => {
      const missing = await t.post('/api/v1/channels.setDefault', { roomId: 'GENERAL' });
      assert.equal(missing.statusCode, 400);
      assert.deepEqual(json(missing), {
        success: false,
        error: 'The bodyParam "default" is required',
        errorType: 'error-channels-setdefault-is-same',
      });
      const same = await t.post('/api/v1/channels.setDefault', { roomId: 'GENERAL', default: true });
      assert.deepEqual(json(same), {
        success: false,
        error: 'The channel default setting is the same as what it would be changed to.',
        errorType: 'error-channels-setdefault-missing-default-param',
      });
      const noRoom = await t.post('/api/v1/channels.setDefault', { default: true });
      assert.equal(json(noRoom).errorType, 'error-roomid-param-not-provided');
      const unknown = await t.post('/api/v1/channels.setDefault', { roomId: 'nope', default: true });
      assert.equal(unknown.statusCode, 400);
      assert.equal(json(unknown).errorType, 'error-room-not-found');
    });

    it('refuses a channel owner without view-room-administration', async () => {
      const owner = await t.createUser({ username: 'owner' });
      const club = await createRoomAs(t, 'c', { name: 'club' }, owner);
      const response = await t.post(
        '/api/v1/channels.setDefault',
        { roomId: club._id, default: true },
        owner,
      );
      assert.equal(response.statusCode, 400);
      assert.deepEqual(json(response), {
        success: false,
        error: 'Viewing room administration is not allowed [error-action-not-allowed]',
        errorType: 'error-action-not-allowed',
      });
      const member = await t.createUser({ username: 'member' });
      const plain = await t.post(
        '/api/v1/channels.setDefault',
        { roomId: 'GENERAL', default: false },
        member,
      );
      assert.equal(json(plain).error, 'Editing room is not allowed [error-action-not-allowed]');
    });
  });
}
