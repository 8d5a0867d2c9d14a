// users.info query validation (users-info.md §1, §3): Rocket.Chat's byte-exact AJV messages, empty values, flags.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { TestApp } from '../../helpers/test-app.js';
import { testStores } from '../../helpers/test-stores.js';
import { INVALID_SEARCH_QUERY, invalidParamsBody, startUsersInfoApp, userOf, usersInfo } from './fixtures.js';

const NO_KEY =
  '{"success":false,"error":"must have required property \'userId\'\\n must have required property \'username\'\\n must have required property \'importId\'\\n must have required property \'email\'\\n must have required property \'freeSwitchExtension\'\\n must match a schema in anyOf [invalid-params]","errorType":"invalid-params"}';
const TWO_KEYS =
  '{"success":false,"error":"must NOT have additional properties\\n must NOT have additional properties\\n must have required property \'importId\'\\n must have required property \'email\'\\n must have required property \'freeSwitchExtension\'\\n must match a schema in anyOf [invalid-params]","errorType":"invalid-params"}';
const UNKNOWN_KEY =
  '{"success":false,"error":"must NOT have additional properties\\n must have required property \'username\'\\n must have required property \'importId\'\\n must have required property \'email\'\\n must have required property \'freeSwitchExtension\'\\n must match a schema in anyOf [invalid-params]","errorType":"invalid-params"}';
const NOT_A_STRING =
  '{"success":false,"error":"must be string\\n must have required property \'username\'\\n must have required property \'importId\'\\n must have required property \'email\'\\n must have required property \'freeSwitchExtension\'\\n must match a schema in anyOf [invalid-params]","errorType":"invalid-params"}';

for (const [storeName, factory] of testStores()) {
  describe(`users.info validation (${storeName})`, () => {
    let t: TestApp;
    beforeEach(async () => (t = await startUsersInfoApp(factory)));
    afterEach(async () => t.dispose());

    const expectBody = async (query: string, status: number, body: string) => {
      const response = await usersInfo(t, query);
      assert.equal(response.statusCode, status, `${query}: ${response.body}`);
      assert.equal(response.body, body, query);
      assert.equal(response.headers['content-type'], 'application/json');
    };

    it('answers 400 listing all five required keys for a query without any key', async () => {
      await expectBody('', 400, NO_KEY);
    });

    it('answers the same five-key 400 for only includeUserRooms, only fields, or only unknown keys', async () => {
      for (const query of [
        'includeUserRooms=true',
        'fields=%7B%7D',
        'includeUserRooms=true&fields=x',
        'foo=1',
      ]) {
        await expectBody(query, 400, NO_KEY);
      }
    });

    it('answers 400 with two additional-property messages for userId=a&username=b', async () => {
      await expectBody('userId=a&username=b', 400, TWO_KEYS);
    });

    it('answers 400 with one additional-property message for userId=a&foo=1', async () => {
      await expectBody('userId=a&foo=1', 400, UNKNOWN_KEY);
    });

    it('answers 400 "must be string" for a repeated key userId=a&userId=b', async () => {
      await expectBody('userId=a&userId=b', 400, NOT_A_STRING);
    });

    it('answers 400 "must be string" for a bracket key userId[]=a and an object value userId[a]=1', async () => {
      await expectBody('userId%5B%5D=a', 400, NOT_A_STRING);
      await expectBody('userId[]=a', 400, NOT_A_STRING);
      await expectBody('userId[a]=1', 400, NOT_A_STRING);
    });

    it('answers 400 "must be string" for a non-string fields or includeUserRooms', async () => {
      await expectBody('userId=a&fields[a]=1', 400, NOT_A_STRING);
      await expectBody('userId=a&includeUserRooms=1&includeUserRooms=2', 400, NOT_A_STRING);
    });

    it('answers the branch of the key used: an unknown key next to email fails only the email branch that way', async () => {
      await expectBody(
        'email=a%40b.c&foo=1',
        400,
        invalidParamsBody([
          "must have required property 'userId'",
          "must have required property 'username'",
          "must have required property 'importId'",
          'must NOT have additional properties',
          "must have required property 'freeSwitchExtension'",
        ]),
      );
      await expectBody(
        'freeSwitchExtension=1&freeSwitchExtension=2',
        400,
        invalidParamsBody([
          "must have required property 'userId'",
          "must have required property 'username'",
          "must have required property 'importId'",
          "must have required property 'email'",
          'must be string',
        ]),
      );
    });

    it('answers 400 with every key listed as additional for a query naming all five keys', async () => {
      await expectBody(
        'userId=a&username=b&importId=c&email=d&freeSwitchExtension=e',
        400,
        invalidParamsBody(Array(5).fill('must NOT have additional properties')),
      );
    });

    it('answers 400 "Invalid search query." for an empty value of each lookup key', async () => {
      for (const key of ['userId', 'username', 'importId', 'email', 'freeSwitchExtension']) {
        await expectBody(`${key}=`, 400, INVALID_SEARCH_QUERY);
        await expectBody(`${key}=&includeUserRooms=true`, 400, INVALID_SEARCH_QUERY);
      }
    });

    it('answers 401 before validating: an invalid query without credentials is "You must be logged in"', async () => {
      const response = await t.inject({ method: 'GET', url: '/api/v1/users.info?userId=a&userId=b' });
      assert.equal(response.statusCode, 401);
      assert.equal(
        response.body,
        '{"success":false,"error":"You must be logged in to do this.","status":"error","message":"You must be logged in to do this."}',
      );
    });

    it('accepts includeUserRooms values other than "true" and answers without rooms', async () => {
      for (const flag of ['1', 'TRUE', 'yes', 'True', '', 'true%20']) {
        const user = userOf(await usersInfo(t, `userId=${t.admin.userId}&includeUserRooms=${flag}`));
        assert.equal(user._id, t.admin.userId);
        assert.equal('rooms' in user, false, flag);
      }
      const user = userOf(await usersInfo(t, `userId=${t.admin.userId}&includeUserRooms=true`));
      assert.deepEqual(user.rooms, []);
    });

    it('accepts and ignores fields, whatever it contains, including {"userRooms":1}', async () => {
      const plain = (await usersInfo(t, `userId=${t.admin.userId}`)).body;
      for (const fields of ['{"userRooms":1}', '{"services":1,"emails":0}', 'not json', '']) {
        const response = await usersInfo(t, `userId=${t.admin.userId}&fields=${encodeURIComponent(fields)}`);
        assert.equal(response.statusCode, 200);
        assert.equal(response.body, plain, fields);
      }
    });

    it('sends no-store and no-cache on a validation failure', async () => {
      const response = await usersInfo(t, 'foo=1');
      assert.equal(response.headers['cache-control'], 'no-store');
      assert.equal(response.headers.pragma, 'no-cache');
    });
  });
}
