// POST /api/v1/roster.users.lookup: each entry exactly users.info's user for the caller, or null; once per key.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import type { Credentials, TestApp } from '../../helpers/test-app.js';
import { startTestApp } from '../../helpers/test-app.js';
import { testStores } from '../../helpers/test-stores.js';
import { setPermission, startUsersInfoApp, usersInfo } from './fixtures.js';

type Entry = Record<string, string>;

const lookup = (t: TestApp, body: unknown, as: Credentials = t.admin) =>
  t.post('/api/v1/roster.users.lookup', body, as);

/** What users.info answers for one entry, as the batch must show it: its `user`, or null for "User not found.". */
async function single(t: TestApp, entry: Entry, rooms: boolean, as: Credentials): Promise<unknown> {
  const [[key, value]] = Object.entries(entry) as [[string, string]];
  const flag = rooms ? '&includeUserRooms=true' : '';
  const response = await usersInfo(t, `${key}=${encodeURIComponent(value)}${flag}`, as);
  if (response.statusCode === 400) {
    assert.equal(response.body, '{"success":false,"error":"User not found."}');
    return null;
  }
  assert.equal(response.statusCode, 200);
  return (response.json() as { user: unknown }).user;
}

for (const [storeName, factory] of testStores()) {
  describe(`roster.users.lookup (${storeName})`, () => {
    let t: TestApp;
    let bob: Credentials;
    let carol: Credentials;
    before(async () => {
      t = await startUsersInfoApp(factory);
      bob = await t.createUser({
        username: 'bob',
        extra: { importIds: ['imp-bob'], freeSwitchExtension: '77' },
      });
      carol = await t.createUser({ username: 'carol' });
      await t.store.rooms.insert({ _id: 'r1', t: 'c', name: 'general-1' }, [
        { _id: 's1', rid: 'r1', t: 'c', name: 'general-1', u: { _id: bob.userId } },
      ]);
    });
    after(async () => t.dispose());

    const entries: Entry[] = [
      { username: 'bob' },
      { username: 'nobody' },
      { email: 'bob@example.com' },
      { importId: 'imp-bob' },
      { freeSwitchExtension: '77' },
      { email: 'carol@example.com' },
      { userId: 'admin' },
      { username: 'carol' },
    ];

    it('answers in request order, each entry as users.info shows it to this caller, null for a miss or a refusal', async () => {
      for (const as of [t.admin, bob, carol]) {
        for (const rooms of [false, true]) {
          const response = await lookup(t, { users: entries, includeUserRooms: rooms }, as);
          assert.equal(response.statusCode, 200, response.body);
          const body = response.json() as { users: unknown[]; success: boolean };
          assert.equal(body.success, true);
          const expected = [];
          for (const entry of entries) expected.push(await single(t, entry, rooms, as));
          assert.deepEqual(body.users, expected);
        }
      }
      // carol may not look up by email or import id: a refusal looks like a miss.
      const asCarol = (await lookup(t, { users: entries }, carol)).json() as { users: unknown[] };
      assert.deepEqual(
        asCarol.users.map((user) => user === null),
        [false, true, true, true, false, false, false, false],
      );
    });

    it('accepts an empty list and exactly 100 keys', async () => {
      assert.equal((await lookup(t, { users: [] })).body, '{"users":[],"success":true}');
      const hundred = Array.from({ length: 100 }, (_, i) => ({ username: i % 2 ? 'bob' : 'missing' }));
      const users = ((await lookup(t, { users: hundred })).json() as { users: unknown[] }).users;
      assert.equal(users.length, 100);
      assert.equal(users.filter((user) => user === null).length, 50);
    });

    it('names the index of a bad entry in its invalid-params error', async () => {
      const bad: Array<[unknown, string]> = [
        [
          { users: [{ username: 'bob' }, { username: 'bob', email: 'x@y' }] },
          'users[1] must NOT have more than 1 properties',
        ],
        [
          { users: [{ username: 'bob' }, {}, { username: 'x' }] },
          'users[1] must NOT have fewer than 1 properties',
        ],
        [
          { users: [{ username: 'bob' }, { username: 'a' }, { nickname: 'x' }] },
          'users[2] must NOT have additional properties',
        ],
        [{ users: [{ username: '' }] }, 'users[0].username must NOT have fewer than 1 characters'],
        [{ users: [{ userId: 5 }] }, 'users[0].userId must be string'],
        [{ users: ['bob'] }, 'users[0] must be object'],
        [
          { users: Array.from({ length: 101 }, () => ({ username: 'bob' })) },
          'users must NOT have more than 100 items',
        ],
        [{ users: [{ username: 'bob' }], includeUserRooms: 'true' }, 'includeUserRooms must be boolean'],
        [{}, "must have required property 'users'"],
      ];
      for (const [body, message] of bad) {
        const response = await lookup(t, body);
        assert.equal(response.statusCode, 400, JSON.stringify(body));
        assert.deepEqual(response.json(), {
          success: false,
          error: `${message} [invalid-params]`,
          errorType: 'invalid-params',
        });
      }
    });

    it('shows every entry as users.info does, for random permissions, callers and keys (property)', async () => {
      const key = fc.constantFrom('username', 'userId', 'email', 'importId', 'freeSwitchExtension');
      const whom = fc.constantFrom('admin', 'bob', 'carol', 'ghost');
      const values: Record<string, Record<string, string>> = {
        admin: {
          username: 'admin',
          userId: t.admin.userId,
          email: 'admin@example.com',
          importId: 'none',
          freeSwitchExtension: 'none',
        },
        bob: {
          username: 'bob',
          userId: bob.userId,
          email: 'BOB@example.com ',
          importId: 'imp-bob',
          freeSwitchExtension: '77',
        },
        carol: {
          username: 'carol',
          userId: carol.userId,
          email: 'carol@example.com',
          importId: 'x',
          freeSwitchExtension: 'y',
        },
        ghost: {
          username: 'ghost',
          userId: 'ghost-id',
          email: 'ghost@example.com',
          importId: 'g',
          freeSwitchExtension: 'g',
        },
      };
      const callers = { admin: t.admin, bob, carol };
      await fc.assert(
        fc.asyncProperty(
          fc.subarray(['admin', 'user']),
          fc.subarray(['admin', 'user']),
          fc.constantFrom('admin', 'bob', 'carol') as fc.Arbitrary<keyof typeof callers>,
          fc.array(fc.tuple(key, whom), { maxLength: 8 }),
          fc.boolean(),
          async (fullInfo, channels, callerName, picks, rooms) => {
            await setPermission(t, 'view-full-other-user-info', fullInfo);
            await setPermission(t, 'view-other-user-channels', channels);
            const as = callers[callerName];
            const batch = picks.map(([k, w]) => ({ [k]: values[w]?.[k] as string }));
            const response = await lookup(t, { users: batch, includeUserRooms: rooms }, as);
            assert.equal(response.statusCode, 200, response.body);
            const expected = [];
            for (const entry of batch) expected.push(await single(t, entry, rooms, as));
            assert.deepEqual((response.json() as { users: unknown[] }).users, expected);
          },
        ),
        { numRuns: 40 },
      );
      await setPermission(t, 'view-full-other-user-info', ['admin']);
      await setPermission(t, 'view-other-user-channels', ['admin']);
    });
  });

  describe(`roster.users.lookup and the rate limiter (${storeName})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(factory);
      await t.store.settings.save({
        _id: 'API_Enable_Rate_Limiter_Limit_Calls_Default',
        type: 'int',
        value: 5,
      });
    });
    after(async () => t.dispose());

    it('counts a call once per key', async () => {
      const user = await t.createUser({ username: 'limited' });
      const three = { users: [{ username: 'admin' }, { username: 'x' }, { username: 'limited' }] };
      const first = await lookup(t, three, user);
      assert.equal(first.statusCode, 200);
      assert.equal(first.headers['x-ratelimit-limit'], '5');
      assert.equal(first.headers['x-ratelimit-remaining'], '2');
      const one = await lookup(t, { users: [{ username: 'admin' }] }, user);
      assert.equal(one.headers['x-ratelimit-remaining'], '1');
      const refused = await lookup(t, three, user);
      assert.equal(refused.statusCode, 429);
      assert.equal(refused.headers['x-ratelimit-remaining'], '0');
    });
  });
}
