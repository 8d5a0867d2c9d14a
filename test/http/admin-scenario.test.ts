// A Rocket.Chat admin's session, scripted end to end through the admin endpoints only.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { testStores } from '../helpers/test-stores.js';

for (const [storeName, factory] of testStores()) {
  describe(`admin scenario (${storeName})`, () => {
    let t: TestApp;
    beforeEach(async () => (t = await startTestApp(factory)));
    afterEach(async () => t.dispose());

    it('defines custom fields, creates users, grants a role, assigns an extension, lists and looks up, deactivates, deletes', async () => {
      const ok = async (promise: ReturnType<TestApp['post']>) => {
        const response = await promise;
        assert.equal(response.statusCode, 200, response.body);
        return response.json();
      };

      // 1. Define the custom fields every user of the directory carries.
      await ok(
        t.post('/api/v1/settings/Accounts_CustomFields', {
          value: JSON.stringify({
            department: { type: 'select', options: ['sales', 'engineering'], required: true, public: true },
            employeeId: { type: 'text', minLength: 4, maxLength: 8, public: false },
          }),
        }),
      );
      assert.equal(
        (await ok(t.get('/api/v1/settings/Accounts_CustomFields'))).value.includes('employeeId'),
        true,
      );

      // 2. Create two users with custom fields; a third without the required field is refused.
      const { user: ann } = await ok(
        t.post('/api/v1/users.create', {
          username: 'ann.lee',
          email: 'ann.lee@corp.example',
          name: 'Ann Lee',
          password: 'ann-password-1',
          verified: true,
          customFields: { department: 'engineering', employeeId: 'E1001' },
        }),
      );
      const { user: ben } = await ok(
        t.post('/api/v1/users.create', {
          username: 'ben.ito',
          email: 'ben.ito@corp.example',
          name: 'Ben Ito',
          password: 'ben-password-1',
          customFields: { department: 'sales' },
        }),
      );
      assert.deepEqual(ann.customFields, { department: 'engineering', employeeId: 'E1001' });
      const refused = await t.post('/api/v1/users.create', {
        username: 'cid',
        email: 'cid@corp.example',
        name: 'Cid',
        password: 'cid-password-1',
        customFields: { employeeId: 'E1002' },
      });
      assert.equal(
        refused.json().error,
        'Field department is required [error-user-registration-custom-field]',
      );

      // 3. Ann becomes an admin, with a token of her own (login is elsewhere: the test issues one).
      const annToken = await t.issueToken(ann._id);
      const byEmail = '/api/v1/users.list?email=ben.ito%40corp.example';
      assert.equal(
        (await t.get(byEmail, annToken)).statusCode,
        403,
        'email lookups need view-full-other-user-info',
      );
      await ok(t.post('/api/v1/roles.addUserToRole', { username: 'ann.lee', roleId: 'admin' }));
      assert.deepEqual(
        (await ok(t.get(byEmail, annToken))).users.map((u: { username: string }) => u.username),
        ['ben.ito'],
      );

      // 4. Ann, now an admin, gives Ben a phone extension and updates his profile.
      await ok(
        t.post(
          '/api/v1/voip-freeswitch.extension.assign',
          { username: 'ben.ito', extension: '4711' },
          annToken,
        ),
      );
      const { user: benUpdated } = await ok(
        t.post('/api/v1/users.update', { userId: ben._id, data: { nickname: 'benny' } }, annToken),
      );
      assert.equal(benUpdated.freeSwitchExtension, '4711');
      assert.equal(benUpdated.nickname, 'benny');

      // 5. The directory lists all three, with Ben's roles and emails visible to an admin.
      const listed = await ok(t.get('/api/v1/users.list?sort={"username":1}', annToken));
      assert.deepEqual(
        listed.users.map((user: { username: string }) => user.username),
        ['admin', 'ann.lee', 'ben.ito'],
      );
      assert.equal(listed.total, 3);
      const benListed = listed.users.find((user: { username: string }) => user.username === 'ben.ito');
      assert.deepEqual(benListed.emails, [{ address: 'ben.ito@corp.example', verified: false }]);
      assert.deepEqual(benListed.roles, ['user']);

      // 5b. Everyone is looked up through users.info: by username, by email, by extension.
      const annInfo = await ok(t.get('/api/v1/users.info?username=ann.lee', annToken));
      assert.deepEqual(annInfo.user.roles, ['user', 'admin']);
      assert.deepEqual(annInfo.user.customFields, { department: 'engineering', employeeId: 'E1001' });
      const benByEmail = await ok(t.get('/api/v1/users.info?email=BEN.ITO@corp.example', annToken));
      assert.equal(benByEmail.user._id, ben._id);
      const benByExtension = await ok(t.get('/api/v1/users.info?freeSwitchExtension=4711', annToken));
      assert.equal(benByExtension.user.nickname, 'benny');

      // 6. Ben leaves: deactivated (his token dies at once), then deleted.
      const benToken = await t.issueToken(ben._id);
      assert.equal((await t.get('/api/v1/roles.list', benToken)).statusCode, 200);
      await ok(t.post('/api/v1/users.setActiveStatus', { userId: ben._id, activeStatus: false }, annToken));
      assert.equal((await t.get('/api/v1/roles.list', benToken)).statusCode, 401);
      const deactivated = await ok(t.get('/api/v1/users.listByStatus?status=deactivated', annToken));
      assert.deepEqual(
        deactivated.users.map((user: { username: string }) => user.username),
        ['ben.ito'],
      );
      await ok(t.post('/api/v1/users.delete', { username: 'ben.ito' }, annToken));
      const after = await ok(t.get('/api/v1/users.list', annToken));
      assert.equal(after.total, 2);
      const benGone = await t.get(`/api/v1/users.info?userId=${ben._id}`, annToken);
      assert.equal(benGone.body, '{"success":false,"error":"User not found."}');

      // 7. The original admin can step down now that Ann is an admin too, but Ann cannot then leave.
      await ok(t.post('/api/v1/roles.removeUserFromRole', { username: 'admin', roleId: 'admin' }, annToken));
      const lastAdmin = await t.post('/api/v1/users.delete', { userId: ann._id }, annToken);
      assert.equal(lastAdmin.json().errorType, 'error-action-not-allowed');
    });
  });
}
