// users.list's 8.4 `email` filter and unknown-key refusal; users.listByStatus's hasLoggedIn, type, inactiveReason
// filters and projection, as Rocket.Chat 8.5's users.ts / lib/users.ts findPaginatedUsersByStatus answer them.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { testStores } from '../helpers/test-stores.js';

for (const [storeName, factory] of testStores()) {
  describe(`users.list / users.listByStatus filters (${storeName})`, () => {
    let t: TestApp;
    beforeEach(async () => {
      t = await startTestApp(factory);
      await t.createUser({
        username: 'carol',
        email: 'Carol@Example.com',
        extra: { lastLogin: '2026-01-01T00:00:00.000Z' },
      });
      await t.createUser({ username: 'carlos', email: 'carol@example.com.evil.org' });
      await t.createUser({
        username: 'robot',
        roles: ['bot'],
        extra: {
          type: 'bot',
          active: false,
          inactiveReason: 'pending_approval',
          reason: 'asked to join',
          federated: false,
        },
      });
    });
    afterEach(async () => t.dispose());

    const usernames = (response: { json(): { users: Array<{ username: string }> } }) =>
      response.json().users.map((user) => user.username);

    it('users.list?email= answers only the user with exactly that address, ignoring case', async () => {
      const response = await t.get('/api/v1/users.list?email=CAROL%40example.COM');
      assert.equal(response.statusCode, 200, response.body);
      assert.deepEqual(usernames(response), ['carol']);
      assert.equal(response.json().total, 1);
      assert.deepEqual(usernames(await t.get('/api/v1/users.list?email=carol%40example')), [], 'anchored');
      assert.deepEqual(usernames(await t.get('/api/v1/users.list?email=.*%40example.com')), [], 'escaped');
    });

    it('users.list?email= answers 403 {"error":"unauthorized"} without view-full-other-user-info, even for a miss', async () => {
      const plain = await t.createUser({ username: 'plain' });
      for (const email of ['carol%40example.com', 'nobody%40example.com']) {
        const response = await t.get(`/api/v1/users.list?email=${email}`, plain);
        assert.equal(response.statusCode, 403);
        assert.deepEqual(response.json(), { success: false, error: 'unauthorized' });
      }
    });

    // Rocket.Chat 8.5: users.list (addRoute `query`) and users.listByStatus (typed `query`) refuse in Router.ts.
    it('users.list and users.listByStatus refuse unknown query keys and an empty email with 400 error-invalid-params', async () => {
      for (const url of [
        '/api/v1/users.list?foo=bar',
        '/api/v1/users.list?email=',
        '/api/v1/users.listByStatus?foo=1',
      ]) {
        const response = await t.get(url);
        assert.equal(response.statusCode, 400, url);
        assert.equal(response.json().errorType, 'error-invalid-params', url);
      }
      const bad = await t.get('/api/v1/users.listByStatus?hasLoggedIn=maybe');
      assert.equal(bad.statusCode, 400);
      assert.equal((await t.get('/api/v1/users.listByStatus?inactiveReason=sleepy')).statusCode, 400);
    });

    it('users.listByStatus filters by hasLoggedIn (lastLogin present or not), type and inactiveReason', async () => {
      const list = async (query: string) => usernames(await t.get(`/api/v1/users.listByStatus?${query}`));
      assert.deepEqual(await list('hasLoggedIn=true'), ['carol']);
      assert.deepEqual(await list('hasLoggedIn=false'), ['admin', 'carlos', 'robot']);
      assert.deepEqual(await list('type=bot'), ['robot']);
      assert.deepEqual(await list('type=user'), ['admin', 'carlos', 'carol']);
      assert.deepEqual(await list('inactiveReason=pending_approval'), ['robot']);
      assert.deepEqual(await list('inactiveReason[]=pending_approval&inactiveReason[]=idle_too_long'), [
        'admin',
        'carlos',
        'carol',
        'robot',
      ]);
      assert.deepEqual(await list('status=deactivated&inactiveReason=deactivated'), []);
      assert.deepEqual(
        await list('roles=all'),
        ['admin', 'carlos', 'carol', 'robot'],
        'roles=all means any role',
      );
    });

    it('users.listByStatus searches email addresses only for view-full-other-user-info holders', async () => {
      const plain = await t.createUser({ username: 'plain' });
      assert.deepEqual(usernames(await t.get('/api/v1/users.listByStatus?searchTerm=evil.org')), ['carlos']);
      assert.deepEqual(usernames(await t.get('/api/v1/users.listByStatus?searchTerm=evil.org', plain)), []);
    });

    it('users.listByStatus projects reason and federated, never nameInsensitive, and emails only with full view', async () => {
      const [robot] = (await t.get('/api/v1/users.listByStatus?type=bot')).json().users;
      assert.deepEqual(Object.keys(robot), [
        '_id',
        'name',
        'username',
        'emails',
        'roles',
        'status',
        'active',
        'type',
        'reason',
        'federated',
      ]);
      const plain = await t.createUser({ username: 'plain' });
      const [seen] = (await t.get('/api/v1/users.listByStatus?type=bot', plain)).json().users;
      assert.deepEqual(Object.keys(seen), [
        '_id',
        'name',
        'username',
        'status',
        'active',
        'type',
        'reason',
        'federated',
      ]);
    });
  });
}
