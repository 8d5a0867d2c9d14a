// users.autocomplete, directory (users, channels, teams) and spotlight on both stores: matches, order, fields, permissions.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { testStores } from '../helpers/test-stores.js';
import { createRoomAs, json } from '../helpers/rooms.js';

const q = (value: unknown) => encodeURIComponent(JSON.stringify(value));

for (const [storeName, factory] of testStores()) {
  describe(`finding people (${storeName})`, () => {
    let t: TestApp;
    beforeEach(async () => {
      t = await startTestApp(factory);
      // Names are "Name of <username>"; bert has one of his own, found by its start.
      await t.createUser({ username: 'anna' });
      await t.createUser({ username: 'Annabel' });
      await t.createUser({ username: 'bert', extra: { name: 'Anneliese Bert', bio: 'likes maps' } });
      await t.createUser({ username: 'annex.gone', extra: { active: false } });
      await t.createUser({ username: 'carl' });
    });
    afterEach(async () => t.dispose());

    const usernames = (items: unknown) => (items as Array<{ username: string }>).map((item) => item.username);

    it('users.autocomplete: active users whose username, then name, starts with the term, with RC fields', async () => {
      const response = await t.get(`/api/v1/users.autocomplete?selector=${q({ term: 'ANN' })}`);
      assert.equal(response.statusCode, 200, response.body);
      const { items } = json(response) as { items: Array<Record<string, unknown>> };
      // Username matches by lower-cased username, then name matches (bert: "Anneliese Bert").
      assert.deepEqual(usernames(items), ['anna', 'Annabel', 'bert']);
      for (const item of items) {
        assert.deepEqual(
          Object.keys(item).filter(
            (key) => !['_id', 'name', 'username', 'nickname', 'status', 'avatarETag'].includes(key),
          ),
          [],
        );
      }
      const except = await t.get(
        `/api/v1/users.autocomplete?selector=${q({ term: 'ann', exceptions: ['anna'] })}`,
      );
      assert.deepEqual(usernames(json(except).items), ['Annabel', 'bert']);
      const middle = await t.get(`/api/v1/users.autocomplete?selector=${q({ term: 'nna' })}`);
      assert.deepEqual(usernames(json(middle).items), [], 'a prefix search (README)');
    });

    it('users.autocomplete: contacts first, and without view-outside-room only people sharing a room', async () => {
      const bot = await t.createUser({ username: 'annbot', roles: ['bot'] });
      // bots lack view-outside-room: nobody shares a room with it yet.
      assert.deepEqual(
        usernames(json(await t.get(`/api/v1/users.autocomplete?selector=${q({ term: 'ann' })}`, bot)).items),
        [],
      );
      await createRoomAs(t, 'c', { name: 'annroom', members: ['annbot', 'Annabel'] });
      const shared = await t.get(`/api/v1/users.autocomplete?selector=${q({ term: 'ann' })}`, bot);
      assert.deepEqual(usernames(json(shared).items), ['Annabel']);
      const dm = await t.post('/api/v1/im.create', { username: 'bert' });
      assert.equal(dm.statusCode, 200, dm.body);
      const admin = await t.get(`/api/v1/users.autocomplete?selector=${q({ term: 'ann' })}`);
      assert.deepEqual(
        usernames(json(admin).items),
        ['bert', 'anna', 'Annabel', 'annbot'],
        'the DM contact first',
      );
    });

    it('users.autocomplete: invalid-params without a selector or with one that is not JSON', async () => {
      // The schema's refusals are the typed router's (8.5 users.ts `query: isUsersAutocompleteProps`); a selector
      // that is not a JSON object is the handler's.
      for (const [url, errorType] of [
        ['/api/v1/users.autocomplete', 'error-invalid-params'],
        ['/api/v1/users.autocomplete?selector=nope', 'invalid-params'],
        [`/api/v1/users.autocomplete?selector=${q(['a'])}`, 'invalid-params'],
        ['/api/v1/users.autocomplete?selector[term]=a', 'error-invalid-params'],
      ]) {
        const response = await t.get(url!);
        assert.equal(response.statusCode, 400, url);
        assert.equal(json(response).errorType, errorType, url);
      }
      const nul = await t.get(`/api/v1/users.autocomplete?selector=${q({ term: 'a\u0000' })}`);
      assert.deepEqual(json(nul).items, []);
      assert.equal(
        (await t.inject({ method: 'GET', url: '/api/v1/users.autocomplete?selector={}' })).statusCode,
        401,
      );
    });

    it('directory: paged users by name with a total, emails only for view-full-other-user-info', async () => {
      const byName = `sort=${q({ name: 1 })}`;
      const response = await t.get(`/api/v1/directory?type=users&text=ann&count=2&offset=0&${byName}`);
      assert.equal(response.statusCode, 200, response.body);
      const body = json(response) as {
        result: Array<Record<string, unknown>>;
        count: number;
        total: number;
        offset: number;
      };
      assert.equal(body.total, 3);
      assert.equal(body.count, 2);
      assert.equal(body.offset, 0);
      // by name ascending: "Anneliese Bert" < "Name of anna" < "Name of Annabel" (ignoring case)
      assert.deepEqual(usernames(body.result), ['bert', 'anna']);
      assert.ok(body.result[0]?.emails, 'an admin sees emails');
      assert.equal(body.result[0]?.bio, 'likes maps');
      const next = json(await t.get(`/api/v1/directory?type=users&text=ann&count=2&offset=2&${byName}`));
      assert.deepEqual(usernames(next.result), ['Annabel']);
      // Without `sort`, misc.ts passes sortDirection 'desc' (`sort && … === 1 ? 'asc' : 'desc'`): name descending.
      const unsorted = json(await t.get(`/api/v1/directory?type=users&text=ann`));
      assert.deepEqual(usernames(unsorted.result), ['Annabel', 'anna', 'bert']);
      const byUsername = json(
        await t.get(
          `/api/v1/directory?query=${q({ text: 'ann', type: 'users' })}&sort=${q({ username: -1 })}`,
        ),
      );
      assert.deepEqual(usernames(byUsername.result), ['bert', 'anna', 'Annabel']);

      const plain = await t.createUser({ username: 'plain' });
      const seen = json(await t.get(`/api/v1/directory?type=users&text=carl`, plain));
      assert.deepEqual(usernames(seen.result), ['carl']);
      assert.equal((seen.result as Array<Record<string, unknown>>)[0]?.emails, undefined);
      const all = json(await t.get(`/api/v1/directory?type=users`, plain));
      assert.equal(all.total, 6, 'every active user (admin, anna, Annabel, bert, carl, plain)');
    });

    it("directory: channels (the default type) are public rooms and the caller's own, matched in the name", async () => {
      const anna = await t.createUser({ username: 'dana' });
      const carl = await t.createUser({ username: 'erik' });
      await createRoomAs(t, 'c', { name: 'maps-club', members: ['dana'] });
      await createRoomAs(t, 'c', { name: 'zeta-maps', members: [] });
      await createRoomAs(t, 'p', { name: 'secret-maps', members: ['dana'] });
      await createRoomAs(t, 'p', { name: 'hidden-maps', members: [] });
      type Page = { result: Array<Record<string, unknown>>; count: number; total: number; offset: number };
      const names = (page: Page) => page.result.map((room) => room.name);
      // Default order: name descending; a private group shows only to its members.
      const forAnna = json(await t.get('/api/v1/directory?text=MAPS', anna)) as Page;
      assert.deepEqual(names(forAnna), ['zeta-maps', 'secret-maps', 'maps-club']);
      assert.equal(forAnna.total, 3);
      const room = forAnna.result[0] as Record<string, unknown>;
      for (const key of Object.keys(room)) {
        assert.ok(
          [
            '_id',
            't',
            'description',
            'topic',
            'name',
            'fname',
            'lastMessage',
            'ts',
            'archived',
            'default',
            'featured',
            'usersCount',
            'prid',
            'teamId',
            'federated',
          ].includes(key),
          `getChannelsAndGroups' projection has no ${key}`,
        );
      }
      assert.equal(room.t, 'c');
      assert.equal(typeof room.usersCount, 'number');
      const forCarl = json(
        await t.get(
          `/api/v1/directory?type=channels&text=maps&sort=${q({ name: 1 })}&count=1&offset=1`,
          carl,
        ),
      ) as Page;
      assert.deepEqual(names(forCarl), ['zeta-maps'], 'carl sees the two public channels, page 2 of 1');
      assert.equal(forCarl.total, 2);
      const byMembers = json(
        await t.get(`/api/v1/directory?type=channels&text=maps&sort=${q({ usersCount: -1 })}`, anna),
      ) as Page;
      assert.equal(names(byMembers)[2], 'zeta-maps', 'the channel with one member last');
      // The whole list without text includes GENERAL.
      const all = json(await t.get('/api/v1/directory?type=channels', carl)) as Page;
      assert.ok(names(all).includes('general'));
      // Roster has no teams: an empty page, as Rocket.Chat answers on a server without any.
      assert.deepEqual(json(await t.get('/api/v1/directory?type=teams', carl)), {
        result: [],
        count: 0,
        offset: 0,
        total: 0,
        success: true,
      });
      // Without view-c-room: "Please verify the parameters".
      const withdrawn = await t.post('/api/v1/permissions.update', {
        permissions: [{ _id: 'view-c-room', roles: [] }],
      });
      assert.equal(withdrawn.statusCode, 200, withdrawn.body);
      const refused = await t.get('/api/v1/directory?type=channels', carl);
      assert.equal(refused.statusCode, 400);
      assert.deepEqual(JSON.parse(refused.body), { success: false, error: 'Please verify the parameters' });
    });

    it("directory: RC's failures for bad parameters and missing permissions", async () => {
      const fail = (response: { statusCode: number; body: string }, error: string) => {
        assert.equal(response.statusCode, 400);
        assert.deepEqual(JSON.parse(response.body), { success: false, error });
      };
      fail(await t.get('/api/v1/directory?type=nope'), 'Please verify the parameters');
      fail(
        await t.get(`/api/v1/directory?type=channels&sort=${q({ username: 1 })}`),
        'Please verify the parameters',
      );
      fail(
        await t.get(`/api/v1/directory?type=users&sort=${q({ lastLogin: 1 })}`),
        'Please verify the parameters',
      );
      fail(
        await t.get(`/api/v1/directory?type=users&sort=${q({ name: 1, username: 1 })}`),
        'This method support only one "sort" parameter',
      );
      const bot = await t.createUser({ username: 'dirbot', roles: ['bot'] });
      fail(await t.get('/api/v1/directory?type=users&text=a', bot), 'Please verify the parameters');
      assert.equal(json(await t.get('/api/v1/directory?foo=1')).errorType, 'invalid-params');
      assert.equal(json(await t.get('/api/v1/directory?type=users&sort=x')).errorType, 'invalid-params');
    });

    it('spotlight: the exact username first, prefix matches, usernames left out, public rooms by name', async () => {
      await createRoomAs(t, 'c', { name: 'annual-report' });
      await createRoomAs(t, 'p', { name: 'annual-secret' });
      const response = await t.get(`/api/v1/spotlight?query=${encodeURIComponent('@anna')}`);
      assert.equal(response.statusCode, 200, response.body);
      const body = json(response) as {
        users: Array<Record<string, unknown>>;
        rooms: Array<Record<string, unknown>>;
      };
      assert.deepEqual(usernames(body.users), ['anna', 'Annabel']);
      assert.deepEqual(body.rooms, []);
      const rooms = json(await t.get(`/api/v1/spotlight?query=${encodeURIComponent('#annual')}`));
      assert.deepEqual(
        (rooms.rooms as Array<{ name: string; t: string }>).map((room) => [room.name, room.t]),
        [['annual-report', 'c']],
      );
      const except = json(
        await t.get(`/api/v1/spotlight?query=ann&usernames=anna,bert&type=${q({ rooms: false })}`),
      );
      assert.deepEqual(usernames(except.users), ['Annabel']);
      assert.deepEqual(except.rooms, []);
      assert.equal(json(await t.get('/api/v1/spotlight')).errorType, 'invalid-params');
    });
  });
}
