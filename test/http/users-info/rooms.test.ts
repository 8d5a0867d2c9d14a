// users.info rooms (users-info.md §6): the includeUserRooms/self/view-other-user-channels gate, fields, order.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { SubscriptionDoc } from '../../../src/core/documents.js';
import type { Credentials, TestApp } from '../../helpers/test-app.js';
import { testStores } from '../../helpers/test-stores.js';
import { setPermission, startUsersInfoApp, userOf, usersInfo } from './fixtures.js';

const TYPES = ['c', 'p', 'd', 'l'] as const;

function subscription(id: string, userId: string, t: string, name: string | undefined): SubscriptionDoc {
  return {
    _id: id,
    rid: `room-${id}`,
    ...(name === undefined ? {} : { name }),
    t,
    u: { _id: userId },
    unread: 0,
  };
}

/** Binary (code unit) order of t, then name; a missing name sorts first, as in MongoDB. */
function byTypeThenName(a: SubscriptionDoc, b: SubscriptionDoc): number {
  if (a.t !== b.t) return a.t < b.t ? -1 : 1;
  const x = a.name ?? '';
  const y = b.name ?? '';
  if (a.name === undefined && b.name !== undefined) return -1;
  if (b.name === undefined && a.name !== undefined) return 1;
  return x < y ? -1 : x > y ? 1 : 0;
}

