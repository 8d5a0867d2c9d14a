// GET / POST settings/:_id: the known settings, permissions, type checks and a change seen at once.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { startTestApp, type Credentials, type TestApp } from '../helpers/test-app.js';
import { testStores } from '../helpers/test-stores.js';
import { assertDomainError, assertForbidden } from './admin-fixtures.js';

for (const [storeName, factory] of testStores()) {
  describe(`settings/:_id (${storeName})`, () => {
    let t: TestApp;
    beforeEach(async () => (t = await startTestApp(factory)));
    afterEach(async () => t.dispose());

    const read = (id: string, as: Credentials = t.admin) => t.get(`/api/v1/settings/${id}`, as);
    const write = (id: string, body: unknown, as: Credentials = t.admin) =>
      t.post(`/api/v1/settings/${id}`, body, as);

    it('answers {_id, value} for each known setting with its default', async () => {
      const defaults: Array<[string, unknown]> = [
        ['Accounts_CustomFields', ''],
        ['Accounts_LoginExpiration', 90],
        ['API_Enable_Rate_Limiter', true],
        ['API_Enable_Rate_Limiter_Limit_Calls_Default', 10],
        ['API_Enable_Rate_Limiter_Limit_Time_Default', 60000],
      ];
      for (const [id, value] of defaults) {
        const response = await read(id);
        assert.equal(response.statusCode, 200);
        assert.deepEqual(response.json(), { _id: id, value, success: true });
      }
    });

    it('answers a bare 400 {"success":false} for an unknown setting, read or written', async () => {
      for (const response of [await read('Site_Name'), await write('Site_Name', { value: 'x' })]) {
        assert.equal(response.statusCode, 400);
        assert.equal(response.body, '{"success":false}');
      }
    });

    it('stores a new value, answers {success:true} and ignores x-2fa headers', async () => {
      const response = await t.inject({
        method: 'POST',
        url: '/api/v1/settings/Accounts_LoginExpiration',
        headers: { ...t.admin.headers, 'x-2fa-code': '1', 'x-2fa-method': 'totp' },
        payload: { value: 30 },
      });
      assert.equal(response.statusCode, 200);
      assert.equal(response.body, '{"success":true}');
      assert.deepEqual((await read('Accounts_LoginExpiration')).json().value, 30);
    });

    it('a new login expiration applies to the very next request', async () => {
      const oldToken = await t.issueToken(t.admin.userId, new Date(Date.now() - 5 * 86_400_000));
      assert.equal((await t.get('/api/v1/roles.list', oldToken)).statusCode, 200);
      assert.equal((await write('Accounts_LoginExpiration', { value: 3 })).statusCode, 200);
      assert.equal((await t.get('/api/v1/roles.list', oldToken)).statusCode, 401);
    });

    it('answers 403 for reading without view-privileged-setting and writing without edit-privileged-setting', async () => {
      const plain = await t.createUser({ username: 'plain' });
      assertForbidden(await read('Accounts_LoginExpiration', plain));
      assertForbidden(await write('Accounts_LoginExpiration', { value: 1 }, plain));
    });

    it('refuses a value of the wrong type for int, boolean and code settings', async () => {
      const cases: Array<[string, unknown, string]> = [
        ['Accounts_LoginExpiration', '30', 'a non-negative integer'],
        ['Accounts_LoginExpiration', 1.5, 'a non-negative integer'],
        ['API_Enable_Rate_Limiter_Limit_Calls_Default', -1, 'a non-negative integer'],
        ['API_Enable_Rate_Limiter', 'true', 'a boolean'],
        ['Accounts_CustomFields', { a: 1 }, 'a string'],
      ];
      for (const [id, value, expected] of cases) {
        assertDomainError(
          await write(id, { value }),
          'error-invalid-setting-value',
          `Invalid value for setting ${id}: expected ${expected}`,
        );
      }
    });

    it('accepts Accounts_CustomFields only as empty or a JSON object', async () => {
      for (const value of ['{broken', '[1,2]', '"text"', 'null']) {
        assertDomainError(
          await write('Accounts_CustomFields', { value }),
          'error-invalid-customfield-json',
          'Invalid JSON for Custom Fields',
        );
      }
      assert.equal(
        (await write('Accounts_CustomFields', { value: '{"team":{"public":true}}' })).statusCode,
        200,
      );
      assert.equal((await write('Accounts_CustomFields', { value: '  ' })).statusCode, 200);
    });

    it('answers a bare 400 for a body without value', async () => {
      const response = await write('API_Enable_Rate_Limiter', { execute: true });
      assert.equal(response.statusCode, 400);
      assert.equal(response.body, '{"success":false}');
    });
  });
}
