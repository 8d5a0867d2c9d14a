// settings.public, GET settings, settings.oauth, service.configurations: shapes, filters, paging, permission, errors.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { KNOWN_SETTINGS } from '../../src/core/setup/defaults.js';
import { startTestApp, type Credentials, type TestApp } from '../helpers/test-app.js';
import { testStores } from '../helpers/test-stores.js';
import type { LightMyRequestResponse } from 'fastify';
import { assertDomainError } from './admin-fixtures.js';

/** The settings Roster honours that Rocket.Chat registers with `public: true`, by _id. */
const PUBLIC_IDS = [
  'Accounts_AllowDeleteOwnAccount',
  'Accounts_AllowInvisibleStatusOption',
  'Accounts_AllowUserAvatarChange',
  'Accounts_AllowUserStatusMessageChange',
  'Accounts_AllowUsernameChange',
  'Accounts_CustomFields',
  'Accounts_LoginExpiration',
  'Accounts_ManuallyApproveNewUsers',
  'Accounts_RegistrationForm',
  'Accounts_TwoFactorAuthentication_By_Email_Enabled',
  'Accounts_TwoFactorAuthentication_By_TOTP_Enabled',
  'Accounts_TwoFactorAuthentication_Enabled',
  'Accounts_TwoFactorAuthentication_Enforce_Password_Fallback',
  'FileUpload_MaxFileSize',
  'Message_AllowDeleting',
  'Message_AllowDeleting_BlockDeleteInMinutes',
  'Message_MaxAllowedSize',
  'Presence_broadcast_disabled',
  'Site_Url',
  'UI_Use_Name_Avatar',
  'Unread_Count',
  'Unread_Count_DM',
];

type Listed = { _id: string; value: unknown; packageValue?: unknown };

/** The typed router's answer to a query its schema refuses. */
function assertInvalidQuery(response: LightMyRequestResponse, error: string): void {
  assert.equal(response.statusCode, 400, response.body);
  assert.deepEqual(response.json(), { success: false, error, errorType: 'error-invalid-params' });
}

