// OWASP API Top 10 style (broken object / function level authorisation): a user acting on another user's
// account, tokens, settings, PATs or rooms without permission is always refused, and nothing changes.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { hashLoginToken } from '../../src/core/auth/login-tokens.js';
import { startTestApp, type Credentials, type TestApp } from '../helpers/test-app.js';
import { testStores } from '../helpers/test-stores.js';

interface Scene {
  attacker: Credentials & { username: string };
  victim: Credentials & { username: string; patName: string };
  groupId: string;
  channelId: string;
}

type Attack = (s: Scene) => {
  method: 'GET' | 'POST';
  url: string;
  payload?: object;
  headers?: Record<string, string>;
};

const ATTACKS: Record<string, Attack> = {
  'users.update another user': (s) => ({
    method: 'POST',
    url: '/api/v1/users.update',
    payload: { userId: s.victim.userId, data: { name: 'pwned', roles: ['admin'] } },
  }),
  'users.delete another user': (s) => ({
    method: 'POST',
    url: '/api/v1/users.delete',
    payload: { userId: s.victim.userId },
  }),
  'users.setActiveStatus another user': (s) => ({
    method: 'POST',
    url: '/api/v1/users.setActiveStatus',
    payload: { userId: s.victim.userId, activeStatus: false },
  }),
  'users.create an admin': () => ({
    method: 'POST',
    url: '/api/v1/users.create',
    payload: {
      username: 'evil',
      email: 'evil@example.com',
      name: 'Evil',
      password: 'evil-password',
      roles: ['admin'],
    },
  }),
  "remove another user's PAT": (s) => ({
    method: 'POST',
    url: '/api/v1/users.removePersonalAccessToken',
    payload: { tokenName: s.victim.patName },
  }),
  "regenerate another user's PAT": (s) => ({
    method: 'POST',
    url: '/api/v1/users.regeneratePersonalAccessToken',
    payload: { tokenName: s.victim.patName },
  }),
  "me with another user's id": (s) => ({
    method: 'GET',
    url: '/api/v1/me',
    headers: { 'x-user-id': s.victim.userId, 'x-auth-token': s.attacker.token },
  }),
  "logout with another user's id": (s) => ({
    method: 'POST',
    url: '/api/v1/logout',
    headers: { 'x-user-id': s.victim.userId, 'x-auth-token': s.attacker.token },
  }),
  "login resume with another user's hashed token": (s) => ({
    method: 'POST',
    url: '/api/v1/login',
    payload: { resume: hashLoginToken(s.victim.token) },
    headers: {},
  }),
  'change a setting': () => ({
    method: 'POST',
    url: '/api/v1/settings/API_Enable_Rate_Limiter',
    payload: { value: false },
  }),
  'grant itself a permission': () => ({
    method: 'POST',
    url: '/api/v1/permissions.update',
    payload: { permissions: [{ _id: 'view-full-other-user-info', roles: ['user', 'guest'] }] },
  }),
  'make itself admin': (s) => ({
    method: 'POST',
    url: '/api/v1/roles.addUserToRole',
    payload: { roleName: 'admin', username: s.attacker.username },
  }),
  "remove another user's role": (s) => ({
    method: 'POST',
    url: '/api/v1/roles.removeUserFromRole',
    payload: { roleName: 'user', username: s.victim.username },
  }),
  "assign another user's VoIP extension": (s) => ({
    method: 'POST',
    url: '/api/v1/voip-freeswitch.extension.assign',
    payload: { username: s.victim.username, extension: '1234' },
  }),
  "read another user's private group": (s) => ({
    method: 'GET',
    url: `/api/v1/groups.info?roomId=${s.groupId}`,
  }),
  "invite itself into another user's private group": (s) => ({
    method: 'POST',
    url: '/api/v1/groups.invite',
    payload: { roomId: s.groupId, userId: s.attacker.userId },
  }),
  'kick the owner of a private group': (s) => ({
    method: 'POST',
    url: '/api/v1/groups.kick',
    payload: { roomId: s.groupId, userId: s.victim.userId },
  }),
  "delete another user's private group": (s) => ({
    method: 'POST',
    url: '/api/v1/groups.delete',
    payload: { roomId: s.groupId },
  }),
  "delete another user's channel": (s) => ({
    method: 'POST',
    url: '/api/v1/channels.delete',
    payload: { roomId: s.channelId },
  }),
  'kick the owner of a channel': (s) => ({
    method: 'POST',
    url: '/api/v1/channels.kick',
    payload: { roomId: s.channelId, userId: s.victim.userId },
  }),
  "mark another user's private group read": (s) => ({
    method: 'POST',
    url: '/api/v1/subscriptions.read',
    payload: { rid: s.groupId },
  }),
  // users.list itself is open to view-d-room holders (every user, as Rocket.Chat 8.5); finding a user by email
  // through it needs view-full-other-user-info.
  'find another user by email through users.list': (s) => ({
    method: 'GET',
    url: `/api/v1/users.list?email=${encodeURIComponent(`${s.victim.username}@example.com`)}`,
  }),
};

