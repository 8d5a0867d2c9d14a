// pruneExpiredLoginTokens over a real store: login tokens past Accounts_LoginExpiration go, PATs stay.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { Settings } from '../../../../src/core/settings/settings.js';
import { pruneExpiredLoginTokens } from '../../../../src/core/auth/token-pruning.js';
import { silentLog } from '../../../helpers/test-app.js';
import { testStores, type TestStore } from '../../../helpers/test-stores.js';

const DAY = 86_400_000;

for (const [storeName, factory] of testStores()) {
  describe(`pruneExpiredLoginTokens (${storeName})`, () => {
    let testStore: TestStore;
    let settings: Settings;
    beforeEach(async () => {
      testStore = await factory();
      settings = new Settings(testStore.store, silentLog);
    });
    afterEach(async () => {
      settings.close();
      await testStore.dispose();
    });

    it('deletes login tokens older than the setting in days and keeps younger ones and every PAT', async () => {
      const { store } = testStore;
      const now = new Date('2026-06-01T00:00:00.000Z');
      await store.users.insert({ _id: 'u1', username: 'u1' });
      await store.settings.save({ _id: 'Accounts_LoginExpiration', value: 10, type: 'int' });
      const at = (days: number) => new Date(now.getTime() - days * DAY).toISOString();
      await store.tokens.insert({ hashedToken: 'old', userId: 'u1', when: at(11), type: 'login' });
      await store.tokens.insert({ hashedToken: 'young', userId: 'u1', when: at(9), type: 'login' });
      await store.tokens.insert({
        hashedToken: 'pat',
        userId: 'u1',
        when: at(400),
        type: 'personalAccessToken',
        name: 'ci',
      });

      assert.equal(await pruneExpiredLoginTokens(store, settings, now), 1);
      assert.equal(await store.tokens.findSession('old'), null);
      assert.ok(await store.tokens.findSession('young'));
      assert.ok(await store.tokens.findSession('pat'));
      assert.equal(await pruneExpiredLoginTokens(store, settings, now), 0);
    });
  });
}
