// GET /api/v1/docs/json: a valid OpenAPI 3.1 document of every route, built from the schemas the routes validate with.
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { validate, compileErrors } from '@readme/openapi-parser';
import type { FastifyInstance } from 'fastify';
import { closeContext, createContext } from '../../src/core/context.js';
import { buildApp } from '../../src/http/app.js';
import { createMetrics } from '../../src/http/metrics.js';
import { USERS_INFO_QUERY as USERS_INFO_QUERY_SCHEMA } from '../../src/api/users-info.js';
import { ROOM_CALL_ROUTES } from '../helpers/room-call-routes.js';
import { silentLog, startTestApp } from '../helpers/test-app.js';
import { testStores } from '../helpers/test-stores.js';

interface Operation {
  summary?: string;
  tags?: string[];
  security?: unknown[];
  parameters?: Array<{ name: string; in: string; required: boolean; example?: unknown }>;
  responses: Record<string, { description: string; content?: Record<string, { example?: unknown }> }>;
}
type Paths = Record<string, Record<string, Operation>>;

/** Every route Roster serves (compat.md, users-info.md, issue 11's operator endpoints), as `METHOD path`. */
const SERVED = [
  'GET /api/info',
  'POST /api/v1/login',
  'POST /api/v1/logout',
  'GET /api/v1/logout',
  'GET /api/v1/me',
  'GET /api/v1/users.info',
  'POST /api/v1/roster.users.lookup',
  'GET /api/v1/roster.audit.lookups',
  'POST /api/v1/users.generatePersonalAccessToken',
  'POST /api/v1/users.regeneratePersonalAccessToken',
  'GET /api/v1/users.getPersonalAccessTokens',
  'POST /api/v1/users.removePersonalAccessToken',
  'POST /api/v1/users.removeOtherTokens',
  'POST /api/v1/users.logoutOtherClients',
  'POST /api/v1/users.logout',
  'POST /api/v1/users.deactivateIdle',
  'POST /api/v1/users.create',
  'GET /avatar/{username}',
  'POST /api/v1/users.setAvatar',
  'POST /api/v1/users.resetAvatar',
  'GET /api/v1/users.getAvatar',
  'GET /api/v1/users.autocomplete',
  'GET /api/v1/directory',
  'GET /api/v1/spotlight',
  'POST /api/v1/users.createToken',
  'POST /api/v1/users.update',
  'POST /api/v1/users.updateOwnBasicInfo',
  'POST /api/v1/users.setActiveStatus',
  'POST /api/v1/users.delete',
  'GET /api/v1/users.list',
  'GET /api/v1/users.listByStatus',
  'GET /api/v1/users.getPreferences',
  'POST /api/v1/users.setPreferences',
  'GET /api/v1/users.checkUsernameAvailability',
  'GET /api/v1/users.getUsernameSuggestion',
  'POST /api/v1/users.register',
  'POST /api/v1/users.deleteOwnAccount',
  'POST /api/v1/users.setStatus',
  'GET /api/v1/users.getStatus',
  'GET /api/v1/users.getPresence',
  'GET /api/v1/users.presence',
  'GET /api/v1/roles.list',
  'POST /api/v1/roles.addUserToRole',
  'POST /api/v1/roles.removeUserFromRole',
  'GET /api/v1/roles.getUsersInRole',
  'GET /api/v1/roles.sync',
  'POST /api/v1/roles.create',
  'POST /api/v1/roles.update',
  'POST /api/v1/roles.delete',
  'GET /api/v1/permissions.listAll',
  'POST /api/v1/permissions.update',
  'GET /api/v1/settings',
  'GET /api/v1/settings.public',
  'GET /api/v1/settings.oauth',
  'GET /api/v1/service.configurations',
  'GET /api/v1/settings/{_id}',
  'POST /api/v1/settings/{_id}',
  'POST /api/v1/voip-freeswitch.extension.assign',
  'POST /api/v1/channels.create',
  'POST /api/v1/channels.invite',
  'POST /api/v1/channels.kick',
  'POST /api/v1/channels.delete',
  'GET /api/v1/channels.info',
  'POST /api/v1/groups.create',
  'POST /api/v1/groups.invite',
  'POST /api/v1/groups.kick',
  'POST /api/v1/groups.delete',
  'GET /api/v1/groups.info',
  'POST /api/v1/im.create',
  'POST /api/v1/dm.create',
  'POST /api/v1/subscriptions.read',
  // Branch `rooms`: default channels, room roles.
  'POST /api/v1/channels.setDefault',
  'POST /api/v1/channels.addOwner',
  'POST /api/v1/channels.removeOwner',
  'POST /api/v1/channels.addModerator',
  'POST /api/v1/channels.removeModerator',
  'POST /api/v1/channels.addLeader',
  'POST /api/v1/channels.removeLeader',
  'GET /api/v1/channels.roles',
  'POST /api/v1/groups.addOwner',
  'POST /api/v1/groups.removeOwner',
  'POST /api/v1/groups.addModerator',
  'POST /api/v1/groups.removeModerator',
  'POST /api/v1/groups.addLeader',
  'POST /api/v1/groups.removeLeader',
  'GET /api/v1/groups.roles',
  // Branch `rooms`: membership and room lists.
  'POST /api/v1/channels.join',
  'POST /api/v1/channels.leave',
  'POST /api/v1/groups.leave',
  'POST /api/v1/rooms.leave',
  'GET /api/v1/channels.members',
  'GET /api/v1/groups.members',
  'GET /api/v1/im.members',
  'GET /api/v1/channels.counters',
  'GET /api/v1/channels.list',
  'GET /api/v1/channels.list.joined',
  'GET /api/v1/groups.list',
  'GET /api/v1/groups.listAll',
  'GET /api/v1/im.list',
  'GET /api/v1/im.list.everyone',
  // Branch `rooms`: room settings, rooms.get / rooms.info.
  'GET /api/v1/rooms.get',
  'GET /api/v1/rooms.info',
  'POST /api/v1/channels.rename',
  'POST /api/v1/channels.setTopic',
  'POST /api/v1/channels.setDescription',
  'POST /api/v1/channels.setAnnouncement',
  'POST /api/v1/channels.setReadOnly',
  'POST /api/v1/channels.setType',
  'POST /api/v1/channels.archive',
  'POST /api/v1/channels.unarchive',
  'POST /api/v1/groups.rename',
  'POST /api/v1/groups.setTopic',
  'POST /api/v1/groups.setDescription',
  'POST /api/v1/groups.setAnnouncement',
  'POST /api/v1/groups.setReadOnly',
  'POST /api/v1/groups.setType',
  'POST /api/v1/groups.archive',
  'POST /api/v1/groups.unarchive',
  ...ROOM_CALL_ROUTES,
  // Branch `messages`: messages, enough for unread counts; history; subscriptions.unread.
  'POST /api/v1/chat.postMessage',
  'POST /api/v1/chat.sendMessage',
  'POST /api/v1/chat.delete',
  'GET /api/v1/channels.history',
  'GET /api/v1/groups.history',
  'GET /api/v1/im.history',
  'GET /api/v1/im.messages',
  'POST /api/v1/subscriptions.unread',
  'GET /metrics',
  'GET /livez',
  'GET /readyz',
];

