// GET users.list and users.listByStatus: paging, sorting, filters, projection and permission.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { testStores } from '../helpers/test-stores.js';
import { assertDomainError, assertForbidden } from './admin-fixtures.js';

for (const [storeName, factory] of testStores()) {
  describe(`users.list (${storeName})`, () => {
    let t: TestApp;
    beforeEach(async () => {
      t = await startTestApp(factory);
      await t.createUser({ username: 'charlie' });
      await t.createUser({ username: 'bravo', roles: ['bot'] });
      await t.createUser({ username: 'alpha', extra: { active: false } });
    });
    afterEach(async () => t.dispose());

    const usernames = (body: { users: Array<{ username: string }> }) =>
      body.users.map((user) => user.username);

    it('answers {users, count, offset, total} sorted by username by default', async () => {
      const response = await t.get('/api/v1/users.list');
      assert.equal(response.statusCode, 200);
      const body = response.json();
      assert.deepEqual(Object.keys(body), ['users', 'count', 'offset', 'total', 'success']);
      assert.deepEqual(usernames(body), ['admin', 'alpha', 'bravo', 'charlie']);
      assert.equal(body.count, 4);
      assert.equal(body.offset, 0);
      assert.equal(body.total, 4);
    });

    it('lists the admin view fields of each user, with nameInsensitive, and never services', async () => {
      const body = (await t.get('/api/v1/users.list?count=1')).json();
      const [user] = body.users;
      assert.deepEqual(Object.keys(user), [
        '_id',
        'name',
        'username',
        'emails',
        'roles',
        'status',
        'active',
        'type',
        'nameInsensitive',
      ]);
      assert.equal(user.nameInsensitive, 'administrator');
    });

    it('pages with count and offset and sorts with a JSON sort', async () => {
      const page = (await t.get('/api/v1/users.list?count=2&offset=1&sort={"username":-1}')).json();
      assert.deepEqual(usernames(page), ['bravo', 'alpha']);
      assert.equal(page.count, 2);
      assert.equal(page.offset, 1);
      assert.equal(page.total, 4);
    });

    it('answers error-invalid-sort for a sort that is not JSON or not 1/-1', async () => {
      for (const sort of ['nope', '{"username":2}']) {
        assertDomainError(
          await t.get(`/api/v1/users.list?sort=${encodeURIComponent(sort)}`),
          'error-invalid-sort',
          `Invalid sort parameter provided: "${sort}"`,
        );
      }
    });

    it('answers 403 without view-d-room (Rocket.Chat 8.5 permissionsRequired), 200 for a plain user holding it', async () => {
      const plain = await t.createUser({ username: 'plain' });
      assert.equal((await t.get('/api/v1/users.list', plain)).statusCode, 200);
      assert.equal((await t.get('/api/v1/users.listByStatus', plain)).statusCode, 200);
      await t.post('/api/v1/permissions.update', { permissions: [{ _id: 'view-d-room', roles: ['admin'] }] });
      assertForbidden(await t.get('/api/v1/users.list', plain));
      assertForbidden(await t.get('/api/v1/users.listByStatus', plain));
    });

    it('lists fewer fields for a caller without view-full-other-user-info', async () => {
      await t.post('/api/v1/permissions.update', {
        permissions: [{ _id: 'view-full-other-user-info', roles: [] }],
      });
      const [user] = (await t.get('/api/v1/users.list?count=1')).json().users;
      assert.deepEqual(Object.keys(user), [
        '_id',
        'name',
        'username',
        'status',
        'active',
        'type',
        'nameInsensitive',
      ]);
    });

    it('filters users.listByStatus by status, roles and searchTerm', async () => {
      const list = async (query: string) =>
        usernames((await t.get(`/api/v1/users.listByStatus?${query}`)).json());
      assert.deepEqual(await list('status=deactivated'), ['alpha']);
      assert.deepEqual(await list('status=active'), ['admin', 'bravo', 'charlie']);
      assert.deepEqual(await list('roles[]=bot&roles[]=admin'), ['admin', 'bravo']);
      assert.deepEqual(await list('roles=bot'), ['bravo']);
      assert.deepEqual(await list('searchTerm=HAR'), ['charlie']);
      const paged = (await t.get('/api/v1/users.listByStatus?status=all&count=1&offset=3')).json();
      assert.deepEqual([paged.count, paged.offset, paged.total], [1, 3, 4]);
      assertDomainError(
        await t.get('/api/v1/users.listByStatus?status=asleep'),
        'error-invalid-status',
        'Invalid status parameter',
      );
    });

    it('answers an empty page for an offset past the safe integers (security F21), not a 500', async () => {
      for (const offset of ['99999999999999999999999', '9007199254740993']) {
        const response = await t.get(`/api/v1/users.list?offset=${offset}`);
        assert.equal(response.statusCode, 200, response.body);
        const body = response.json();
        assert.deepEqual(body.users, []);
        assert.equal(body.offset, Number.MAX_SAFE_INTEGER);
      }
    });
  });
}
