// users.info visibility over HTTP (users-info.md §5, §7, §10): field sets per caller, custom fields, services.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { UserDoc } from '../../../src/core/documents.js';
import { DEFAULT_FIELDS, FULL_FIELDS } from '../../../src/core/users/user-visibility.js';
import type { TestApp } from '../../helpers/test-app.js';
import { testStores } from '../../helpers/test-stores.js';
import { setCustomFields, setPermission, startUsersInfoApp, userOf, usersInfo } from './fixtures.js';

/** Every field of both sets, custom fields, every kind of service, and fields that are never shown. */
function richUser(id: string, username: string): UserDoc {
  const user: UserDoc = { _id: id };
  for (const field of [...DEFAULT_FIELDS, ...FULL_FIELDS]) user[field] = `${field} of ${username}`;
  Object.assign(user, {
    username,
    emails: [{ address: `${username}@example.com`, verified: true }],
    roles: ['user'],
    importIds: [`imp-${username}`],
    freeSwitchExtension: `ext-${username}`,
    customFields: { department: 'R&D', badge: 'B-7', shoeSize: '44' },
    services: {
      password: { bcrypt: '$2b$10$SECRETHASHSECRETHASHSECRETHASH' },
      passwordHistory: ['$2b$10$OLDHASH'],
      resume: { loginTokens: [{ when: '2024-01-01T00:00:00.000Z', hashedToken: 'STOREDHASHEDTOKEN' }] },
      email: { verificationTokens: [{ token: 'VERIFYTOKEN', address: 'x@example.com' }] },
      email2fa: { enabled: true, changedAt: '2023-07-10T16:44:58.546Z' },
      totp: { enabled: true, secret: 'TOTPSECRET', hashedBackup: ['BACKUPHASH'] },
      github: { id: 7, username: 'gh-user', accessToken: 'GHACCESSTOKEN', refreshToken: 'GHREFRESH' },
    },
    e2e: { private_key: 'E2EPRIVATE', public_key: 'pub' },
    settings: { preferences: { language: 'en' } },
    __rooms: ['r1'],
    inviteToken: 'INVITETOKEN',
    ldap: true,
    _updatedAt: '2024-01-01T00:00:00.000Z',
  });
  return user;
}

const SECRETS = [
  'SECRETHASH',
  'OLDHASH',
  'STOREDHASHEDTOKEN',
  'VERIFYTOKEN',
  'TOTPSECRET',
  'BACKUPHASH',
  'GHACCESSTOKEN',
  'GHREFRESH',
  'E2EPRIVATE',
  'INVITETOKEN',
];