for (const [storeName, factory] of testStores()) {
  describe(`users.info rooms (${storeName})`, () => {
    let t: TestApp;
    beforeEach(async () => (t = await startUsersInfoApp(factory)));
    afterEach(async () => t.dispose());

    /** bob in one public channel, with a plain user carol beside him. */
    const setUp = async () => {
      const bob = await t.createUser({ username: 'bob' });
      const carol = await t.createUser({ username: 'carol' });
      await t.store.rooms.insert({ _id: 'lobby-id', t: 'c', name: 'lobby' }, [
        {
          _id: 'sub-bob',
          rid: 'lobby-id',
          name: 'lobby',
          t: 'c',
          u: { _id: bob.userId, username: 'bob' },
          unread: 3,
        },
      ]);
      return { bob, carol };
    };
    const BOB_ROOMS = [{ _id: 'sub-bob', rid: 'lobby-id', name: 'lobby', t: 'c', unread: 3 }];

    const roomsOf = async (query: string, as: Credentials) => {
      const user = userOf(await usersInfo(t, query, as));
      return 'rooms' in user ? user.rooms : 'absent';
    };

    it('lists rooms only with includeUserRooms exactly "true", for every combination of caller and permission', async () => {
      const { bob, carol } = await setUp();
      const flags = ['true', 'TRUE', '1', 'yes', null];
      for (const permission of [false, true]) {
        await setPermission(t, 'view-other-user-channels', permission ? ['admin', 'user'] : ['admin']);
        for (const flag of flags) {
          const suffix = flag === null ? '' : `&includeUserRooms=${flag}`;
          const self = await roomsOf(`username=bob${suffix}`, bob);
          const other = await roomsOf(`username=bob${suffix}`, carol);
          const label = `permission=${permission} flag=${flag}`;
          assert.deepEqual(self, flag === 'true' ? BOB_ROOMS : 'absent', `self ${label}`);
          assert.deepEqual(other, flag === 'true' && permission ? BOB_ROOMS : 'absent', `other ${label}`);
        }
      }
    });

    it("lists another user's rooms for an admin (view-other-user-channels by default), not after it is withdrawn", async () => {
      await setUp();
      assert.deepEqual(await roomsOf('username=bob&includeUserRooms=true', t.admin), BOB_ROOMS);
      await setPermission(t, 'view-other-user-channels', []);
      assert.equal(await roomsOf('username=bob&includeUserRooms=true', t.admin), 'absent');
      assert.deepEqual(await roomsOf(`userId=${t.admin.userId}&includeUserRooms=true`, t.admin), []);
    });

    it("lists the caller's own rooms whatever the lookup key, since the found user is the caller by _id", async () => {
      const { bob } = await setUp();
      await t.store.users.update(bob.userId, (user) => ({
        ...user,
        importIds: ['imp-bob'],
        freeSwitchExtension: '77',
      }));
      for (const query of [
        `userId=${bob.userId}`,
        'userId=bob',
        `username=${bob.userId}`,
        'importId=imp-bob',
        'email=BOB%40example.com',
        'freeSwitchExtension=77',
      ]) {
        assert.deepEqual(await roomsOf(`${query}&includeUserRooms=true`, bob), BOB_ROOMS, query);
      }
    });

    it('never lists rooms for fields={"userRooms":1}', async () => {
      const { bob } = await setUp();
      const fields = encodeURIComponent('{"userRooms":1}');
      assert.equal(await roomsOf(`username=bob&fields=${fields}`, bob), 'absent');
      assert.equal(await roomsOf(`username=bob&fields=${fields}`, t.admin), 'absent');
    });

    it('shows each room as _id and the rid, name, t, roles, unread, federated it has, nothing else', async () => {
      const { bob } = await setUp();
      await t.store.rooms.insert({ _id: 'fed-id', t: 'p', name: 'fed' }, [
        {
          _id: 'sub-fed',
          rid: 'fed-id',
          name: 'fed',
          t: 'p',
          u: { _id: bob.userId, username: 'bob' },
          roles: ['owner', 'leader'],
          unread: 0,
          federated: true,
          fname: 'Federated',
          open: true,
          alert: true,
          ls: '2024-01-01T00:00:00.000Z',
          customFields: { secret: 'x' },
        },
      ]);
      await t.store.rooms.insert({ _id: 'bare-id', t: 'd' }, [
        { _id: 'sub-bare', rid: 'bare-id', t: 'd', u: { _id: bob.userId } },
      ]);
      const rooms = await roomsOf('username=bob&includeUserRooms=true', bob);
      assert.deepEqual(rooms, [
        BOB_ROOMS[0],
        { _id: 'sub-bare', rid: 'bare-id', t: 'd' },
        {
          _id: 'sub-fed',
          rid: 'fed-id',
          name: 'fed',
          t: 'p',
          roles: ['owner', 'leader'],
          unread: 0,
          federated: true,
        },
      ]);
    });

    it('orders rooms by type, then name, in binary order, with mixed types and names', async () => {
      const { bob } = await setUp();
      const names: Array<[string, string | undefined]> = [
        ['p', 'zeta'],
        ['c', 'Beta'],
        ['l', 'visitor'],
        ['d', 'alice'],
        ['c', 'alpha'],
        ['p', 'Zeta'],
        ['d', undefined],
        ['c', '_under'],
        ['c', 'a-b'],
        ['c', 'a_b'],
        ['c', 'ábc'],
        ['c', '10'],
        ['c', '9'],
      ];
      const subscriptions = names.map(([type, name], i) => subscription(`s${i}`, bob.userId, type, name));
      await t.store.bulkWrite({ subscriptions }, 'ignore');
      const rooms = (await roomsOf('username=bob&includeUserRooms=true', bob)) as Array<{ _id: string }>;
      const expected = [...subscriptions, { ...subscription('sub-bob', bob.userId, 'c', 'lobby') }]
        .sort(byTypeThenName)
        .map((s) => s._id);
      assert.deepEqual(
        rooms.map((room) => room._id),
        expected,
      );
      assert.deepEqual(
        rooms.slice(0, 9).map((room) => room._id),
        ['s11', 's12', 's1', 's7', 's8', 's9', 's4', 'sub-bob', 's10'],
      );
    });

    it('lists all 500 subscriptions of a user, of every type, in (t, name) order', async () => {
      const { bob } = await setUp();
      await t.store.rooms.delete('lobby-id');
      const subscriptions: SubscriptionDoc[] = [];
      for (let i = 0; i < 500; i++) {
        const type = TYPES[(i * 7) % TYPES.length] as string;
        const name = `room-${((i * 7919) % 1000).toString(36)}-${i % 3 === 0 ? 'X' : 'x'}`;
        subscriptions.push(subscription(`bulk-${i}`, bob.userId, type, name));
      }
      await t.store.bulkWrite({ subscriptions }, 'ignore');
      const rooms = (await roomsOf('username=bob&includeUserRooms=true', t.admin)) as Array<{ _id: string }>;
      assert.equal(rooms.length, 500);
      assert.deepEqual(
        rooms.map((room) => room._id),
        [...subscriptions].sort(byTypeThenName).map((s) => s._id),
      );
      for (const type of TYPES)
        assert.ok(
          rooms.some((room) => (room as { t?: string }).t === type),
          type,
        );
    });
  });
}