for (const [storeName, factory] of testStores()) {
  describe(`access control between users (${storeName})`, () => {
    let t: TestApp;
    let serial = 0;
    before(async () => {
      t = await startTestApp(factory);
      await t.store.settings.save({ _id: 'API_Enable_Rate_Limiter', type: 'boolean', value: false });
    });
    after(async () => t.dispose());

    async function scene(attackerRole: string): Promise<Scene> {
      serial += 1;
      const attacker = {
        ...(await t.createUser({ username: `att${serial}`, roles: [attackerRole] })),
        username: `att${serial}`,
      };
      const victimUser = await t.createUser({ username: `vic${serial}` });
      const patName = `vic-pat-${serial}`;
      const pat = await t.post(
        '/api/v1/users.generatePersonalAccessToken',
        { tokenName: patName },
        victimUser,
      );
      assert.equal(pat.statusCode, 200, pat.body);
      const group = await t.post('/api/v1/groups.create', { name: `vicg${serial}` }, victimUser);
      const channel = await t.post('/api/v1/channels.create', { name: `vicc${serial}` }, victimUser);
      assert.equal(group.statusCode, 200, group.body);
      assert.equal(channel.statusCode, 200, channel.body);
      return {
        attacker,
        victim: { ...victimUser, username: `vic${serial}`, patName },
        groupId: group.json().group._id,
        channelId: channel.json().channel._id,
      };
    }

    async function snapshot(s: Scene) {
      const victim = await t.store.users.findById(s.victim.userId);
      const attacker = await t.store.users.findById(s.attacker.userId);
      return {
        victim: victim && {
          name: victim.name,
          active: victim.active,
          roles: victim.roles,
          ext: victim.freeSwitchExtension,
        },
        attackerRoles: attacker?.roles,
        victimTokens: (await t.store.tokens.listOfUser(s.victim.userId, 'personalAccessToken')).map(
          (token) => token.hashedToken,
        ),
        victimSession: (await t.get('/api/v1/me', s.victim)).statusCode,
        group: (await t.store.rooms.findById(s.groupId)) !== null,
        channel: (await t.store.rooms.findById(s.channelId)) !== null,
        attackerInGroup: (await t.store.subscriptions.find(s.groupId, s.attacker.userId)) !== null,
        victimInRooms: [
          await t.store.subscriptions.find(s.groupId, s.victim.userId),
          await t.store.subscriptions.find(s.channelId, s.victim.userId),
        ].every(Boolean),
        permissions: JSON.stringify(await t.store.permissions.list()),
        rateLimiter: (await t.store.settings.find('API_Enable_Rate_Limiter'))?.value,
        evil: (await t.store.users.findByUsername('evil')) !== null,
      };
    }

    it('refuses every attack on another user, their tokens, settings, PATs or rooms, and changes nothing', async () => {
      const names = Object.keys(ATTACKS);
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom('user', 'guest'),
          fc.shuffledSubarray(names, { minLength: 3, maxLength: 8 }),
          async (role, chosen) => {
            const s = await scene(role);
            const before = await snapshot(s);
            for (const name of chosen) {
              const attack = (ATTACKS[name] as Attack)(s);
              const response = await t.inject({
                method: attack.method,
                url: attack.url,
                headers: attack.headers ?? s.attacker.headers,
                ...(attack.payload ? { payload: attack.payload } : {}),
              });
              assert.ok(
                [400, 401, 403, 404].includes(response.statusCode),
                `${name} as ${role}: ${response.statusCode} ${response.body}`,
              );
              assert.equal(response.json().success, false, name);
              assert.doesNotMatch(response.body, new RegExp(`vicg${serial}|${s.victim.patName}`), name);
            }
            assert.deepEqual(await snapshot(s), before);
          },
        ),
        { numRuns: Number(process.env.ROSTER_PROPERTY_RUNS ?? 16), seed: 201 },
      );
    });

    it("lists only the caller's own personal access tokens", async () => {
      const s = await scene('user');
      await t.post('/api/v1/users.generatePersonalAccessToken', { tokenName: 'mine' }, s.attacker);
      const response = await t.get('/api/v1/users.getPersonalAccessTokens', s.attacker);
      assert.equal(response.statusCode, 200);
      assert.deepEqual(
        (response.json().tokens as Array<{ name: string }>).map((token) => token.name),
        ['mine'],
      );
    });

    it("leaves out another user's rooms from users.info includeUserRooms without view-other-user-channels", async () => {
      const s = await scene('user');
      const response = await t.get(
        `/api/v1/users.info?userId=${s.victim.userId}&includeUserRooms=true`,
        s.attacker,
      );
      assert.equal(response.statusCode, 200);
      assert.equal('rooms' in (response.json().user as object), false);
    });
  });
}
