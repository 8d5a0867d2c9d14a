// roles.list, roles.addUserToRole, roles.removeUserFromRole: shapes, permission, errors and effects.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { randomId } from '../../src/core/ids.js';
import { startTestApp, type Credentials, type TestApp } from '../helpers/test-app.js';
import { testStores } from '../helpers/test-stores.js';
import { assertDomainError, assertForbidden, assertMeteorError } from './admin-fixtures.js';

for (const [storeName, factory] of testStores()) {
  describe(`roles (${storeName})`, () => {
    let t: TestApp;
    beforeEach(async () => (t = await startTestApp(factory)));
    afterEach(async () => t.dispose());

    const add = (body: unknown, as: Credentials = t.admin) => t.post('/api/v1/roles.addUserToRole', body, as);
    const remove = (body: unknown, as: Credentials = t.admin) =>
      t.post('/api/v1/roles.removeUserFromRole', body, as);

    it("lists every role with Rocket.Chat's fields to any authenticated user", async () => {
      const plain = await t.createUser({ username: 'plain' });
      const response = await t.get('/api/v1/roles.list', plain);
      assert.equal(response.statusCode, 200);
      const { roles, success } = response.json();
      assert.equal(success, true);
      assert.deepEqual(
        roles.find((role: { _id: string }) => role._id === 'admin'),
        {
          _id: 'admin',
          name: 'admin',
          scope: 'Users',
          description: 'Admin',
          protected: true,
          mandatory2fa: false,
        },
      );
      assert.ok(
        roles.some(
          (role: { _id: string; scope: string }) => role._id === 'owner' && role.scope === 'Subscriptions',
        ),
      );
    });

    it('grants a role by roleId or roleName and answers {role}', async () => {
      const { user } = await t.createUser({ username: 'grantee' });
      const response = await add({ username: 'grantee', roleId: 'bot' });
      assert.equal(response.statusCode, 200);
      assert.equal(response.json().role._id, 'bot');
      assert.equal(response.json().success, true);
      assert.equal((await add({ username: 'GRANTEE', roleName: 'admin' })).statusCode, 200);
      assert.deepEqual((await t.store.users.findById(user._id))?.roles, ['user', 'bot', 'admin']);
    });

    it("a granted admin role takes effect on the user's next request", async () => {
      const grantee = await t.createUser({ username: 'rising' });
      assertForbidden(await t.get('/api/v1/settings/Accounts_LoginExpiration', grantee));
      await add({ username: 'rising', roleId: 'admin' });
      assert.equal((await t.get('/api/v1/settings/Accounts_LoginExpiration', grantee)).statusCode, 200);
    });

    it('answers addUserToRole\'s 400 "Accessing permissions is not allowed" and removeUserFromRole\'s 403 without access-permissions', async () => {
      const plain = await t.createUser({ username: 'plain' });
      assertMeteorError(
        await add({ username: 'plain', roleId: 'bot' }, plain),
        'error-action-not-allowed',
        'Accessing permissions is not allowed',
        { method: 'authorization:addUserToRole', action: 'Accessing_permissions' },
      );
      assertForbidden(await remove({ username: 'admin', roleId: 'admin' }, plain));
    });

    it('answers 400 "Assigning admin is not allowed" to an access-permissions holder without assign-admin-role', async () => {
      await t.store.permissions.saveMany([{ _id: 'access-permissions', roles: ['admin', 'user'] }]);
      const plain = await t.createUser({ username: 'plain' });
      assertMeteorError(
        await add({ username: 'plain', roleId: 'admin' }, plain),
        'error-action-not-allowed',
        'Assigning admin is not allowed',
        { method: 'authorization:addUserToRole', action: 'Assign_admin' },
      );
      assert.equal((await add({ username: 'plain', roleId: 'bot' }, plain)).statusCode, 200);
    });

    it("answers addUserToRole's Rocket.Chat errors", async () => {
      await t.createUser({ username: 'someone' });
      assertDomainError(
        await add({ roleId: 'bot' }),
        'invalid-params',
        "must have required property 'username'",
      );
      // isRoleAddUserToRoleProps (rest-typings): `username` only, no `userId`, and no other key.
      assertDomainError(
        await add({ userId: t.admin.userId, roleId: 'bot' }),
        'invalid-params',
        "must have required property 'username'",
      );
      assertDomainError(
        await add({ username: 'someone', userId: t.admin.userId, roleId: 'bot' }),
        'invalid-params',
        'must NOT have additional properties',
      );
      assertDomainError(
        await add({ username: 'ghost', roleId: 'bot' }),
        'error-invalid-user',
        'The required "userId" or "username" param provided does not match any users',
      );
      const noRole = await add({ username: 'someone' });
      assert.equal(noRole.body, '{"success":false,"error":"error-invalid-role-properties"}');
      const unknown = await add({ username: 'someone', roleId: 'wizard' });
      assert.equal(unknown.statusCode, 400);
      assert.equal(
        unknown.body,
        '{"success":false,"error":"error-role-not-found","errorType":"Role not found"}',
      );
      assertDomainError(
        await add({ username: 'someone', roleId: 'user' }),
        'error-user-already-in-role',
        'User already in role',
      );
    });

    it("grants and removes a room role on the user's subscription when given a room", async () => {
      const { user } = await t.createUser({ username: 'member' });
      const rid = randomId();
      await t.store.rooms.insert({ _id: rid, t: 'c', name: 'ops' }, [
        { _id: randomId(), rid, t: 'c', name: 'ops', u: { _id: user._id, username: 'member' } },
      ]);
      assertDomainError(
        await add({ username: 'member', roleId: 'moderator', roomId: 'elsewhere' }),
        'error-invalid-user',
        'User is not part of given room',
      );
      assert.equal((await add({ username: 'member', roleId: 'moderator', roomId: rid })).statusCode, 200);
      assert.deepEqual((await t.store.subscriptions.find(rid, user._id))?.roles, ['moderator']);
      assert.equal((await remove({ username: 'member', roleId: 'moderator', scope: rid })).statusCode, 200);
      assert.deepEqual((await t.store.subscriptions.find(rid, user._id))?.roles, []);
    });

    it('removes a role and answers {role}', async () => {
      const { user } = await t.createUser({ username: 'demoted', roles: ['user', 'bot'] });
      const response = await remove({ username: 'demoted', roleId: 'bot' });
      assert.equal(response.statusCode, 200);
      assert.equal(response.json().role._id, 'bot');
      assert.deepEqual((await t.store.users.findById(user._id))?.roles, ['user']);
    });

    it("answers removeUserFromRole's Rocket.Chat errors, the last admin rule included", async () => {
      await t.createUser({ username: 'someone' });
      const noRole = await remove({ username: 'someone' });
      assert.equal(noRole.body, '{"success":false,"error":"error-invalid-role-properties"}');
      assertDomainError(
        await remove({ username: 'SOMEONE', roleId: 'user' }),
        'error-invalid-user',
        'There is no user with this username',
      );
      assertDomainError(
        await remove({ username: 'someone', roleId: 'wizard' }),
        'error-invalid-roleId',
        'This role does not exist',
      );
      assertDomainError(
        await remove({ username: 'someone', roleId: 'bot' }),
        'error-user-not-in-role',
        'User is not in this role',
      );
      assertDomainError(
        await remove({ username: 'admin', roleId: 'admin' }),
        'error-admin-required',
        'You need to have at least one admin',
      );
    });
  });
}
