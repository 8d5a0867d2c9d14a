// POST users.setActiveStatus and users.delete: effects on tokens and data, permissions, last-admin rules.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { randomId } from '../../src/core/ids.js';
import { issueLoginToken } from '../../src/core/auth/login-tokens.js';
import { startTestApp, type Credentials, type TestApp } from '../helpers/test-app.js';
import { testStores } from '../helpers/test-stores.js';
import { assertDomainError, assertForbidden } from './admin-fixtures.js';

for (const [storeName, factory] of testStores()) {
  describe(`users.setActiveStatus (${storeName})`, () => {
    let t: TestApp;
    beforeEach(async () => (t = await startTestApp(factory)));
    afterEach(async () => t.dispose());

    const setActive = (userId: string, activeStatus: unknown, as: Credentials = t.admin) =>
      t.post('/api/v1/users.setActiveStatus', { userId, activeStatus }, as);

    it('answers {user:{_id, active}} and deactivation stops every token of the user at once', async () => {
      const target = await t.createUser({ username: 'target', roles: ['user', 'admin'] });
      const second = await t.issueToken(target.userId);
      const pat = issueLoginToken(target.userId, new Date());
      await t.store.tokens.insert({ ...pat.stored, type: 'personalAccessToken', name: 'bot' });
      const patHeaders = {
        userId: target.userId,
        token: pat.rawToken,
        headers: { 'x-user-id': target.userId, 'x-auth-token': pat.rawToken },
      };
      assert.equal((await t.get('/api/v1/roles.list', patHeaders)).statusCode, 200);
      assert.equal((await t.get('/api/v1/roles.list', target)).statusCode, 200);
      const response = await setActive(target.userId, false);
      assert.equal(response.statusCode, 200);
      assert.equal(response.body, `{"user":{"_id":"${target.userId}","active":false},"success":true}`);
      assert.equal((await t.get('/api/v1/roles.list', target)).statusCode, 401);
      assert.equal((await t.get('/api/v1/users.list', second)).statusCode, 401);
      assert.equal((await t.get('/api/v1/roles.list', patHeaders)).statusCode, 401);
      assert.deepEqual(await t.store.tokens.listOfUser(target.userId, 'login'), []);
      assert.deepEqual(await t.store.tokens.listOfUser(target.userId, 'personalAccessToken'), []);
    });

    it('reactivates a user, who can then use a new token', async () => {
      const target = await t.createUser({ username: 'again' });
      await setActive(target.userId, false);
      const response = await setActive(target.userId, true);
      assert.equal(response.body, `{"user":{"_id":"${target.userId}","active":true},"success":true}`);
      const fresh = await t.issueToken(target.userId);
      assert.equal((await t.get('/api/v1/roles.list', fresh)).statusCode, 200);
    });

    it('answers 403 without edit-other-user-active-status', async () => {
      const plain = await t.createUser({ username: 'plain' });
      assertForbidden(await setActive(t.admin.userId, false, plain));
    });

    it('answers 400 invalid-params for a non-boolean activeStatus and "User not found" for an unknown user', async () => {
      assertDomainError(await setActive(t.admin.userId, 'false'), 'invalid-params', 'must be boolean');
      const response = await setActive('missing', false);
      assert.equal(response.statusCode, 400);
      assert.equal(response.body, '{"success":false,"error":"User not found"}');
    });

    it('refuses to deactivate the only active admin but allows it when another admin is active', async () => {
      assertDomainError(
        await setActive(t.admin.userId, false),
        'error-action-not-allowed',
        'Leaving the app without an active admin is not allowed',
      );
      await t.createUser({ username: 'admin2', roles: ['admin'] });
      assert.equal((await setActive(t.admin.userId, false)).statusCode, 200);
    });
  });

  describe(`users.delete (${storeName})`, () => {
    let t: TestApp;
    beforeEach(async () => (t = await startTestApp(factory)));
    afterEach(async () => t.dispose());

    it('removes the user, their tokens and their subscriptions and answers {deletedRooms:[], success:true}', async () => {
      const target = await t.createUser({ username: 'gone' });
      const stays = await t.createUser({ username: 'stays' });
      const rid = randomId();
      await t.store.rooms.insert({ _id: rid, t: 'c', name: 'lobby', usersCount: 2 }, [
        { _id: randomId(), rid, t: 'c', name: 'lobby', u: { _id: target.userId, username: 'gone' } },
        { _id: randomId(), rid, t: 'c', name: 'lobby', u: { _id: stays.userId, username: 'stays' } },
      ]);
      const response = await t.post('/api/v1/users.delete', { userId: target.userId });
      assert.equal(response.statusCode, 200);
      assert.equal(response.body, '{"deletedRooms":[],"success":true}');
      assert.equal(await t.store.users.findById(target.userId), null);
      assert.deepEqual(await t.store.subscriptions.listOfUser(target.userId), []);
      assert.deepEqual(
        (await t.store.subscriptions.listOfRoom(rid)).map((s) => s.u._id),
        [stays.userId],
      );
      assert.deepEqual(await t.store.tokens.listOfUser(target.userId, 'login'), []);
      assert.equal((await t.get('/api/v1/roles.list', target)).statusCode, 401);
    });

    it('finds the user by username, case-insensitively, as getUserFromParams does', async () => {
      const target = await t.createUser({ username: 'Named' });
      assert.equal((await t.post('/api/v1/users.delete', { username: 'named' })).statusCode, 200);
      assert.equal(await t.store.users.findById(target.userId), null);
    });

    it('answers 403 without delete-user', async () => {
      const plain = await t.createUser({ username: 'plain' });
      assertForbidden(await t.post('/api/v1/users.delete', { userId: t.admin.userId }, plain));
    });

    it('answers Rocket.Chat errors for no user param and for an unknown user', async () => {
      assertDomainError(
        await t.post('/api/v1/users.delete', {}),
        'error-user-param-not-provided',
        'The required "userId" or "username" param was not provided',
      );
      assertDomainError(
        await t.post('/api/v1/users.delete', { userId: 'nobody' }),
        'error-invalid-user',
        'The required "userId" or "username" param provided does not match any users',
      );
      assertDomainError(
        await t.post('/api/v1/users.delete', { userId: 5 }),
        'invalid-params',
        'must be string',
      );
    });

    it('refuses to delete the only admin; a deactivated second admin counts, as in Rocket.Chat', async () => {
      assertDomainError(
        await t.post('/api/v1/users.delete', { userId: t.admin.userId }),
        'error-action-not-allowed',
        'Leaving the app without admins is not allowed',
      );
      await t.createUser({ username: 'sleeper', roles: ['admin'], extra: { active: false } });
      assert.equal((await t.post('/api/v1/users.delete', { userId: t.admin.userId })).statusCode, 200);
    });
  });
}
