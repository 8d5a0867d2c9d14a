// Issue 17 item 6, as a table: per endpoint, a caller without the permission gets Rocket.Chat 8.5's exact answer —
// `permissionsRequired`'s 403, `API.v1.forbidden()`'s 403 "unauthorized", or the handler's Meteor.Error (400).
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { startTestApp, type Credentials, type TestApp } from '../helpers/test-app.js';
import { testStores } from '../helpers/test-stores.js';

/** The middlewares/permissions.ts answer to a route's `permissionsRequired`. */
const PERMISSIONS_REQUIRED = {
  success: false,
  error: 'User does not have the permissions required for this action [error-unauthorized]',
};
/** `API.v1.forbidden()` in 8.x (ApiClass.ts: `applyBreakingChanges` is for 9.0). */
const API_FORBIDDEN = { success: false, error: 'unauthorized' };

const meteor = (errorType: string, reason: string, details?: Record<string, string>) => ({
  success: false,
  error: `${reason} [${errorType}]`,
  errorType,
  ...(details ? { details } : {}),
});
const notAllowed = (method: string) => meteor('error-not-allowed', 'Not allowed', { method });
const saveUser = (reason: string, action: string) =>
  meteor('error-action-not-allowed', reason, { method: 'insertOrUpdateUser', action });

interface Fixture {
  /** Role `user`, a plain member of `room`. */
  plain: Credentials;
  /** No roles at all: holds no permission. */
  nobody: Credentials;
  /** Another user, the target of the calls. */
  other: Credentials;
  roomId: string;
}

interface Row {
  /** The endpoint and the case. */
  name: string;
  /** The Rocket.Chat function whose answer is matched. */
  rc: string;
  request: (f: Fixture) => { method: 'GET' | 'POST'; url: string; body?: object; as: Credentials };
  status: number;
  body: object;
}

const USERS: Row[] = [
  {
    name: 'users.create without create-user',
    rc: 'validateUserData',
    request: (f) => ({
      method: 'POST',
      url: '/api/v1/users.create',
      body: { username: 'new1', email: 'new1@example.org', name: 'New', password: 'secret-password' },
      as: f.plain,
    }),
    status: 400,
    body: saveUser('Adding user is not allowed', 'Adding_user'),
  },
  {
    name: 'users.update of another user without edit-other-user-info',
    rc: 'validateUserData',
    request: (f) => ({
      method: 'POST',
      url: '/api/v1/users.update',
      body: { userId: f.other.userId, data: { name: 'Hacked' } },
      as: f.plain,
    }),
    status: 400,
    body: saveUser('Editing user is not allowed', 'Editing_user'),
  },
  {
    name: 'users.update of own roles without assign-roles',
    rc: 'validateUserEditing',
    request: (f) => ({
      method: 'POST',
      url: '/api/v1/users.update',
      body: { userId: f.plain.userId, data: { roles: ['user', 'bot'] } },
      as: f.plain,
    }),
    status: 400,
    body: saveUser('Assign roles is not allowed', 'Assign_role'),
  },
  {
    name: 'users.update of own roles with admin, without assign-admin-role',
    rc: 'validateUserData',
    request: (f) => ({
      method: 'POST',
      url: '/api/v1/users.update',
      body: { userId: f.plain.userId, data: { roles: ['admin'] } },
      as: f.plain,
    }),
    status: 400,
    body: saveUser('Assigning admin is not allowed', 'Assign_admin'),
  },
  {
    name: 'users.update of `active` without edit-other-user-active-status',
    rc: 'setUserActiveStatus method',
    request: (f) => ({
      method: 'POST',
      url: '/api/v1/users.update',
      body: { userId: f.plain.userId, data: { active: true } },
      as: f.plain,
    }),
    status: 400,
    body: notAllowed('setUserActiveStatus'),
  },
  {
    name: 'users.setActiveStatus without either permission',
    rc: 'permissionsRequired (hasAny)',
    request: (f) => ({
      method: 'POST',
      url: '/api/v1/users.setActiveStatus',
      body: { userId: f.other.userId, activeStatus: false },
      as: f.plain,
    }),
    status: 403,
    body: PERMISSIONS_REQUIRED,
  },
  {
    name: 'users.delete without delete-user',
    rc: 'permissionsRequired',
    request: (f) => ({
      method: 'POST',
      url: '/api/v1/users.delete',
      body: { userId: f.other.userId },
      as: f.plain,
    }),
    status: 403,
    body: PERMISSIONS_REQUIRED,
  },
  {
    name: 'users.list without view-d-room',
    rc: 'permissionsRequired',
    request: (f) => ({ method: 'GET', url: '/api/v1/users.list', as: f.nobody }),
    status: 403,
    body: PERMISSIONS_REQUIRED,
  },
  {
    name: 'users.list ?email= without view-full-other-user-info',
    rc: 'users.list → API.v1.forbidden()',
    request: (f) => ({ method: 'GET', url: '/api/v1/users.list?email=other%40example.com', as: f.plain }),
    status: 403,
    body: API_FORBIDDEN,
  },
  {
    name: 'users.deactivateIdle without edit-other-user-active-status',
    rc: 'permissionsRequired',
    request: (f) => ({
      method: 'POST',
      url: '/api/v1/users.deactivateIdle',
      body: { daysIdle: 1 },
      as: f.plain,
    }),
    status: 403,
    body: PERMISSIONS_REQUIRED,
  },
  {
    name: 'users.logout of another user without logout-other-user',
    rc: 'users.logout → API.v1.forbidden()',
    request: (f) => ({
      method: 'POST',
      url: '/api/v1/users.logout',
      body: { userId: f.other.userId },
      as: f.plain,
    }),
    status: 403,
    body: API_FORBIDDEN,
  },
  {
    name: 'users.setStatus of another user without edit-other-user-info',
    rc: 'users.setStatus → API.v1.forbidden()',
    request: (f) => ({
      method: 'POST',
      url: '/api/v1/users.setStatus',
      body: { message: 'x', userId: f.other.userId },
      as: f.plain,
    }),
    status: 403,
    body: API_FORBIDDEN,
  },
  {
    name: "users.setPreferences of another user's preferences without edit-other-user-info",
    rc: 'users.setPreferences (Meteor.Error without details)',
    request: (f) => ({
      method: 'POST',
      url: '/api/v1/users.setPreferences',
      body: { userId: f.other.userId, data: { language: 'en' } },
      as: f.plain,
    }),
    status: 400,
    body: meteor('error-action-not-allowed', 'Editing user is not allowed'),
  },
];

