// OVERWRITE_SETTING_<id>=<value>: parsed by the setting's type and stored at start, as Rocket.Chat's registry does.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../../src/config.js';
import { applySettingOverrides, parseSettingOverrides } from '../../src/core/settings/setting-overrides.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { testStores } from '../helpers/test-stores.js';

describe('OVERWRITE_SETTING_* parsing', () => {
  it('parses booleans (any case), whole numbers and text by the setting type; unknown ids are listed, not refused', () => {
    const parsed = parseSettingOverrides({
      OVERWRITE_SETTING_API_Enable_Rate_Limiter: 'FALSE',
      OVERWRITE_SETTING_API_Enable_Rate_Limiter_Limit_Calls_Default: '25',
      OVERWRITE_SETTING_Site_Url: 'https://chat.example.org',
      OVERWRITE_SETTING_Layout_Home_Title: 'Home',
      ROSTER_PORT: '1',
    });
    assert.deepEqual(parsed.values, [
      ['API_Enable_Rate_Limiter', false],
      ['API_Enable_Rate_Limiter_Limit_Calls_Default', 25],
      ['Site_Url', 'https://chat.example.org'],
    ]);
    assert.deepEqual(parsed.unknown, ['Layout_Home_Title']);
  });

  it('stops start-up with a ConfigError naming the variable for a value the setting cannot take', () => {
    for (const [name, raw] of [
      ['OVERWRITE_SETTING_API_Enable_Rate_Limiter', 'yes'],
      ['OVERWRITE_SETTING_Accounts_LoginExpiration', '10abc'],
      ['OVERWRITE_SETTING_Accounts_CustomFields', '{not json'],
    ] as const) {
      assert.throws(
        () => loadConfig({}, { [name]: raw }),
        (error: unknown) =>
          error instanceof ConfigError && error.message.includes(`${name}=${JSON.stringify(raw)}: Invalid`),
      );
    }
  });
});

for (const [storeName, factory] of testStores()) {
  describe(`OVERWRITE_SETTING_* applied at start (${storeName})`, () => {
    let t: TestApp;
    beforeEach(async () => (t = await startTestApp(factory)));
    afterEach(async () => t.dispose());

    it('stores each value, so GET settings/:_id and the rate limiter see it, and /me uses the overridden Site_Url', async () => {
      const overrides = parseSettingOverrides({
        OVERWRITE_SETTING_API_Enable_Rate_Limiter: 'false',
        OVERWRITE_SETTING_Site_Url: 'https://chat.example.org/',
      });
      await applySettingOverrides(t.store, overrides, new Date());
      const limiter = await t.get('/api/v1/settings/API_Enable_Rate_Limiter');
      assert.deepEqual(limiter.json(), { _id: 'API_Enable_Rate_Limiter', value: false, success: true });
      const bob = await t.createUser({ username: 'bob' });
      assert.equal((await t.get('/api/v1/me', bob)).json().avatarUrl, 'https://chat.example.org/avatar/bob');
    });
  });
}
