// users.info lookup (users-info.md §4): each key found and missed, the "myself" rules, the importId/email gate.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { newUserDocument } from '../../../src/core/users/user-document.js';
import type { Credentials, TestApp } from '../../helpers/test-app.js';
import { testStores } from '../../helpers/test-stores.js';
import { setPermission, startUsersInfoApp, USER_NOT_FOUND, userOf, usersInfo } from './fixtures.js';

for (const [storeName, factory] of testStores()) {
  describe(`users.info lookup (${storeName})`, () => {
    let t: TestApp;
    beforeEach(async () => (t = await startUsersInfoApp(factory)));
    afterEach(async () => t.dispose());

    const makeBob = () =>
      t.createUser({
        username: 'bob',
        email: 'Bob@Example.com',
        password: 'bob-password',
        extra: { importIds: ['imp-bob-1', 'imp-bob-2'], freeSwitchExtension: '1234' },
      });
    const makeCarol = () =>
      t.createUser({
        username: 'carol',
        extra: { importIds: ['imp-carol'], freeSwitchExtension: '5678' },
      });

    const expectMiss = async (query: string, as: Credentials = t.admin) => {
      const response = await usersInfo(t, query, as);
      assert.equal(response.statusCode, 400, query);
      assert.equal(response.body, USER_NOT_FOUND, query);
    };

    it('finds a user by userId equal to their _id, and by userId equal to their username', async () => {
      const bob = await makeBob();
      assert.equal(userOf(await usersInfo(t, `userId=${bob.userId}`)).username, 'bob');
      assert.equal(userOf(await usersInfo(t, 'userId=bob'))._id, bob.userId);
    });

    it('finds a user by username equal to their username, and by username equal to their _id', async () => {
      const bob = await makeBob();
      assert.equal(userOf(await usersInfo(t, 'username=bob'))._id, bob.userId);
      assert.equal(userOf(await usersInfo(t, `username=${bob.userId}`)).username, 'bob');
    });

    it('answers 400 "User not found." for an unknown userId or username, matched case-sensitively', async () => {
      await makeBob();
      await expectMiss('userId=nobody');
      await expectMiss('username=nobody');
      await expectMiss('username=Bob');
      await expectMiss('userId=BOB');
    });

    it("prefers the _id match when one user has an _id equal to another user's username", async () => {
      await makeBob();
      await t.store.users.insert(
        newUserDocument(
          { id: 'bob', username: 'notbob', email: 'n@example.com', name: 'N', roles: ['user'] },
          new Date(),
        ),
      );
      assert.equal(userOf(await usersInfo(t, 'username=bob')).username, 'notbob');
    });

    it('finds a user by any of their importIds for a caller with view-full-other-user-info', async () => {
      const bob = await makeBob();
      assert.equal(userOf(await usersInfo(t, 'importId=imp-bob-2'))._id, bob.userId);
      await expectMiss('importId=imp-nobody');
      await expectMiss('importId=imp-bob');
    });

    it('finds a user by email trimmed and case-insensitively for a caller with view-full-other-user-info', async () => {
      const bob = await makeBob();
      for (const email of ['Bob@Example.com', 'bob@example.com', '  BOB@EXAMPLE.COM  ']) {
        assert.equal(userOf(await usersInfo(t, `email=${encodeURIComponent(email)}`))._id, bob.userId, email);
      }
      await expectMiss('email=nobody%40example.com');
      await expectMiss('email=%20%20');
    });

    it('finds a user by freeSwitchExtension exactly, for any caller, without full info', async () => {
      const bob = await makeBob();
      const carol = await makeCarol();
      const user = userOf(await usersInfo(t, 'freeSwitchExtension=1234', carol));
      assert.equal(user._id, bob.userId);
      assert.equal(user.canViewAllInfo, false);
      await expectMiss('freeSwitchExtension=9999');
      await expectMiss('freeSwitchExtension=%201234');
      await expectMiss('freeSwitchExtension=123');
    });

    it('answers "User not found." for an importId lookup of another user without view-full-other-user-info', async () => {
      await makeBob();
      const carol = await makeCarol();
      await expectMiss('importId=imp-bob-1', carol);
      await expectMiss('importId=imp-nobody', carol);
    });

    it('answers "User not found." for an email lookup of another user without view-full-other-user-info', async () => {
      await makeBob();
      const carol = await makeCarol();
      const gated = await usersInfo(t, 'email=bob%40example.com', carol);
      const missed = await usersInfo(t, 'email=nobody%40example.com', carol);
      assert.equal(gated.statusCode, 400);
      assert.equal(gated.body, USER_NOT_FOUND);
      assert.equal(missed.body, gated.body);
      assert.equal(missed.headers['content-type'], gated.headers['content-type']);
    });

    it('lets a plain user look themselves up by their own importId and email, with full info', async () => {
      const bob = await makeBob();
      for (const query of ['importId=imp-bob-1', 'email=%20BOB%40example.com']) {
        const user = userOf(await usersInfo(t, query, bob));
        assert.equal(user._id, bob.userId, query);
        assert.equal(user.canViewAllInfo, true, query);
        assert.deepEqual(user.services, { password: true }, query);
      }
    });

    it('opens the importId and email gate for a plain user once their role gets view-full-other-user-info', async () => {
      const bob = await makeBob();
      const carol = await makeCarol();
      await expectMiss('email=bob%40example.com', carol);
      await setPermission(t, 'view-full-other-user-info', ['admin', 'user']);
      const byEmail = userOf(await usersInfo(t, 'email=bob%40example.com', carol));
      assert.equal(byEmail._id, bob.userId);
      assert.equal(byEmail.canViewAllInfo, true);
      assert.equal('services' in byEmail, false);
      assert.equal(userOf(await usersInfo(t, 'importId=imp-bob-1', carol))._id, bob.userId);
      await expectMiss('importId=imp-nobody', carol);
    });

    it('closes the gate for an admin once view-full-other-user-info is withdrawn from admin', async () => {
      await makeBob();
      await setPermission(t, 'view-full-other-user-info', []);
      await expectMiss('email=bob%40example.com');
      await expectMiss('importId=imp-bob-1');
      const admin = userOf(await usersInfo(t, 'email=admin%40example.com'));
      assert.equal(admin.canViewAllInfo, true);
    });

    it("treats userId equal to the caller's _id as myself: full info and services", async () => {
      const bob = await makeBob();
      const user = userOf(await usersInfo(t, `userId=${bob.userId}`, bob));
      assert.equal(user.canViewAllInfo, true);
      assert.deepEqual(user.services, { password: true });
      assert.ok(Array.isArray(user.emails));
    });

    it("treats username equal to the caller's username as myself: full info and services", async () => {
      const bob = await makeBob();
      const user = userOf(await usersInfo(t, 'username=bob', bob));
      assert.equal(user.canViewAllInfo, true);
      assert.deepEqual(user.services, { password: true });
    });

    it("treats freeSwitchExtension equal to the caller's as myself: full info and services", async () => {
      const bob = await makeBob();
      const user = userOf(await usersInfo(t, 'freeSwitchExtension=1234', bob));
      assert.equal(user._id, bob.userId);
      assert.equal(user.canViewAllInfo, true);
      assert.deepEqual(user.services, { password: true });
    });

    it('does not treat userId=<own username> or username=<own _id> as myself (Rocket.Chat compares per key)', async () => {
      const bob = await makeBob();
      for (const query of ['userId=bob', `username=${bob.userId}`]) {
        const user = userOf(await usersInfo(t, query, bob));
        assert.equal(user._id, bob.userId, query);
        assert.equal(user.canViewAllInfo, false, query);
        assert.equal('services' in user, false, query);
        assert.equal('emails' in user, false, query);
      }
    });

    it("never shows another user with the self view when their _id equals the caller's username", async () => {
      const bob = await makeBob();
      await t.store.users.insert(
        newUserDocument(
          {
            id: 'bob',
            username: 'impostor',
            email: 'imp@example.com',
            name: 'Impostor',
            roles: ['user'],
            passwordHash: 'hash-of-impostor',
          },
          new Date(),
        ),
      );
      const user = userOf(await usersInfo(t, 'username=bob', bob));
      assert.equal(user.username, 'impostor');
      assert.equal(user.canViewAllInfo, false);
      assert.equal('services' in user, false);
      assert.equal('emails' in user, false);
    });

    it('finds a deactivated user, shown with active:false', async () => {
      const bob = await makeBob();
      await t.store.users.update(bob.userId, (user) => ({ ...user, active: false }), { revokeTokens: true });
      const user = userOf(await usersInfo(t, 'username=bob'));
      assert.equal(user._id, bob.userId);
      assert.equal(user.active, false);
      assert.equal(userOf(await usersInfo(t, 'freeSwitchExtension=1234')).active, false);
    });
  });
}