const ADMIN_AREAS: Row[] = [
  {
    name: 'users.generatePersonalAccessToken without create-personal-access-tokens',
    rc: 'generatePersonalAccessTokenOfUser',
    request: (f) => ({
      method: 'POST',
      url: '/api/v1/users.generatePersonalAccessToken',
      body: { tokenName: 'ci' },
      as: f.nobody,
    }),
    status: 400,
    body: meteor('not-authorized', 'Not Authorized', { method: 'personalAccessTokens:generateToken' }),
  },
  {
    name: 'users.getPersonalAccessTokens without create-personal-access-tokens',
    rc: 'permissionsRequired',
    request: (f) => ({ method: 'GET', url: '/api/v1/users.getPersonalAccessTokens', as: f.nobody }),
    status: 403,
    body: PERMISSIONS_REQUIRED,
  },
  {
    name: 'roles.addUserToRole without access-permissions',
    rc: 'addUserToRole (authorization)',
    request: (f) => ({
      method: 'POST',
      url: '/api/v1/roles.addUserToRole',
      body: { username: 'other', roleId: 'bot' },
      as: f.plain,
    }),
    status: 400,
    body: meteor('error-action-not-allowed', 'Accessing permissions is not allowed', {
      method: 'authorization:addUserToRole',
      action: 'Accessing_permissions',
    }),
  },
  {
    name: 'roles.removeUserFromRole without access-permissions',
    rc: 'permissionsRequired',
    request: (f) => ({
      method: 'POST',
      url: '/api/v1/roles.removeUserFromRole',
      body: { username: 'other', roleId: 'user' },
      as: f.plain,
    }),
    status: 403,
    body: PERMISSIONS_REQUIRED,
  },
  {
    name: 'roles.getUsersInRole without access-permissions',
    rc: 'permissionsRequired',
    request: (f) => ({ method: 'GET', url: '/api/v1/roles.getUsersInRole?role=admin', as: f.plain }),
    status: 403,
    body: PERMISSIONS_REQUIRED,
  },
  {
    name: 'permissions.update without access-permissions',
    rc: 'permissionsRequired',
    request: (f) => ({
      method: 'POST',
      url: '/api/v1/permissions.update',
      body: { permissions: [{ _id: 'create-user', roles: ['user'] }] },
      as: f.plain,
    }),
    status: 403,
    body: PERMISSIONS_REQUIRED,
  },
  {
    name: 'GET settings/:_id without view-privileged-setting',
    rc: 'permissionsRequired',
    request: (f) => ({ method: 'GET', url: '/api/v1/settings/Site_Name', as: f.plain }),
    status: 403,
    body: PERMISSIONS_REQUIRED,
  },
  {
    name: 'voip-freeswitch.extension.assign without manage-voip-extensions',
    rc: 'permissionsRequired',
    request: (f) => ({
      method: 'POST',
      url: '/api/v1/voip-freeswitch.extension.assign',
      body: { username: 'other', extension: '100' },
      as: f.plain,
    }),
    status: 403,
    body: PERMISSIONS_REQUIRED,
  },
];