const PUBLIC = new Set([
  'GET /api/info',
  'POST /api/v1/login',
  'GET /api/v1/settings.public',
  'GET /api/v1/settings.oauth',
  'GET /api/v1/service.configurations',
  'GET /metrics',
  'GET /livez',
  'GET /readyz',
  'GET /avatar/{username}',
  'GET /api/v1/users.getAvatar',
  'POST /api/v1/users.register',
]);

for (const [storeName, factory] of testStores()) {
  describe(`OpenAPI document (${storeName})`, () => {
    const cleanups: Array<() => Promise<void>> = [];
    afterEach(async () => {
      for (const cleanup of cleanups.splice(0)) await cleanup();
    });

    /** The app as `roster serve` builds it: with the operator endpoints. */
    async function servedApp(): Promise<FastifyInstance> {
      const t = await startTestApp(factory);
      cleanups.push(() => t.dispose());
      const context = createContext({ store: t.store, log: silentLog, version: '0.0.0-test' });
      const app = await buildApp({ context, operations: { metrics: createMetrics(), access: 'loopback' } });
      cleanups.push(async () => {
        await app.close();
        await closeContext(context);
      });
      return app;
    }

    async function documentOf(app: FastifyInstance) {
      const response = await app.inject({ method: 'GET', url: '/api/v1/docs/json' });
      assert.equal(response.statusCode, 200);
      return { response, doc: response.json() as { openapi: string; paths: Paths } };
    }

    it('serves a document at /api/v1/docs/json, without a token, that validates as OpenAPI 3.1', async () => {
      const { response, doc } = await documentOf(await servedApp());
      assert.equal(response.headers['content-type'], 'application/json');
      assert.equal(response.headers['cache-control'], 'no-store');
      assert.equal(response.headers['pragma'], 'no-cache');
      assert.equal(doc.openapi, '3.1.0');
      const result = await validate(structuredClone(doc) as never);
      assert.equal(result.valid, true, result.valid ? '' : compileErrors(result));
    });

    it('lists exactly the routes Roster serves, each with a summary, a tag and a 200 example', async () => {
      const { doc } = await documentOf(await servedApp());
      const listed = Object.entries(doc.paths).flatMap(([path, methods]) =>
        Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
      );
      assert.deepEqual([...listed].sort(), [...SERVED].sort());
      for (const [path, methods] of Object.entries(doc.paths)) {
        for (const [method, operation] of Object.entries(methods)) {
          const name = `${method.toUpperCase()} ${path}`;
          assert.ok(operation.summary, `${name} has a summary`);
          assert.equal(operation.tags?.length, 1, `${name} has a tag`);
          const ok = operation.responses['200'];
          assert.ok(ok?.description, `${name} describes its 200 answer`);
          // /metrics answers Prometheus text, /avatar an image.
          if (path !== '/metrics' && path !== '/avatar/{username}') {
            assert.ok(ok.content?.['application/json']?.example, `${name} has a 200 example`);
          }
        }
      }
    });

    it('asks for X-User-Id and X-Auth-Token on every authenticated route, and documents its 401 and 429', async () => {
      const { doc } = await documentOf(await servedApp());
      for (const entry of SERVED) {
        const [method = '', path = ''] = entry.split(' ');
        const operation = doc.paths[path]?.[method.toLowerCase()];
        assert.ok(operation, entry);
        if (PUBLIC.has(entry)) {
          assert.equal(operation.security, undefined, `${entry} needs no token`);
        } else {
          assert.deepEqual(operation.security, [{ userId: [], authToken: [] }], entry);
          assert.ok(
            operation.responses['401'] && operation.responses['429'],
            `${entry} documents 401 and 429`,
          );
        }
      }
    });

    it('describes users.info with its five lookup parameters, includeUserRooms, fields and an example answer', async () => {
      const { doc } = await documentOf(await servedApp());
      const operation = doc.paths['/api/v1/users.info']?.['get'];
      assert.ok(operation);
      const names = operation.parameters?.map((parameter) => `${parameter.in}:${parameter.name}`);
      assert.deepEqual(names, [
        'query:userId',
        'query:username',
        'query:importId',
        'query:email',
        'query:freeSwitchExtension',
        'query:includeUserRooms',
        'query:fields',
      ]);
      assert.ok(operation.parameters?.every((parameter) => parameter.required === false));
      assert.equal(
        operation.parameters?.find((parameter) => parameter.name === 'username')?.example,
        'test.john',
      );
      const example = operation.responses['200']?.content?.['application/json']?.example as {
        user: { username: string; rooms: unknown[] };
      };
      assert.equal(example.user.username, 'test.john');
      assert.equal(example.user.rooms.length, 2);
      assert.equal(operation.responses['400']?.description !== undefined, true);
    });

    it("leaves users.info's validation schema as Rocket.Chat's five-branch anyOf after the document is built", async () => {
      await documentOf(await servedApp());
      assert.equal(USERS_INFO_QUERY_SCHEMA.anyOf.length, 5);
      for (const branch of USERS_INFO_QUERY_SCHEMA.anyOf) {
        assert.equal(branch.additionalProperties, false);
        assert.equal(branch.required.length, 1);
      }
    });

    it('serves the docs page at /api/v1/docs as HTML, without a token, with assets from Roster itself', async () => {
      const app = await servedApp();
      const page = await app.inject({ method: 'GET', url: '/api/v1/docs' });
      assert.equal(page.statusCode, 200);
      assert.match(page.headers['content-type'] as string, /^text\/html/);
      const policy = page.headers['content-security-policy'] as string;
      assert.match(policy, /default-src 'self'/);
      assert.doesNotMatch(policy, /https:|upgrade-insecure-requests/);
      const assets = [...page.body.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1] ?? '');
      assert.ok(assets.length >= 3, page.body);
      for (const asset of assets) {
        assert.ok(asset.startsWith('/api/v1/docs/'), `${asset} is served by Roster`);
        assert.equal((await app.inject({ method: 'GET', url: asset })).statusCode, 200, asset);
      }
    });
  });
}
