// channels.create over HTTP (and 401 for the rooms endpoints): Rocket.Chat's room shape, permission and name rules.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { createRoomAs, FORBIDDEN_BODY, json } from '../helpers/rooms.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { testStores } from '../helpers/test-stores.js';

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

for (const [storeName, factory] of testStores()) {
  describe(`channels.create (${storeName})`, () => {
    let t: TestApp;
    beforeEach(async () => (t = await startTestApp(factory)));
    afterEach(async () => t.dispose());

    it('answers 401 to every rooms endpoint without credentials', async () => {
      const paths = ['channels.create', 'groups.invite', 'channels.kick', 'groups.delete', 'im.create'];
      for (const path of [...paths, 'subscriptions.read']) {
        const response = await t.inject({ method: 'POST', url: `/api/v1/${path}`, payload: {} });
        assert.equal(response.statusCode, 401, path);
      }
    });

    describe('channels.create', () => {
      it("answers the new channel in Rocket.Chat's room shape and subscribes the creator as owner", async () => {
        const alice = await t.createUser({ username: 'alice' });
        const bob = await t.createUser({ username: 'bob' });
        const response = await t.post(
          '/api/v1/channels.create',
          { name: 'general-talk', members: ['bob', 'nobody'], readOnly: true },
          alice,
        );
        assert.equal(response.statusCode, 200);
        const body = json(response);
        assert.equal(body.success, true);
        const channel = body.channel as Record<string, unknown>;
        assert.equal(typeof channel._id, 'string');
        assert.match(channel.ts as string, ISO);
        assert.match(channel._updatedAt as string, ISO);
        assert.deepEqual(
          { ...channel, _id: 'x', ts: 'x', _updatedAt: 'x' },
          {
            _id: 'x',
            fname: 'general-talk',
            _updatedAt: 'x',
            customFields: {},
            name: 'general-talk',
            t: 'c',
            msgs: 0,
            usersCount: 2,
            u: { _id: alice.userId, username: 'alice', name: 'Name of alice' },
            ts: 'x',
            ro: true,
          },
        );

        const [own] = await t.store.subscriptions.listOfUser(alice.userId);
        assert.ok(own);
        assert.deepEqual(
          { ...own, _id: 'x' },
          {
            _id: 'x',
            open: true,
            alert: false,
            unread: 0,
            userMentions: 0,
            groupMentions: 0,
            ts: channel.ts,
            rid: channel._id,
            name: 'general-talk',
            fname: 'general-talk',
            customFields: {},
            t: 'c',
            u: { _id: alice.userId, username: 'alice' },
            ls: channel.ts,
            roles: ['owner'],
            _updatedAt: channel.ts,
          },
        );
        const bobs = await t.store.subscriptions.find(channel._id as string, bob.userId);
        assert.equal(bobs?.roles, undefined, 'a member is not an owner');
        assert.equal(bobs?.open, true);
        assert.equal((await t.store.subscriptions.listOfRoom(channel._id as string)).length, 2);
      });

      it('answers 403 with the permission body for a user without create-c', async () => {
        const guest = await t.createUser({ username: 'guest1', roles: ['guest'] });
        const response = await t.post('/api/v1/channels.create', { name: 'nope' }, guest);
        assert.equal(response.statusCode, 403);
        assert.deepEqual(json(response), FORBIDDEN_BODY);
        assert.equal(await t.store.rooms.findByName('nope'), null);
      });

      it('answers 400 invalid-params without a name', async () => {
        const response = await t.post('/api/v1/channels.create', { members: [] });
        assert.equal(response.statusCode, 400);
        assert.deepEqual(json(response), {
          success: false,
          error: "must have required property 'name' [invalid-params]",
          errorType: 'invalid-params',
        });
      });

      it('answers 400 error-invalid-room-name for a name outside [0-9a-zA-Z-_.]+, HTML-escaped', async () => {
        for (const name of ['with space', 'ümlaut', 'a/b', '<b>']) {
          const response = await t.post('/api/v1/channels.create', { name });
          assert.equal(response.statusCode, 400, name);
          const escaped = name.replace('<', '&lt;').replace('>', '&gt;');
          assert.deepEqual(json(response), {
            success: false,
            error: `${escaped} is not a valid room name. [error-invalid-room-name]`,
            errorType: 'error-invalid-room-name',
          });
        }
      });

      it('trims the name, keeping the raw one as fname', async () => {
        const channel = await createRoomAs(t, 'c', { name: ' padded ' });
        assert.equal(channel.name, 'padded');
        assert.equal(channel.fname, ' padded ');
      });

      it('answers 400 error-invalid-name for a blank name', async () => {
        const response = await t.post('/api/v1/channels.create', { name: '   ' });
        assert.equal(response.statusCode, 400);
        assert.equal(json(response).error, 'Invalid name [error-invalid-name]');
      });

      it('creates one channel and answers error-duplicate-channel-name to the others of three racing requests', async () => {
        const responses = await Promise.all(
          [1, 2, 3].map(() => t.post('/api/v1/channels.create', { name: 'raced' })),
        );
        const statuses = responses.map((response) => response.statusCode).sort();
        assert.deepEqual(statuses, [200, 400, 400]);
        for (const response of responses.filter((r) => r.statusCode === 400)) {
          assert.equal(json(response).errorType, 'error-duplicate-channel-name');
        }
        assert.equal((await t.store.subscriptions.listOfUser(t.admin.userId)).length, 1);
      });

      it('answers 400 error-duplicate-channel-name for a name a channel or a group already has', async () => {
        await createRoomAs(t, 'c', { name: 'taken' });
        await createRoomAs(t, 'p', { name: 'secret' });
        for (const name of ['taken', 'secret']) {
          const response = await t.post('/api/v1/channels.create', { name });
          assert.equal(response.statusCode, 400);
          assert.deepEqual(json(response), {
            success: false,
            error: `A channel with name '${name}' exists [error-duplicate-channel-name]`,
            errorType: 'error-duplicate-channel-name',
          });
        }
      });
    });
  });
}
