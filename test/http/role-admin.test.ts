// roles.getUsersInRole, roles.sync, roles.create, roles.update, roles.delete: shapes, permissions, errors, effects.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { randomId } from '../../src/core/ids.js';
import { startTestApp, type Credentials, type TestApp } from '../helpers/test-app.js';
import { testStores } from '../helpers/test-stores.js';
import { assertDomainError, assertForbidden } from './admin-fixtures.js';

type Role = { _id: string; name: string; scope: string; protected: boolean };

for (const [storeName, factory] of testStores()) {
  describe(`role administration (${storeName})`, () => {
    let t: TestApp;
    beforeEach(async () => (t = await startTestApp(factory)));
    afterEach(async () => t.dispose());

    const create = async (body: unknown, as: Credentials = t.admin) =>
      t.post('/api/v1/roles.create', body, as);
    const newRole = async (name: string, scope = 'Users'): Promise<Role> => {
      const response = await create({ name, scope });
      assert.equal(response.statusCode, 200, response.body);
      return response.json().role;
    };
    const inRole = (query: string, as: Credentials = t.admin) =>
      t.get(`/api/v1/roles.getUsersInRole?${query}`, as);
    const listRoles = async (): Promise<Role[]> => (await t.get('/api/v1/roles.list', t.admin)).json().roles;
    const joinRoom = async (rid: string, userId: string, username: string, roles: string[] = []) =>
      t.store.subscriptions.insert({
        _id: randomId(),
        rid,
        t: 'c',
        name: 'ops',
        u: { _id: userId, username },
        roles,
      });

    it('creates a custom role with a random hex _id, its name apart, unprotected, and lists it', async () => {
      const response = await create({ name: 'auditor', description: 'Reads logs', scope: 'Users' });
      assert.equal(response.statusCode, 200, response.body);
      const { role, success } = response.json();
      assert.equal(success, true);
      assert.match(role._id, /^[0-9a-f]{24}$/);
      assert.ok(!Number.isNaN(Date.parse(role._updatedAt)));
      assert.deepEqual(
        { ...role, _id: 'x', _updatedAt: 'y' },
        {
          _id: 'x',
          _updatedAt: 'y',
          name: 'auditor',
          scope: 'Users',
          description: 'Reads logs',
          protected: false,
          mandatory2fa: false,
        },
      );
      const listed = (await listRoles()).find((candidate) => candidate._id === role._id);
      assert.equal(listed?.name, 'auditor');
      assert.equal((await newRole('helper', 'Subscriptions')).scope, 'Subscriptions');
    });

    it("answers roles.create's Rocket.Chat errors: properties, permission, duplicate names", async () => {
      const plain = await t.createUser({ username: 'plain' });
      for (const body of [{}, { name: 'x', scope: 'Rooms' }, { name: 'x', colour: 'red' }, { name: 7 }]) {
        assertDomainError(
          await create(body),
          'error-invalid-role-properties',
          'The role properties are invalid.',
        );
      }
      assertDomainError(
        await create({ name: 'auditor' }, plain),
        'error-action-not-allowed',
        'Accessing permissions is not allowed',
      );
      await newRole('auditor');
      for (const name of ['auditor', 'admin', 'owner']) {
        assertDomainError(
          await create({ name }),
          'error-duplicate-role-names-not-allowed',
          'Role name already exists',
        );
      }
    });

    it('updates a custom role, and keeps the name and scope of a protected one', async () => {
      const role = await newRole('auditor');
      const renamed = await t.post(
        '/api/v1/roles.update',
        {
          roleId: role._id,
          name: 'inspector',
          description: 'Inspects',
          scope: 'Subscriptions',
        },
        t.admin,
      );
      assert.equal(renamed.statusCode, 200, renamed.body);
      assert.equal(renamed.json().role._id, role._id);
      assert.equal(renamed.json().role.name, 'inspector');
      assert.equal(renamed.json().role.scope, 'Subscriptions');
      assert.equal(renamed.json().role.description, 'Inspects');
      assert.equal(renamed.json().role.protected, false);

      const described = await t.post(
        '/api/v1/roles.update',
        { roleId: 'admin', name: 'admin', description: 'Boss' },
        t.admin,
      );
      assert.equal(described.statusCode, 200, described.body);
      assert.equal(described.json().role.description, 'Boss');
      assert.equal(described.json().role.protected, true);
      const update = (body: unknown, as: Credentials = t.admin) => t.post('/api/v1/roles.update', body, as);
      assertDomainError(
        await update({ roleId: 'admin', name: 'chief' }),
        'error-role-protected',
        'Role is protected',
      );
      // The scope defaults to Users, so a protected room role named without its scope is a scope change.
      assertDomainError(
        await update({ roleId: 'owner', name: 'owner' }),
        'error-role-protected',
        'Role is protected',
      );
      assertDomainError(
        await update({ roleId: role._id, name: 'admin' }),
        'error-duplicate-role-names-not-allowed',
        'Role name already exists',
      );
      assertDomainError(
        await update({ roleId: 'nope', name: 'x' }),
        'error-invalid-roleId',
        'This role does not exist',
      );
      assertDomainError(
        await update({ name: 'x' }),
        'error-invalid-role-properties',
        'The role properties are invalid.',
      );
      const plain = await t.createUser({ username: 'plain' });
      assertDomainError(
        await update({ roleId: role._id, name: 'x' }, plain),
        'error-action-not-allowed',
        'Accessing permissions is not allowed',
      );
    });

    it('deletes an unused custom role by id or name and roles.sync reports it removed', async () => {
      const before = new Date(Date.now() - 1000).toISOString();
      const first = await newRole('auditor');
      await newRole('helper', 'Subscriptions');
      const deleted = await t.post('/api/v1/roles.delete', { roleId: first._id }, t.admin);
      assert.equal(deleted.statusCode, 200, deleted.body);
      assert.deepEqual(deleted.json(), { success: true });
      assert.equal((await t.post('/api/v1/roles.delete', { roleId: 'helper' }, t.admin)).statusCode, 200);
      assert.ok(!(await listRoles()).some((role) => role.name === 'auditor' || role.name === 'helper'));

      const sync = await t.get(`/api/v1/roles.sync?updatedSince=${encodeURIComponent(before)}`, t.admin);
      assert.equal(sync.statusCode, 200, sync.body);
      const { remove, update } = sync.json().roles;
      assert.deepEqual(
        remove
          .map((role: { name: string; __collection__: string }) => [role.name, role.__collection__])
          .sort(),
        [
          ['auditor', 'roles'],
          ['helper', 'roles'],
        ],
      );
      assert.ok(
        remove.every((role: { _deletedAt: string }) => Date.parse(role._deletedAt) >= Date.parse(before)),
      );
      assert.ok(!update.some((role: Role) => role.name === 'auditor'));
    });

    it("refuses to delete a protected role, a role in use, or an unknown one with Rocket.Chat's texts", async () => {
      const del = (body: unknown, as: Credentials = t.admin) => t.post('/api/v1/roles.delete', body, as);
      assertDomainError(
        await del({ roleId: 'bot' }),
        'error-role-protected',
        'Cannot delete a protected role',
      );
      assertDomainError(await del({ roleId: 'ghost' }), 'error-invalid-roleId', 'This role does not exist');

      const global = await newRole('auditor');
      await t.createUser({ username: 'held', roles: ['user', global._id] });
      assertDomainError(
        await del({ roleId: global._id }),
        'error-role-in-use',
        "Cannot delete role because it's in use",
      );

      const room = await newRole('helper', 'Subscriptions');
      const { user } = await t.createUser({ username: 'member' });
      await joinRoom(randomId(), user._id, 'member', [room._id]);
      assertDomainError(
        await del({ roleId: room._id }),
        'error-role-in-use',
        "Cannot delete role because it's in use",
      );

      const missing = await del({});
      assert.equal(missing.statusCode, 400);
      assert.deepEqual(missing.json(), {
        success: false,
        error: "must have required property 'roleId'",
        errorType: 'invalid-params',
      });
      const plain = await t.createUser({ username: 'plain' });
      assertForbidden(await del({ roleId: global._id }, plain));
    });

    it('roles.sync lists every role without updatedSince, none changed after a later date, and checks its query', async () => {
      const all = await t.get('/api/v1/roles.sync', t.admin);
      assert.equal(all.statusCode, 200, all.body);
      assert.deepEqual(
        all
          .json()
          .roles.update.map((role: Role) => role._id)
          .sort(),
        (await listRoles()).map((role) => role._id).sort(),
      );
      assert.deepEqual(all.json().roles.remove, []);
      const later = await t.get('/api/v1/roles.sync?updatedSince=2999-01-01T00:00:00.000Z', t.admin);
      assert.deepEqual(later.json().roles, { update: [], remove: [] });
      assertDomainError(
        await t.get('/api/v1/roles.sync?updatedSince=yesterday', t.admin),
        'error-invalid-param',
        'updatedSince must be a valid date string',
      );
      const extra = await t.get('/api/v1/roles.sync?since=1', t.admin);
      assert.equal(extra.statusCode, 400);
      assert.deepEqual(extra.json(), {
        success: false,
        error: 'must NOT have additional properties',
        errorType: 'error-invalid-params',
      });
    });

    it('pages the holders of a global role by username with the projection Rocket.Chat answers', async () => {
      const role = await newRole('auditor');
      for (const name of ['carol', 'alice', 'bob'])
        await t.createUser({ username: name, roles: ['user', role._id] });
      await t.createUser({ username: 'dave' });
      const response = await inRole(`role=${role._id}&count=2`);
      assert.equal(response.statusCode, 200, response.body);
      const { users, total, success } = response.json();
      assert.equal(success, true);
      assert.equal(total, 3);
      assert.deepEqual(
        users.map((user: { username: string }) => user.username),
        ['alice', 'bob'],
      );
      assert.deepEqual(Object.keys(users[0]).sort(), [
        '_id',
        '_updatedAt',
        'createdAt',
        'emails',
        'name',
        'username',
      ]);
      const next = (await inRole(`role=${role._id}&count=2&offset=2`)).json();
      assert.deepEqual(
        next.users.map((user: { username: string }) => user.username),
        ['carol'],
      );
      assert.equal(next.total, 3);
      const admins = (await inRole('role=admin')).json();
      assert.deepEqual(
        admins.users.map((user: { username: string }) => user.username),
        ['admin'],
      );
    });

    it('lists the holders of a room role in one room (view-other-user-channels) or in any room', async () => {
      const ann = await t.createUser({ username: 'ann' });
      const ben = await t.createUser({ username: 'ben' });
      const ops = randomId();
      const dev = randomId();
      await joinRoom(ops, ann.user._id, 'ann', ['moderator']);
      await joinRoom(ops, ben.user._id, 'ben', []);
      await joinRoom(dev, ben.user._id, 'ben', ['moderator']);
      const names = async (query: string) =>
        (await inRole(query)).json().users.map((user: { username: string }) => user.username);
      assert.deepEqual(await names(`role=moderator&roomId=${ops}`), ['ann']);
      assert.deepEqual(await names(`role=moderator&roomId=${dev}`), ['ben']);
      assert.deepEqual(await names('role=moderator'), ['ann', 'ben']);

      // access-permissions without view-other-user-channels: no roomId.
      const body = { permissions: [{ _id: 'access-permissions', roles: ['admin', 'user'] }] };
      assert.equal((await t.post('/api/v1/permissions.update', body, t.admin)).statusCode, 200);
      assertDomainError(
        await inRole(`role=moderator&roomId=${ops}`, ann),
        'error-not-allowed',
        'Not allowed',
      );
      assert.equal((await inRole('role=moderator', ann)).statusCode, 200);
    });

    it("answers roles.getUsersInRole's permission, validation and not-found errors", async () => {
      const plain = await t.createUser({ username: 'plain' });
      assertForbidden(await inRole('role=admin', plain));
      const invalid = async (query: string, error: string) => {
        const response = await inRole(query);
        assert.equal(response.statusCode, 400, response.body);
        assert.deepEqual(response.json(), { success: false, error, errorType: 'error-invalid-params' });
      };
      await invalid('', "must have required property 'role'");
      await invalid('role=admin&colour=red', 'must NOT have additional properties');
      await invalid('role=admin&count=many', 'must be number');
      assertDomainError(await inRole('role='), 'error-param-not-provided', 'Query param "role" is required');
      const role = await newRole('auditor');
      for (const query of ['role=wizard', 'role=auditor']) {
        const unknown = await inRole(query);
        assert.equal(unknown.statusCode, 400);
        assert.deepEqual(unknown.json(), {
          success: false,
          error: '[error-invalid-roleId]',
          errorType: 'error-invalid-roleId',
        });
      }
      assert.equal((await inRole(`role=${role._id}`)).json().total, 0);
    });

    it('users.update takes a custom role by its _id and refuses its name, as validateUserData does', async () => {
      const { user } = await t.createUser({ username: 'edited' });
      const role = await newRole('auditor');
      const update = (roles: string[]) =>
        t.post('/api/v1/users.update', { userId: user._id, data: { roles } }, t.admin);
      assertDomainError(
        await update(['user', 'auditor']),
        'error-action-not-allowed',
        'The field Roles consist invalid role id',
      );
      const accepted = await update(['user', role._id]);
      assert.equal(accepted.statusCode, 200, accepted.body);
      assert.deepEqual(accepted.json().user.roles, ['user', role._id]);
    });

    it("a custom role granted and taken shows by its _id in users.info's roles at once", async () => {
      const { user } = await t.createUser({ username: 'grantee' });
      const role = await newRole('auditor');
      const info = async () =>
        (await t.get(`/api/v1/users.info?userId=${user._id}`, t.admin)).json().user.roles;
      assert.deepEqual(await info(), ['user']);
      const granted = await t.post(
        '/api/v1/roles.addUserToRole',
        { username: 'grantee', roleId: role._id },
        t.admin,
      );
      assert.equal(granted.statusCode, 200, granted.body);
      assert.deepEqual(await info(), ['user', role._id]);
      const renamed = await t.post('/api/v1/roles.update', { roleId: role._id, name: 'inspector' }, t.admin);
      assert.equal(renamed.statusCode, 200);
      assert.deepEqual(await info(), ['user', role._id]);
      const taken = await t.post(
        '/api/v1/roles.removeUserFromRole',
        { username: 'grantee', roleId: role._id },
        t.admin,
      );
      assert.equal(taken.statusCode, 200, taken.body);
      assert.deepEqual(await info(), ['user']);
    });
  });
}
