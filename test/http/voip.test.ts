// POST voip-freeswitch.extension.assign: assign, reassign, unassign, uniqueness, permission, 404s.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { startTestApp, type Credentials, type TestApp } from '../helpers/test-app.js';
import { testStores } from '../helpers/test-stores.js';
import { assertDomainError, assertForbidden } from './admin-fixtures.js';

for (const [storeName, factory] of testStores()) {
  describe(`voip-freeswitch.extension.assign (${storeName})`, () => {
    let t: TestApp;
    beforeEach(async () => (t = await startTestApp(factory)));
    afterEach(async () => t.dispose());

    const assign = (body: unknown, as: Credentials = t.admin) =>
      t.post('/api/v1/voip-freeswitch.extension.assign', body, as);
    const extensionOf = async (id: string) => (await t.store.users.findById(id))?.freeSwitchExtension;

    it('assigns an extension without any VoIP setting or licence and answers {success:true}', async () => {
      const { user } = await t.createUser({ username: 'caller' });
      const response = await assign({ username: 'caller', extension: '1234' });
      assert.equal(response.statusCode, 200);
      assert.equal(response.body, '{"success":true}');
      assert.equal(await extensionOf(user._id), '1234');
      assert.equal((await t.store.users.findByFreeSwitchExtension('1234'))?._id, user._id);
    });

    it('reassigns the same extension without change and unassigns with an empty or absent one', async () => {
      const { user } = await t.createUser({ username: 'caller' });
      await assign({ username: 'caller', extension: '1234' });
      assert.equal((await assign({ username: 'caller', extension: '1234' })).statusCode, 200);
      assert.equal((await assign({ username: 'caller', extension: '' })).statusCode, 200);
      assert.equal(await extensionOf(user._id), undefined);
      await assign({ username: 'caller', extension: '5678' });
      assert.equal((await assign({ username: 'caller' })).statusCode, 200);
      assert.equal(await extensionOf(user._id), undefined);
    });

    it("answers 400 error-extension-not-available for another user's extension", async () => {
      await t.createUser({ username: 'first', extra: { freeSwitchExtension: '1000' } });
      const { user } = await t.createUser({ username: 'second' });
      const response = await assign({ username: 'second', extension: '1000' });
      assert.equal(response.statusCode, 400);
      assert.equal(response.body, '{"success":false,"error":"error-extension-not-available"}');
      assert.equal(await extensionOf(user._id), undefined);
    });

    it('answers 404 "Resource not found" for an empty or unknown username', async () => {
      for (const username of ['', 'ghost']) {
        const response = await assign({ username, extension: '1' });
        assert.equal(response.statusCode, 404);
        assert.equal(response.body, '{"success":false,"error":"Resource not found"}');
      }
    });

    it('answers 403 without manage-voip-extensions', async () => {
      const plain = await t.createUser({ username: 'plain' });
      assertForbidden(await assign({ username: 'plain', extension: '1' }, plain));
    });

    it('answers 400 invalid-params for a missing username or an extra property', async () => {
      assertDomainError(
        await assign({ extension: '1' }),
        'invalid-params',
        "must have required property 'username'",
      );
      assertDomainError(
        await assign({ username: 'admin', extension: '1', force: true }),
        'invalid-params',
        'must NOT have additional properties',
      );
    });
  });
}