const ROOMS: Row[] = [
  {
    name: 'channels.create without create-c',
    rc: 'createChannelValidator → API.v1.forbidden()',
    request: (f) => ({
      method: 'POST',
      url: '/api/v1/channels.create',
      body: { name: 'nope-c' },
      as: f.nobody,
    }),
    status: 403,
    body: API_FORBIDDEN,
  },
  {
    name: 'groups.create without create-p',
    rc: 'createPrivateGroupMethod',
    request: (f) => ({
      method: 'POST',
      url: '/api/v1/groups.create',
      body: { name: 'nope-p' },
      as: f.nobody,
    }),
    status: 400,
    body: notAllowed('createPrivateGroup'),
  },
  {
    name: 'im.create without create-d (no such DM yet)',
    rc: 'createDirectMessage',
    request: (f) => ({ method: 'POST', url: '/api/v1/im.create', body: { username: 'other' }, as: f.nobody }),
    status: 400,
    body: notAllowed('createDirectMessage'),
  },
  {
    name: 'channels.invite by a plain member',
    rc: 'addUsersToRoomMethod',
    request: (f) => ({
      method: 'POST',
      url: '/api/v1/channels.invite',
      body: { roomId: f.roomId, userId: f.other.userId },
      as: f.plain,
    }),
    status: 400,
    body: notAllowed('addUsersToRoom'),
  },
  {
    name: 'channels.kick by a plain member',
    rc: 'removeUserFromRoomMethod',
    request: (f) => ({
      method: 'POST',
      url: '/api/v1/channels.kick',
      body: { roomId: f.roomId, userId: f.plain.userId },
      as: f.plain,
    }),
    status: 400,
    body: notAllowed('removeUserFromRoom'),
  },
  {
    name: 'channels.delete by a plain member',
    rc: 'eraseRoom',
    request: (f) => ({
      method: 'POST',
      url: '/api/v1/channels.delete',
      body: { roomId: f.roomId },
      as: f.plain,
    }),
    status: 400,
    body: notAllowed('eraseRoom'),
  },
  {
    name: 'channels.counters of another user without view-room-administration',
    rc: 'channels.counters → API.v1.forbidden()',
    request: (f) => ({
      method: 'GET',
      url: `/api/v1/channels.counters?roomId=${f.roomId}&userId=${f.other.userId}`,
      as: f.plain,
    }),
    status: 403,
    body: API_FORBIDDEN,
  },
  {
    name: 'groups.listAll without view-room-administration',
    rc: 'permissionsRequired',
    request: (f) => ({ method: 'GET', url: '/api/v1/groups.listAll', as: f.plain }),
    status: 403,
    body: PERMISSIONS_REQUIRED,
  },
];

for (const [storeName, factory] of testStores()) {
  describe(`permission failures per endpoint (${storeName})`, () => {
    let t: TestApp;
    let fixture: Fixture;
    beforeEach(async () => {
      t = await startTestApp(factory);
      const plain = await t.createUser({ username: 'plain' });
      const nobody = await t.createUser({ username: 'nobody', roles: [] });
      const other = await t.createUser({ username: 'other' });
      const created = await t.post('/api/v1/channels.create', { name: 'perm-room', members: ['plain'] });
      assert.equal(created.statusCode, 200, created.body);
      fixture = {
        plain,
        nobody,
        other,
        roomId: (created.json() as { channel: { _id: string } }).channel._id,
      };
    });
    afterEach(async () => t.dispose());

    const check = async (rows: readonly Row[]) => {
      for (const row of rows) {
        const { method, url, body, as } = row.request(fixture);
        const response =
          method === 'GET'
            ? await t.get(url, as)
            : await t.inject({ method, url, payload: body ?? {}, headers: as.headers });
        const label = `${row.name} (Rocket.Chat: ${row.rc})`;
        assert.equal(response.statusCode, row.status, `${label}: ${response.body}`);
        assert.deepEqual(response.json(), row.body, label);
      }
    };

    it('answers the users.* refusals as saveUser, its methods and the routes do', async () => check(USERS));
    it('answers the token, role, permission, setting and VoIP refusals as Rocket.Chat does', async () =>
      check(ADMIN_AREAS));
    it('answers the room refusals as addUsersToRoom, removeUserFromRoom, eraseRoom and the create routes do', async () =>
      check(ROOMS));
  });
}