for (const [storeName, factory] of testStores()) {
  describe(`settings lists (${storeName})`, () => {
    let t: TestApp;
    beforeEach(async () => (t = await startTestApp(factory)));
    afterEach(async () => t.dispose());

    const anonymous = (url: string) => t.inject({ method: 'GET', url });
    const ids = (settings: Listed[]) => settings.map((setting) => setting._id);

    it('settings.public answers the public settings to anyone, {_id, value} by _id, with count, offset and total', async () => {
      const response = await anonymous('/api/v1/settings.public');
      assert.equal(response.statusCode, 200, response.body);
      const body = response.json();
      assert.deepEqual(ids(body.settings), PUBLIC_IDS);
      assert.deepEqual(
        body.settings.find((setting: Listed) => setting._id === 'Accounts_LoginExpiration'),
        { _id: 'Accounts_LoginExpiration', value: 90 },
      );
      // The settings a client reads before login to offer registration, status messages, avatar changes.
      assert.deepEqual(
        body.settings.find((setting: Listed) => setting._id === 'Accounts_RegistrationForm'),
        { _id: 'Accounts_RegistrationForm', value: 'Public' },
      );
      assert.ok(!ids(body.settings).includes('Accounts_RegistrationForm_SecretURL'), 'a secret setting');
      assert.deepEqual(
        { count: body.count, offset: body.offset, total: body.total, success: body.success },
        { count: PUBLIC_IDS.length, offset: 0, total: PUBLIC_IDS.length, success: true },
      );
    });

    it('settings.public filters by a comma-separated _id list, pages and sorts', async () => {
      const chosen = (
        await anonymous(
          '/api/v1/settings.public?_id=Site_Url,%20Accounts_LoginExpiration,API_Enable_Rate_Limiter',
        )
      ).json();
      assert.deepEqual(ids(chosen.settings), ['Accounts_LoginExpiration', 'Site_Url']);
      assert.equal(chosen.total, 2);
      const second = (await anonymous('/api/v1/settings.public?count=2&offset=2')).json();
      assert.deepEqual(ids(second.settings), PUBLIC_IDS.slice(2, 4));
      assert.deepEqual([second.count, second.offset, second.total], [2, 2, PUBLIC_IDS.length]);
      const sort = encodeURIComponent('{"_id":-1}');
      const reversed = (await anonymous(`/api/v1/settings.public?sort=${sort}`)).json();
      assert.deepEqual(ids(reversed.settings), [...PUBLIC_IDS].reverse());
    });

    it('settings.public shows a changed value at once', async () => {
      const written = await t.post('/api/v1/settings/Accounts_LoginExpiration', { value: 14 }, t.admin);
      assert.equal(written.statusCode, 200, written.body);
      const body = (await anonymous('/api/v1/settings.public?_id=Accounts_LoginExpiration')).json();
      assert.deepEqual(body.settings, [{ _id: 'Accounts_LoginExpiration', value: 14 }]);
    });

    it("answers settings.public's validation errors in Rocket.Chat's shape", async () => {
      assertInvalidQuery(
        await anonymous('/api/v1/settings.public?query=%7B%7D'),
        'must NOT have additional properties',
      );
      assertInvalidQuery(await anonymous('/api/v1/settings.public?count=many'), 'must be number');
      assertDomainError(
        await anonymous('/api/v1/settings.public?sort=name'),
        'error-invalid-sort',
        'Invalid sort parameter provided: "name"',
      );
    });

    it('GET settings lists every setting to a view-privileged-setting holder, with packageValue on includeDefaults', async () => {
      await t.post('/api/v1/settings/Accounts_LoginExpiration', { value: 30 }, t.admin);
      const all = (await t.get('/api/v1/settings?count=100', t.admin)).json();
      assert.equal(all.total, Object.keys(KNOWN_SETTINGS).length);
      assert.deepEqual(ids(all.settings), Object.keys(KNOWN_SETTINGS).sort());
      assert.ok(all.settings.every((setting: Listed) => !('packageValue' in setting)));
      const withDefaults = (await t.get('/api/v1/settings?includeDefaults=true&count=100', t.admin)).json();
      assert.deepEqual(
        withDefaults.settings.find((setting: Listed) => setting._id === 'Accounts_LoginExpiration'),
        { _id: 'Accounts_LoginExpiration', value: 30, packageValue: 90 },
      );
      assert.deepEqual(
        withDefaults.settings.find((setting: Listed) => setting._id === 'API_Enable_Rate_Limiter'),
        { _id: 'API_Enable_Rate_Limiter', value: true, packageValue: true },
      );
    });

    it('GET settings answers only public settings without view-privileged-setting, 401 without login, 400 for bad params', async () => {
      const plain: Credentials = await t.createUser({ username: 'plain' });
      const response = await t.get('/api/v1/settings', plain);
      assert.equal(response.statusCode, 200, response.body);
      assert.deepEqual(ids(response.json().settings), PUBLIC_IDS);
      assert.equal((await anonymous('/api/v1/settings')).statusCode, 401);
      assertInvalidQuery(
        await t.get('/api/v1/settings?_id=Site_Url', t.admin),
        'must NOT have additional properties',
      );
      assertInvalidQuery(await t.get('/api/v1/settings?includeDefaults=maybe', t.admin), 'must be boolean');
    });

    it('settings.oauth and service.configurations answer empty lists to anyone (Roster has no login services)', async () => {
      const oauth = await anonymous('/api/v1/settings.oauth');
      assert.equal(oauth.statusCode, 200);
      assert.equal(oauth.body, '{"services":[],"success":true}');
      const configurations = await anonymous('/api/v1/service.configurations');
      assert.equal(configurations.statusCode, 200);
      assert.equal(configurations.body, '{"configurations":[],"success":true}');
    });
  });
}