for (const [storeName, factory] of testStores()) {
  describe(`users.info visibility (${storeName})`, () => {
    let t: TestApp;
    beforeEach(async () => (t = await startUsersInfoApp(factory)));
    afterEach(async () => t.dispose());

    /** rich, a plain caller `plain`, and the rich user's own token. */
    const setUp = async () => {
      await t.store.users.insert(richUser('rich-id', 'rich'));
      const rich = await t.issueToken('rich-id');
      const plain = await t.createUser({ username: 'plain' });
      await setCustomFields(t, JSON.stringify({ department: { public: true }, badge: { public: false } }));
      return { rich, plain };
    };

    it('shows a plain caller only _id, the default fields, public custom fields and canViewAllInfo:false', async () => {
      const { plain } = await setUp();
      const user = userOf(await usersInfo(t, 'username=rich', plain));
      assert.deepEqual(
        Object.keys(user).sort(),
        ['_id', ...DEFAULT_FIELDS, 'customFields', 'canViewAllInfo'].sort(),
      );
      for (const field of FULL_FIELDS) assert.equal(field in user, false, field);
      assert.deepEqual(user.customFields, { department: 'R&D' });
      assert.equal(user.canViewAllInfo, false);
    });

    it('shows a caller with view-full-other-user-info every field of both sets and every defined custom field', async () => {
      await setUp();
      const user = userOf(await usersInfo(t, 'username=rich'));
      assert.deepEqual(
        Object.keys(user).sort(),
        ['_id', ...DEFAULT_FIELDS, ...FULL_FIELDS, 'customFields', 'canViewAllInfo'].sort(),
      );
      for (const field of FULL_FIELDS) assert.notEqual(user[field], undefined, field);
      assert.deepEqual(user.customFields, { department: 'R&D', badge: 'B-7' });
      assert.equal(user.canViewAllInfo, true);
      assert.equal('services' in user, false);
    });

    it('shows the user themselves both sets, every defined custom field and their sanitised services', async () => {
      const { rich } = await setUp();
      const user = userOf(await usersInfo(t, 'userId=rich-id', rich));
      assert.deepEqual(
        Object.keys(user).sort(),
        ['_id', ...DEFAULT_FIELDS, ...FULL_FIELDS, 'customFields', 'services', 'canViewAllInfo'].sort(),
      );
      assert.deepEqual(user.services, {
        password: true,
        email2fa: { enabled: true, changedAt: '2023-07-10T16:44:58.546Z' },
        totp: { enabled: true },
        github: { id: 7, username: 'gh-user' },
      });
      assert.deepEqual(user.customFields, { department: 'R&D', badge: 'B-7' });
    });

    it('never sends a hash, token, TOTP secret or never-shown field to anyone', async () => {
      const { rich, plain } = await setUp();
      for (const as of [rich, plain, t.admin]) {
        for (const query of ['userId=rich-id', 'username=rich', 'freeSwitchExtension=ext-rich']) {
          const body = (await usersInfo(t, `${query}&includeUserRooms=true`, as)).body;
          for (const secret of SECRETS) assert.equal(body.includes(secret), false, `${secret} in ${body}`);
          for (const field of [
            '"e2e"',
            '"settings"',
            '"__rooms"',
            '"inviteToken"',
            '"ldap"',
            '"_updatedAt"',
          ]) {
            assert.equal(body.includes(field), false, field);
          }
        }
      }
    });

    it('gives full info to a plain role once view-full-other-user-info is granted, and takes it back', async () => {
      const { plain } = await setUp();
      await setPermission(t, 'view-full-other-user-info', ['admin', 'user']);
      const granted = userOf(await usersInfo(t, 'username=rich', plain));
      assert.equal(granted.canViewAllInfo, true);
      assert.ok(Array.isArray(granted.emails));
      assert.deepEqual(granted.customFields, { department: 'R&D', badge: 'B-7' });
      await setPermission(t, 'view-full-other-user-info', ['admin']);
      const withdrawn = userOf(await usersInfo(t, 'username=rich', plain));
      assert.equal(withdrawn.canViewAllInfo, false);
      assert.equal('emails' in withdrawn, false);
    });

    it('returns only custom fields defined in Accounts_CustomFields, public ones to everyone, private ones to full viewers', async () => {
      const { plain } = await setUp();
      await setCustomFields(
        t,
        JSON.stringify({ badge: { public: true, type: 'text' }, shoeSize: { public: 'yes' } }),
      );
      assert.deepEqual(userOf(await usersInfo(t, 'username=rich', plain)).customFields, { badge: 'B-7' });
      assert.deepEqual(userOf(await usersInfo(t, 'username=rich')).customFields, {
        badge: 'B-7',
        shoeSize: '44',
      });
    });

    it('returns no custom fields when Accounts_CustomFields is empty, not an object or invalid JSON', async () => {
      await setUp();
      for (const value of ['', '   ', '[1,2]', '"text"', '{"department": {public: true}', '{not json']) {
        await setCustomFields(t, value);
        const response = await usersInfo(t, 'username=rich');
        const user = userOf(response);
        assert.equal('customFields' in user, false, value);
        assert.equal(user.department, undefined);
      }
    });

    it('shows customFields:{} when visible fields are defined but the user has none of them', async () => {
      const { plain } = await setUp();
      const other = await t.createUser({ username: 'other', extra: { customFields: { shoeSize: '40' } } });
      assert.deepEqual(userOf(await usersInfo(t, 'username=other', plain)).customFields, {});
      assert.equal('customFields' in userOf(await usersInfo(t, 'username=plain', other)), false);
    });

    it('answers the next request with custom fields changed through the store', async () => {
      const { plain } = await setUp();
      assert.deepEqual(userOf(await usersInfo(t, 'username=rich', plain)).customFields, {
        department: 'R&D',
      });
      await setCustomFields(t, JSON.stringify({ shoeSize: { public: true } }));
      assert.deepEqual(userOf(await usersInfo(t, 'username=rich', plain)).customFields, { shoeSize: '44' });
    });

    it('shows services only to the user themselves, never to an admin looking at someone else', async () => {
      const { rich } = await setUp();
      const admin = userOf(await usersInfo(t, 'username=rich'));
      assert.equal('services' in admin, false);
      const richViewsAdmin = userOf(await usersInfo(t, 'username=admin', rich));
      assert.equal('services' in richViewsAdmin, false);
      const adminSelf = userOf(await usersInfo(t, `userId=${t.admin.userId}`));
      assert.deepEqual(adminSelf.services, { password: true });
    });

    it("answers with Rocket.Chat's example body byte for byte (users-info.md §10)", async () => {
      await t.store.users.insert({
        _id: '5fRTXMt7DMJbpPJfh',
        createdAt: '2023-07-10T16:44:58.548Z',
        services: {
          password: { bcrypt: '$2b$10$x' },
          email2fa: { enabled: true, changedAt: '2023-07-10T16:44:58.546Z' },
        },
        username: 'test.john',
        emails: [{ address: 'test.john@test.com', verified: true }],
        type: 'user',
        status: 'offline',
        active: true,
        _updatedAt: '2023-10-10T23:40:46.093Z',
        roles: ['user', 'admin'],
        name: 'Test John',
        requirePasswordChange: false,
        lastLogin: '2023-10-10T23:40:46.093Z',
        statusConnection: 'offline',
        utcOffset: 1,
        statusText: '',
        avatarETag: 'GFoEi6wv3uAxnzDcD',
        nickname: 'tesuser2',
        freeSwitchExtension: '1234',
      });
      const sub = (id: string, rid: string, name: string, type: string, extra: object) => ({
        _id: id,
        rid,
        name,
        t: type,
        ...extra,
        u: { _id: '5fRTXMt7DMJbpPJfh', username: 'test.john' },
        open: true,
        alert: false,
      });
      await t.store.rooms.insert({ _id: 'WDuJLFkjwk6L7LdFC', t: 'p', name: 'new' }, [
        sub('64ef8a982c26843a68c1f7ae', 'WDuJLFkjwk6L7LdFC', 'new', 'p', { roles: ['leader'], unread: 0 }),
      ]);
      await t.store.rooms.insert({ _id: 'JKa7R9zu2DinBhBN9', t: 'c', name: 'Livestream' }, [
        sub('651667dda2f73c7460e18cce', 'JKa7R9zu2DinBhBN9', 'Livestream', 'c', { unread: 1 }),
      ]);
      const response = await usersInfo(t, 'username=test.john&includeUserRooms=true');
      assert.equal(response.statusCode, 200);
      assert.equal(
        response.body,
        '{"user":{"_id":"5fRTXMt7DMJbpPJfh","createdAt":"2023-07-10T16:44:58.548Z","username":"test.john",' +
          '"emails":[{"address":"test.john@test.com","verified":true}],"type":"user","status":"offline","active":true,' +
          '"roles":["user","admin"],"name":"Test John","requirePasswordChange":false,"lastLogin":"2023-10-10T23:40:46.093Z",' +
          '"statusConnection":"offline","utcOffset":1,"statusText":"","avatarETag":"GFoEi6wv3uAxnzDcD","nickname":"tesuser2",' +
          '"freeSwitchExtension":"1234","canViewAllInfo":true,' +
          '"rooms":[{"_id":"651667dda2f73c7460e18cce","rid":"JKa7R9zu2DinBhBN9","name":"Livestream","t":"c","unread":1},' +
          '{"_id":"64ef8a982c26843a68c1f7ae","rid":"WDuJLFkjwk6L7LdFC","name":"new","t":"p","roles":["leader"],"unread":0}]},' +
          '"success":true}',
      );

      const john = await t.issueToken('5fRTXMt7DMJbpPJfh');
      const self = userOf(await usersInfo(t, 'username=test.john', john));
      assert.deepEqual(self.services, {
        password: true,
        email2fa: { enabled: true, changedAt: '2023-07-10T16:44:58.546Z' },
      });
      const plain = await t.createUser({ username: 'plain' });
      const seenByPlain = (await usersInfo(t, 'username=test.john&includeUserRooms=true', plain)).body;
      assert.equal(
        seenByPlain,
        '{"user":{"_id":"5fRTXMt7DMJbpPJfh","username":"test.john","type":"user","status":"offline","active":true,' +
          '"name":"Test John","utcOffset":1,"statusText":"","avatarETag":"GFoEi6wv3uAxnzDcD","nickname":"tesuser2",' +
          '"freeSwitchExtension":"1234","canViewAllInfo":false},"success":true}',
      );
    });
  });
}
