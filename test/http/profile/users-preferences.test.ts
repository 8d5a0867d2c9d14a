// users.getPreferences / users.setPreferences: Rocket.Chat's shapes, validation, permission, and /me showing them.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { TestApp } from '../../helpers/test-app.js';
import { testStores } from '../../helpers/test-stores.js';
import { assertDomainError } from '../admin-fixtures.js';
import { startUsersInfoApp } from '../users-info/fixtures.js';

const NOT_SET_UP =
  '{"success":false,"error":"FAILED TO RETRIEVE USER PREFERENCES BECAUSE THEY HAVEN\'T BEEN SET UP BY THE USER YET"}';

for (const [storeName, factory] of testStores()) {
  describe(`users.getPreferences / users.setPreferences (${storeName})`, () => {
    let t: TestApp;
    beforeEach(async () => (t = await startUsersInfoApp(factory)));
    afterEach(async () => t.dispose());

    it('writes the given keys, answers {user:{_id, settings:{preferences}}} with language, and getPreferences reads them back', async () => {
      const bob = await t.createUser({ username: 'bob', extra: { settings: {} } });
      const response = await t.post(
        '/api/v1/users.setPreferences',
        { data: { useEmojis: false, language: 'de', highlights: ['urgent'], emailNotificationMode: 'all' } },
        bob,
      );
      assert.equal(response.statusCode, 200, response.body);
      assert.deepEqual(response.json(), {
        user: {
          _id: bob.userId,
          settings: {
            preferences: {
              useEmojis: false,
              language: 'de',
              highlights: ['urgent'],
              emailNotificationMode: 'mentions',
            },
          },
        },
        success: true,
      });
      const read = await t.get('/api/v1/users.getPreferences', bob);
      assert.equal(read.statusCode, 200);
      assert.deepEqual(read.json(), {
        preferences: {
          useEmojis: false,
          language: 'de',
          highlights: ['urgent'],
          emailNotificationMode: 'mentions',
        },
        success: true,
      });
      const stored = await t.store.users.findById(bob.userId);
      assert.equal(stored?.language, 'de');
    });

    it('/me shows the written preference over the Accounts_Default_User_Preferences default, and its language', async () => {
      const bob = await t.createUser({ username: 'bob' });
      const before = (await t.get('/api/v1/me', bob)).json() as {
        settings: { preferences: Record<string, unknown> };
      };
      assert.equal(before.settings.preferences.sidebarViewMode, 'medium');
      await t.post(
        '/api/v1/users.setPreferences',
        { data: { sidebarViewMode: 'condensed', language: 'pt-BR' } },
        bob,
      );
      const after = (await t.get('/api/v1/me', bob)).json() as {
        language: string;
        settings: { preferences: Record<string, unknown> };
      };
      assert.equal(after.settings.preferences.sidebarViewMode, 'condensed');
      assert.equal(after.settings.preferences.useEmojis, true);
      assert.equal(after.language, 'pt-BR');
    });

    it("getPreferences answers Rocket.Chat's failure for a user document without settings, {} once settings exist", async () => {
      const bare = await t.createUser({ username: 'bare' });
      const response = await t.get('/api/v1/users.getPreferences', bare);
      assert.equal(response.statusCode, 400);
      assert.equal(response.body, NOT_SET_UP);
      const withSettings = await t.createUser({ username: 'set', extra: { settings: {} } });
      assert.equal(
        (await t.get('/api/v1/users.getPreferences', withSettings)).body,
        '{"preferences":{},"success":true}',
      );
    });

    it("refuses another user's preferences without edit-other-user-info and writes them with it", async () => {
      const bob = await t.createUser({ username: 'bob' });
      const eve = await t.createUser({ username: 'eve' });
      assertDomainError(
        await t.post('/api/v1/users.setPreferences', { userId: bob.userId, data: { useEmojis: false } }, eve),
        'error-action-not-allowed',
        'Editing user is not allowed',
      );
      const byAdmin = await t.post('/api/v1/users.setPreferences', {
        userId: bob.userId,
        data: { hideRoles: true },
      });
      assert.equal(byAdmin.statusCode, 200, byAdmin.body);
      const me = (await t.get('/api/v1/me', bob)).json() as {
        settings: { preferences: Record<string, unknown> };
      };
      assert.equal(me.settings.preferences.hideRoles, true);
    });

    it('answers "does not match any users" for an unknown userId', async () => {
      assertDomainError(
        await t.post('/api/v1/users.setPreferences', { userId: 'nobody', data: {} }),
        'error-invalid-user',
        'The optional "userId" param provided does not match any users',
      );
    });

    it('validates as UsersSetPreferencesParamsPOST: data required, typed keys, no unknown keys', async () => {
      assertDomainError(
        await t.post('/api/v1/users.setPreferences', {}),
        'invalid-params',
        "must have required property 'data'",
      );
      assertDomainError(
        await t.post('/api/v1/users.setPreferences', { data: { useEmojis: 'yes' } }),
        'invalid-params',
        'must be boolean',
      );
      assertDomainError(
        await t.post('/api/v1/users.setPreferences', { data: { services: {} } }),
        'invalid-params',
        'must NOT have additional properties',
      );
      assertDomainError(
        await t.post('/api/v1/users.setPreferences', { data: { alsoSendThreadToChannel: 'sometimes' } }),
        'invalid-params',
        'must be equal to one of the allowed values',
      );
    });

    it('refuses an idleTimeLimit under a minute as saveUserPreferences does', async () => {
      assertDomainError(
        await t.post('/api/v1/users.setPreferences', { data: { idleTimeLimit: 30 } }),
        'invalid-idle-time-limit-value',
        'Idle time limit must be at least 1 minutes.',
      );
    });

    it('answers 401 without credentials', async () => {
      const response = await t.inject({ method: 'GET', url: '/api/v1/users.getPreferences' });
      assert.equal(response.statusCode, 401);
    });
  });
}
