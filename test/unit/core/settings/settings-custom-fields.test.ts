// Accounts_CustomFields as users.info reads it: parsed once per change; invalid JSON warns and means no fields.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bootstrap } from '../../../../src/core/setup/bootstrap.js';
import type { Logger } from '../../../../src/core/logger.js';
import { Settings } from '../../../../src/core/settings/settings.js';
import { testStores } from '../../../helpers/test-stores.js';

for (const [storeName, factory] of testStores()) {
  describe(`Accounts_CustomFields in Settings (${storeName})`, () => {
    it('logs a warning and yields no custom fields for invalid JSON, then the new fields after a fix', async () => {
      const { store, dispose } = await factory();
      const warnings: unknown[][] = [];
      const log: Logger = {
        debug() {},
        info() {},
        error() {},
        warn: (...args: unknown[]) => void warnings.push(args),
      };
      const settings = new Settings(store, log);
      try {
        await bootstrap(store, {
          username: 'admin',
          email: 'admin@example.com',
          password: 'pw-for-settings',
        });
        await store.settings.save({ _id: 'Accounts_CustomFields', type: 'code', value: '{"department": {' });
        assert.equal((await settings.current()).customFields.size, 0);
        assert.equal(warnings.length, 1);
        assert.match(JSON.stringify(warnings[0]), /Accounts_CustomFields is not valid JSON/);

        await settings.current();
        assert.equal(warnings.length, 1, 'parsed once per change, not per read');

        await store.settings.save({
          _id: 'Accounts_CustomFields',
          type: 'code',
          value: '{"department": {"public": true}, "badge": {}}',
        });
        const { customFields } = await settings.current();
        assert.deepEqual(
          [...customFields.entries()],
          [
            ['department', { public: true }],
            ['badge', { public: false }],
          ],
        );
      } finally {
        settings.close();
        await dispose();
      }
    });
  });
}
