// The store conformance suite: the only specification of Store semantics. Every adapter runs it unchanged.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { RoomDoc, SubscriptionDoc, UserDoc } from '../../src/core/documents.js';
import { defaultPermissions, defaultRoles, defaultSettings } from '../../src/core/setup/defaults.js';
import { ConflictError } from '../../src/errors.js';
import type { ChangeTopic, Store } from '../../src/core/store.js';
import type { StoreFactory, TestStore } from '../helpers/test-stores.js';

function user(id: string, username: string, extra: Partial<UserDoc> = {}): UserDoc {
  return {
    _id: id,
    username,
    name: `Name ${username}`,
    emails: [{ address: `${username}@example.com`, verified: true }],
    roles: ['user'],
    active: true,
    createdAt: '2024-01-01T00:00:00.000Z',
    ...extra,
  };
}

function room(id: string, t: string, name: string): RoomDoc {
  return { _id: id, t, name, usersCount: 0 };
}

function subscription(
  id: string,
  rid: string,
  t: string,
  name: string,
  userId: string,
  unread = 0,
): SubscriptionDoc {
  return { _id: id, rid, t, name, u: { _id: userId, username: userId }, unread };
}

async function conflictField(write: Promise<unknown>): Promise<string> {
  const error = await write.then(
    () => assert.fail('expected a ConflictError'),
    (caught: unknown) => caught,
  );
  assert.ok(error instanceof ConflictError, `expected ConflictError, got ${String(error)}`);
  return error.field;
}

export function storeConformanceCases(name: string, factory: StoreFactory): void {
  describe(`Store conformance: ${name}`, () => {
    let testStore: TestStore;
    let store: Store;
    beforeEach(async () => {
      testStore = await factory();
      store = testStore.store;
    });
    afterEach(async () => testStore.dispose());

    describe('initialize', () => {
      it('writes the initial data once and reports false on every later call', async () => {
        const data = {
          roles: defaultRoles(),
          permissions: defaultPermissions(),
          settings: defaultSettings(),
          admin: user('admin1', 'admin', { roles: ['admin', 'user'] }),
        };
        assert.equal(await store.isInitialized(), false);
        assert.equal(await store.initialize(data), true);
        assert.equal(await store.isInitialized(), true);
        assert.equal(await store.initialize({ ...data, admin: user('admin2', 'other') }), false);
        assert.equal(await store.users.findById('admin2'), null);
        assert.equal((await store.roles.list()).length, defaultRoles().length);
        assert.deepEqual((await store.settings.find('Accounts_LoginExpiration'))?.value, 90);
      });
    });

    describe('users', () => {
      it('finds a user by id, username, trimmed case-insensitive email, import id and extension', async () => {
        await store.users.insert(
          user('u1', 'alice', {
            emails: [{ address: ' Alice@Example.COM ' }, { address: 'second@example.com' }],
            importIds: ['imp-1', 'imp-2'],
            freeSwitchExtension: '1001',
          }),
        );
        assert.equal((await store.users.findById('u1'))?.username, 'alice');
        assert.equal((await store.users.findByUsername('alice'))?._id, 'u1');
        assert.equal(await store.users.findByUsername('Alice'), null);
        assert.equal((await store.users.findByUsernameInsensitive('ALICE'))?._id, 'u1');
        assert.equal((await store.users.findByEmail('alice@example.com'))?._id, 'u1');
        assert.equal((await store.users.findByEmail('  ALICE@example.com'))?._id, 'u1');
        assert.equal((await store.users.findByEmail('SECOND@example.com'))?._id, 'u1');
        assert.equal((await store.users.findByImportId('imp-2'))?._id, 'u1');
        assert.equal(await store.users.findByImportId('IMP-2'), null);
        assert.equal((await store.users.findByFreeSwitchExtension('1001'))?._id, 'u1');
        assert.equal(await store.users.findByFreeSwitchExtension('100'), null);
        assert.equal(await store.users.findById('nobody'), null);
      });

      it('finds nothing for a lookup value containing NUL, which no stored key can hold', async () => {
        await store.users.insert(user('u1', 'nul', { importIds: ['imp'], freeSwitchExtension: '1' }));
        assert.equal(await store.users.findByUsername('nul\u0000'), null);
        assert.equal(await store.users.findByUsernameInsensitive('nul\u0000'), null);
        assert.equal(await store.users.findByIdOrUsername('u1\u0000'), null);
        assert.equal(await store.users.findByEmail('nul@example.com\u0000'), null);
        assert.equal(await store.users.findByImportId('imp\u0000'), null);
        assert.equal(await store.users.findByFreeSwitchExtension('1\u0000'), null);
        assert.equal(await store.tokens.findSession('\u0000'), null);
      });

      it('matches findUserByIdOrUsername on either field, preferring the _id match', async () => {
        await store.users.insert(user('u1', 'bob'));
        await store.users.insert(user('bob', 'carol'));
        assert.equal((await store.users.findByIdOrUsername('u1'))?._id, 'u1');
        assert.equal((await store.users.findByIdOrUsername('carol'))?._id, 'bob');
        assert.equal((await store.users.findByIdOrUsername('bob'))?._id, 'bob');
        assert.equal(await store.users.findByIdOrUsername('BOB'), null);
      });

      it('keeps every field of the document as given', async () => {
        const doc = user('u1', 'dora', {
          e2e: { public_key: 'k' },
          settings: { preferences: { x: 1 } },
          utcOffset: -3.5,
        });
        await store.users.insert(doc);
        assert.deepEqual(await store.users.findById('u1'), doc);
      });

      it('reports id, username, case-insensitive email and extension clashes as ConflictError', async () => {
        await store.users.insert(user('u1', 'erin', { freeSwitchExtension: '2000' }));
        assert.equal(await conflictField(store.users.insert(user('u1', 'other'))), 'id');
        assert.equal(await conflictField(store.users.insert(user('u2', 'erin'))), 'username');
        assert.equal(
          await conflictField(
            store.users.insert(user('u3', 'frank', { emails: [{ address: 'ERIN@example.com' }] })),
          ),
          'email',
        );
        assert.equal(
          await conflictField(store.users.insert(user('u4', 'gina', { freeSwitchExtension: '2000' }))),
          'freeSwitchExtension',
        );
        assert.equal(await store.users.findById('u3'), null, 'a failed insert leaves nothing behind');
        assert.equal(await store.users.findByUsername('frank'), null);
      });

      it('updates a user and its lookup keys in one transaction, and refuses an update that would clash', async () => {
        await store.users.insert(user('u1', 'hank', { importIds: ['a'] }));
        await store.users.insert(user('u2', 'ivy'));
        const updated = await store.users.update('u1', (doc) => ({
          ...doc,
          username: 'hank2',
          emails: [{ address: 'new@example.com' }],
          importIds: ['b'],
          freeSwitchExtension: '3000',
        }));
        assert.equal(updated?.username, 'hank2');
        assert.equal(await store.users.findByUsername('hank'), null);
        assert.equal((await store.users.findByEmail('NEW@example.com'))?._id, 'u1');
        assert.equal(await store.users.findByEmail('hank@example.com'), null);
        assert.equal(await store.users.findByImportId('a'), null);
        assert.equal((await store.users.findByImportId('b'))?._id, 'u1');
        assert.equal((await store.users.findByFreeSwitchExtension('3000'))?._id, 'u1');
        assert.equal(
          await conflictField(store.users.update('u2', (doc) => ({ ...doc, username: 'hank2' }))),
          'username',
        );
        assert.equal((await store.users.findById('u2'))?.username, 'ivy');
        assert.equal(await store.users.update('missing', (doc) => doc), null);
      });

      it('revokes every token of the user in the same update when asked', async () => {
        await store.users.insert(user('u1', 'jack'));
        await store.tokens.insert({
          hashedToken: 'h1',
          userId: 'u1',
          when: new Date().toISOString(),
          type: 'login',
        });
        await store.tokens.insert({
          hashedToken: 'h2',
          userId: 'u1',
          when: new Date().toISOString(),
          type: 'personalAccessToken',
          name: 'bot',
        });
        await store.users.update('u1', (doc) => ({ ...doc, active: false }), { revokeTokens: true });
        assert.equal(await store.tokens.findSession('h1'), null);
        assert.equal(await store.tokens.findSession('h2'), null);
        assert.equal((await store.users.findById('u1'))?.active, false);
      });

      it('deletes a user with their tokens and subscriptions, freeing their username and email', async () => {
        await store.users.insert(user('u1', 'kate'));
        await store.tokens.insert({
          hashedToken: 'h1',
          userId: 'u1',
          when: new Date().toISOString(),
          type: 'login',
        });
        await store.rooms.insert(room('r1', 'c', 'general'), [
          subscription('s1', 'r1', 'c', 'general', 'u1'),
        ]);
        assert.equal(await store.users.delete('u1'), true);
        assert.equal(await store.users.findById('u1'), null);
        assert.equal(await store.tokens.findSession('h1'), null);
        assert.deepEqual(await store.subscriptions.listOfUser('u1'), []);
        assert.equal(await store.users.delete('u1'), false);
        await store.users.insert(user('u2', 'kate'));
        assert.equal((await store.users.findByEmail('kate@example.com'))?._id, 'u2');
      });

      it('lists users paged and sorted, filtered by text, role and active, with the total', async () => {
        await store.users.insert(user('u1', 'mike', { name: 'Zed', roles: ['admin', 'user'] }));
        await store.users.insert(user('u2', 'anna', { name: 'Yan', active: false }));
        await store.users.insert(user('u3', 'lena', { name: 'Xavier 100%' }));
        const all = await store.users.list({ offset: 0, count: 10, sort: [['username', 1]] });
        assert.deepEqual(
          all.users.map((u) => u.username),
          ['anna', 'lena', 'mike'],
        );
        assert.equal(all.total, 3);
        const page = await store.users.list({ offset: 1, count: 1, sort: [['name', -1]] });
        assert.deepEqual(
          page.users.map((u) => u.username),
          ['anna'],
        );
        assert.equal(page.total, 3);
        assert.deepEqual(
          (await store.users.list({ offset: 0, count: 10, sort: [], text: 'LEN' })).users.map((u) => u._id),
          ['u3'],
        );
        assert.deepEqual(
          (await store.users.list({ offset: 0, count: 10, sort: [], text: '100%' })).users.map((u) => u._id),
          ['u3'],
        );
        assert.deepEqual(
          (
            await store.users.list({
              offset: 0,
              count: 10,
              sort: [],
              text: 'anna@EX',
              textIncludesEmails: true,
            })
          ).users.map((u) => u._id),
          ['u2'],
        );
        assert.deepEqual(
          (await store.users.list({ offset: 0, count: 10, sort: [], text: 'anna@EX' })).users.map(
            (u) => u._id,
          ),
          [],
          'without textIncludesEmails the text never matches an address',
        );
        assert.deepEqual(
          (await store.users.list({ offset: 0, count: 10, sort: [], roles: ['admin'] })).users.map(
            (u) => u._id,
          ),
          ['u1'],
        );
        const active = await store.users.list({
          offset: 0,
          count: 10,
          sort: [['username', 1]],
          active: false,
        });
        assert.deepEqual(
          active.users.map((u) => u._id),
          ['u2'],
        );
        assert.equal(active.total, 1);
      });

      it('filters users by exact email ignoring case, lastLogin presence, type and inactiveReason', async () => {
        await store.users.insert(user('u1', 'mike', { lastLogin: '2026-01-01T00:00:00.000Z' }));
        await store.users.insert(
          user('u2', 'anna', { type: 'bot', active: false, inactiveReason: 'pending_approval' }),
        );
        await store.users.insert(user('u3', 'lena', { lastLogin: null, active: false }));
        const ids = async (
          filters: Omit<Parameters<Store['users']['list']>[0], 'offset' | 'count' | 'sort'>,
        ) =>
          (await store.users.list({ offset: 0, count: 10, sort: [['_id', 1]], ...filters })).users.map(
            (u) => u._id,
          );
        assert.deepEqual(await ids({ email: 'ANNA@example.com' }), ['u2']);
        assert.deepEqual(await ids({ email: 'anna@example.co' }), [], 'anchored: a prefix is no match');
        assert.deepEqual(
          await ids({ email: '%@example.com' }),
          [],
          'no wildcard: the address is taken literally',
        );
        assert.deepEqual(await ids({ hasLoggedIn: true }), ['u1', 'u3'], 'an explicit null lastLogin exists');
        assert.deepEqual(await ids({ hasLoggedIn: false }), ['u2']);
        assert.deepEqual(await ids({ type: 'bot' }), ['u2']);
        assert.deepEqual(await ids({ inactiveReason: ['pending_approval'] }), ['u2']);
        assert.deepEqual(
          await ids({ inactiveReason: ['deactivated'] }),
          ['u1', 'u3'],
          'no reason counts as deactivated',
        );
        assert.deepEqual(await ids({ inactiveReason: ['idle_too_long', 'pending_approval'] }), [
          'u1',
          'u2',
          'u3',
        ]);
        assert.deepEqual(await ids({ active: false, inactiveReason: ['deactivated'] }), ['u3']);
      });

      it('counts the users holding a role, following updates', async () => {
        await store.users.insert(user('u1', 'nina', { roles: ['admin'] }));
        await store.users.insert(user('u2', 'otto', { roles: ['admin', 'user'] }));
        assert.equal(await store.users.countWithRole('admin'), 2);
        await store.users.update('u2', (doc) => ({ ...doc, roles: ['user'] }));
        assert.equal(await store.users.countWithRole('admin'), 1);
        assert.equal(await store.users.countWithRole('nothing'), 0);
      });
    });

    describe('tokens', () => {
      beforeEach(async () => store.users.insert(user('u1', 'paul')));

      it('finds a session (token and user) by hashed token in one call', async () => {
        await store.tokens.insert({
          hashedToken: 'h1',
          userId: 'u1',
          when: '2024-01-01T00:00:00.000Z',
          type: 'login',
        });
        const session = await store.tokens.findSession('h1');
        assert.equal(session?.user._id, 'u1');
        assert.equal(session?.token.when, '2024-01-01T00:00:00.000Z');
        assert.equal(await store.tokens.findSession('nope'), null);
        assert.equal(
          await conflictField(
            store.tokens.insert({
              hashedToken: 'h1',
              userId: 'u1',
              when: '2024-01-01T00:00:00.000Z',
              type: 'login',
            }),
          ),
          'token',
        );
      });

      it('lists, deletes by hash and deletes personal access tokens by name', async () => {
        await store.tokens.insert({
          hashedToken: 'h1',
          userId: 'u1',
          when: '2024-01-01T00:00:00.000Z',
          type: 'login',
        });
        await store.tokens.insert({
          hashedToken: 'p1',
          userId: 'u1',
          when: '2024-01-02T00:00:00.000Z',
          type: 'personalAccessToken',
          name: 'ci',
          lastTokenPart: 'abc',
        });
        assert.deepEqual(
          (await store.tokens.listOfUser('u1', 'personalAccessToken')).map((t) => t.name),
          ['ci'],
        );
        assert.deepEqual(
          (await store.tokens.listOfUser('u1', 'login')).map((t) => t.hashedToken),
          ['h1'],
        );
        assert.equal(await store.tokens.deletePersonalAccessToken('u1', 'other'), false);
        assert.equal(await store.tokens.deletePersonalAccessToken('u1', 'ci'), true);
        assert.equal(await store.tokens.findSession('p1'), null);
        assert.equal(await store.tokens.delete('h1'), true);
        assert.equal(await store.tokens.delete('h1'), false);
      });

      it('prunes login tokens issued before a date, never personal access tokens', async () => {
        await store.tokens.insert({
          hashedToken: 'old',
          userId: 'u1',
          when: '2020-01-01T00:00:00.000Z',
          type: 'login',
        });
        await store.tokens.insert({
          hashedToken: 'new',
          userId: 'u1',
          when: '2030-01-01T00:00:00.000Z',
          type: 'login',
        });
        await store.tokens.insert({
          hashedToken: 'pat',
          userId: 'u1',
          when: '2020-01-01T00:00:00.000Z',
          type: 'personalAccessToken',
          name: 'x',
        });
        assert.equal(await store.tokens.deleteLoginTokensIssuedBefore('2025-01-01T00:00:00.000Z'), 1);
        assert.equal(await store.tokens.findSession('old'), null);
        assert.ok(await store.tokens.findSession('new'));
        assert.ok(await store.tokens.findSession('pat'));
      });

      it("deletes a user's login tokens except one, never PATs nor other users' tokens", async () => {
        const when = '2030-01-01T00:00:00.000Z';
        await store.users.insert(user('u2', 'zed'));
        for (const hashedToken of ['keep', 'drop1', 'drop2']) {
          await store.tokens.insert({ hashedToken, userId: 'u1', when, type: 'login' });
        }
        await store.tokens.insert({
          hashedToken: 'pat',
          userId: 'u1',
          when,
          type: 'personalAccessToken',
          name: 'x',
        });
        await store.tokens.insert({ hashedToken: 'u2-token', userId: 'u2', when, type: 'login' });
        assert.equal(await store.tokens.deleteLoginTokensOfUser('u1', 'keep'), 2);
        assert.equal(await store.tokens.findSession('drop1'), null);
        assert.equal(await store.tokens.findSession('drop2'), null);
        assert.ok(await store.tokens.findSession('keep'));
        assert.ok(await store.tokens.findSession('pat'));
        assert.ok(await store.tokens.findSession('u2-token'));
        assert.equal(await store.tokens.deleteLoginTokensOfUser('u1'), 1);
        assert.equal(await store.tokens.findSession('keep'), null);
        assert.ok(await store.tokens.findSession('pat'));
        assert.equal(await store.tokens.deleteLoginTokensOfUser('nobody'), 0);
      });
    });

    describe('rooms and subscriptions', () => {
      it("lists a user's subscriptions ordered by type, then name, in binary order", async () => {
        await store.rooms.insert(room('r1', 'p', 'zeta'), [subscription('s1', 'r1', 'p', 'zeta', 'u1')]);
        await store.rooms.insert(room('r2', 'c', 'beta'), [subscription('s2', 'r2', 'c', 'beta', 'u1')]);
        await store.rooms.insert(room('r3', 'd', 'u2'), [subscription('s3', 'r3', 'd', 'alice', 'u1')]);
        await store.rooms.insert(room('r4', 'c', 'Alpha'), [subscription('s4', 'r4', 'c', 'Alpha', 'u1')]);
        await store.rooms.insert(room('r5', 'c', 'alpha'), [subscription('s5', 'r5', 'c', 'alpha', 'u1')]);
        await store.rooms.insert(room('r6', 'l', 'visitor'), [
          subscription('s6', 'r6', 'l', 'visitor', 'u1'),
        ]);
        await store.rooms.insert(room('r7', 'c', 'other'), [subscription('s7', 'r7', 'c', 'other', 'u2')]);
        const names = (await store.subscriptions.listOfUser('u1')).map((s) => `${s.t}:${s.name}`);
        assert.deepEqual(names, ['c:Alpha', 'c:alpha', 'c:beta', 'd:alice', 'l:visitor', 'p:zeta']);
      });

      it('keeps c and p room names unique together, but not direct messages', async () => {
        await store.rooms.insert(room('r1', 'c', 'team'), []);
        assert.equal(await conflictField(store.rooms.insert(room('r2', 'p', 'team'), [])), 'roomName');
        await store.rooms.insert(room('r3', 'd', 'team'), []);
        assert.equal((await store.rooms.findByName('team'))?._id, 'r1');
        assert.equal((await store.rooms.findById('r3'))?.t, 'd');
      });

      it('inserts a room with its subscriptions atomically', async () => {
        await store.rooms.insert(room('r1', 'c', 'one'), [subscription('s1', 'r1', 'c', 'one', 'u1')]);
        await conflictField(
          store.rooms.insert(room('r2', 'c', 'two'), [subscription('s1', 'r2', 'c', 'two', 'u2')]),
        );
        assert.equal(await store.rooms.findById('r2'), null, 'the room of a failed insert is not kept');
      });

      it('gives each user one subscription per room, updates it and deletes it', async () => {
        await store.rooms.insert(room('r1', 'c', 'one'), [subscription('s1', 'r1', 'c', 'one', 'u1', 5)]);
        assert.equal(
          await conflictField(store.subscriptions.insert(subscription('s2', 'r1', 'c', 'one', 'u1'))),
          'subscription',
        );
        await store.subscriptions.insert(subscription('s3', 'r1', 'c', 'one', 'u2'));
        assert.deepEqual((await store.subscriptions.listOfRoom('r1')).map((s) => s.u._id).sort(), [
          'u1',
          'u2',
        ]);
        const read = await store.subscriptions.update('r1', 'u1', (s) => ({ ...s, unread: 0 }));
        assert.equal(read?.unread, 0);
        assert.equal((await store.subscriptions.find('r1', 'u1'))?.unread, 0);
        assert.equal(await store.subscriptions.update('r1', 'nobody', (s) => s), null);
        assert.equal(await store.subscriptions.delete('r1', 'u1'), true);
        assert.equal(await store.subscriptions.find('r1', 'u1'), null);
        assert.equal(await store.subscriptions.delete('r1', 'u1'), false);
      });

      it('updates a room and deletes it with every subscription to it', async () => {
        await store.rooms.insert(room('r1', 'c', 'one'), [
          subscription('s1', 'r1', 'c', 'one', 'u1'),
          subscription('s2', 'r1', 'c', 'one', 'u2'),
        ]);
        assert.equal((await store.rooms.update('r1', (r) => ({ ...r, usersCount: 2 })))?.usersCount, 2);
        await store.rooms.update('r1', (r) => ({ ...r, t: 'd' }));
        assert.equal(await store.rooms.findByName('one'), null, 'the type column follows the document');
        await store.rooms.update('r1', (r) => ({ ...r, t: 'c' }));
        assert.equal(await store.rooms.update('missing', (r) => r), null);
        assert.equal(await store.rooms.delete('r1'), true);
        assert.equal(await store.rooms.findById('r1'), null);
        assert.deepEqual(await store.subscriptions.listOfUser('u1'), []);
        assert.deepEqual(await store.subscriptions.listOfUser('u2'), []);
        assert.equal(await store.rooms.delete('r1'), false);
      });
    });

    describe('roles, permissions and settings', () => {
      it('saves and lists roles, permissions and settings', async () => {
        await store.roles.save({ _id: 'auditor', name: 'auditor', scope: 'Users' });
        assert.deepEqual(
          (await store.roles.list()).map((r) => r._id),
          ['auditor'],
        );
        await store.permissions.saveMany([
          { _id: 'b-perm', roles: ['admin'] },
          { _id: 'a-perm', roles: [] },
        ]);
        await store.permissions.saveMany([{ _id: 'b-perm', roles: ['user'] }]);
        assert.deepEqual(await store.permissions.list(), [
          { _id: 'a-perm', roles: [] },
          { _id: 'b-perm', roles: ['user'] },
        ]);
        await store.settings.save({ _id: 'Accounts_CustomFields', value: '{}', type: 'code' });
        assert.equal((await store.settings.find('Accounts_CustomFields'))?.value, '{}');
        assert.equal(await store.settings.find('missing'), null);
        assert.equal((await store.settings.list()).length, 1);
      });

      it('pages the holders of a global role by username, and counts them with count 0', async () => {
        await store.users.insert(user('u3', 'carol', { roles: ['user', 'auditor'] }));
        await store.users.insert(user('u1', 'alice', { roles: ['auditor'] }));
        await store.users.insert(user('u2', 'bob', { roles: ['user'] }));
        await store.users.insert(user('u4', 'dave', { roles: ['auditor'] }));
        const query = { roleId: 'auditor', scope: 'Users' as const, offset: 0, count: 2 };
        const first = await store.roles.listHolders(query);
        assert.deepEqual(
          first.users.map((u) => u.username),
          ['alice', 'carol'],
        );
        assert.equal(first.total, 3);
        const rest = await store.roles.listHolders({ ...query, offset: 2 });
        assert.deepEqual(
          rest.users.map((u) => u.username),
          ['dave'],
        );
        assert.deepEqual(await store.roles.listHolders({ ...query, count: 0 }), { users: [], total: 3 });
        await store.users.update('u1', (current) => ({ ...current, roles: ['user'] }));
        assert.equal((await store.roles.listHolders({ ...query, count: 0 })).total, 2);
      });

      it('finds the holders of a room role through subscriptions, in one room or in any', async () => {
        await store.users.insert(user('u1', 'alice'));
        await store.users.insert(user('u2', 'bob'));
        await store.rooms.insert(room('r1', 'c', 'one'), [
          { ...subscription('s1', 'r1', 'c', 'one', 'u1'), roles: ['moderator'] },
          { ...subscription('s2', 'r1', 'c', 'one', 'u2'), roles: ['owner'] },
        ]);
        await store.rooms.insert(room('r2', 'c', 'two'), [
          { ...subscription('s3', 'r2', 'c', 'two', 'u2'), roles: ['moderator', 'owner'] },
          { ...subscription('s4', 'r2', 'c', 'two', 'u1'), roles: ['moderator'] },
        ]);
        const holders = async (roomId?: string) =>
          (
            await store.roles.listHolders({
              roleId: 'moderator',
              scope: 'Subscriptions',
              ...(roomId ? { roomId } : {}),
              offset: 0,
              count: 10,
            })
          ).users.map((u) => u._id);
        assert.deepEqual(await holders('r1'), ['u1']);
        assert.deepEqual(await holders('r2'), ['u1', 'u2']);
        assert.deepEqual(await holders(), ['u1', 'u2']);
        assert.deepEqual(await holders('elsewhere'), []);
      });

      it('moves a deleted role into the trash, listed by deletion time', async () => {
        await store.roles.save({ _id: 'r-a', name: 'a', scope: 'Users' });
        await store.roles.save({ _id: 'r-b', name: 'b', scope: 'Users' });
        assert.equal(await store.roles.delete('r-a', '2026-01-02T00:00:00.000Z'), true);
        assert.equal(await store.roles.delete('r-a', '2026-01-03T00:00:00.000Z'), false);
        assert.deepEqual(
          (await store.roles.list()).map((r) => r._id),
          ['r-b'],
        );
        assert.deepEqual(await store.roles.listDeletedAfter('2026-01-01T00:00:00.000Z'), [
          {
            _id: 'r-a',
            name: 'a',
            scope: 'Users',
            _deletedAt: '2026-01-02T00:00:00.000Z',
            __collection__: 'roles',
          },
        ]);
        assert.deepEqual(await store.roles.listDeletedAfter('2026-01-02T00:00:00.000Z'), []);
      });
    });

    describe('bulkWrite', () => {
      it('counts inserted, unchanged, updated and skipped documents per kind', async () => {
        const batch = {
          users: [user('u1', 'quinn'), user('u2', 'rosa')],
          rooms: [room('r1', 'c', 'one')],
          subscriptions: [subscription('s1', 'r1', 'c', 'one', 'u1')],
          tokens: [
            { hashedToken: 'h1', userId: 'u1', when: '2024-01-01T00:00:00.000Z', type: 'login' as const },
          ],
        };
        const first = await store.bulkWrite(batch, 'ignore');
        assert.deepEqual(first.users, { inserted: 2, updated: 0, unchanged: 0, skipped: 0 });
        assert.equal(first.subscriptions.inserted, 1);
        assert.equal(first.tokens.inserted, 1);
        const again = await store.bulkWrite(batch, 'replace');
        assert.deepEqual(again.users, { inserted: 0, updated: 0, unchanged: 2, skipped: 0 });
        const changed = await store.bulkWrite(
          { users: [user('u1', 'quinn', { name: 'Renamed' }), user('u3', 'rosa')] },
          'replace',
        );
        assert.deepEqual(changed.users, { inserted: 0, updated: 1, unchanged: 0, skipped: 1 });
        assert.equal((await store.users.findById('u1'))?.name, 'Renamed');
        assert.equal(await store.users.findById('u3'), null);
        const ignored = await store.bulkWrite(
          { users: [user('u1', 'quinn', { name: 'Ignored' })] },
          'ignore',
        );
        assert.equal(ignored.users.unchanged, 1);
        assert.equal((await store.users.findById('u1'))?.name, 'Renamed');
        assert.equal((await store.tokens.findSession('h1'))?.user._id, 'u1');
      });

      it('settles clashes inside one batch in document order, as one-by-one writes would', async () => {
        await store.users.insert(user('u1', 'sam'));
        const counts = await store.bulkWrite(
          {
            users: [
              user('u1', 'samuel'),
              user('u2', 'sam'),
              user('u3', 'tess', { emails: [{ address: 'SAM@example.com' }] }),
              user('u4', 'uma'),
              user('u4', 'uma', { name: 'Second' }),
              user('u5', 'uma'),
            ],
            rooms: [room('r1', 'c', 'town'), room('r2', 'p', 'town'), room('r3', 'd', 'town')],
            subscriptions: [
              subscription('s1', 'r1', 'c', 'town', 'u2'),
              subscription('s2', 'r1', 'c', 'town', 'u2'),
              subscription('s1', 'r1', 'c', 'town', 'u2', 3),
            ],
          },
          'replace',
        );
        assert.deepEqual(counts.users, { inserted: 2, updated: 2, unchanged: 0, skipped: 2 });
        assert.deepEqual(counts.rooms, { inserted: 2, updated: 0, unchanged: 0, skipped: 1 });
        assert.deepEqual(counts.subscriptions, { inserted: 1, updated: 1, unchanged: 0, skipped: 1 });
        assert.equal((await store.users.findByUsername('sam'))?._id, 'u2');
        assert.equal((await store.users.findByEmail('sam@example.com'))?._id, 'u2');
        assert.equal((await store.users.findByUsername('samuel'))?._id, 'u1');
        assert.equal((await store.users.findById('u4'))?.name, 'Second');
        assert.equal(await store.users.findById('u3'), null);
        assert.equal(await store.users.findById('u5'), null);
        assert.equal((await store.rooms.findByName('town'))?._id, 'r1');
        assert.equal(await store.rooms.findById('r2'), null);
        assert.deepEqual(
          (await store.subscriptions.listOfUser('u2')).map((s) => [s._id, s.unread]),
          [['s1', 3]],
        );
      });
    });

    describe('account lifecycle and batched membership', () => {
      it('finds many users by ids, exact usernames and lower-cased usernames in one call each', async () => {
        await store.users.insert(user('u1', 'Alice'));
        await store.users.insert(user('u2', 'bob'));
        const ids = (users: UserDoc[]) => users.map((u) => u._id).sort();
        assert.deepEqual(ids(await store.users.findByIds(['u1', 'u2', 'missing', 'a\u0000b'])), ['u1', 'u2']);
        assert.deepEqual(ids(await store.users.findByUsernames(['Alice', 'alice', 'bob'])), ['u1', 'u2']);
        assert.deepEqual(ids(await store.users.findByUsernamesInsensitive(['ALICE', 'Bob'])), ['u1', 'u2']);
        assert.deepEqual(await store.users.findByIds([]), []);
      });

      it('addRoomMembers inserts only missing subscriptions and raises usersCount by that many', async () => {
        await store.rooms.insert({ ...room('r1', 'c', 'town'), usersCount: 1 }, [
          subscription('s1', 'r1', 'c', 'town', 'u1'),
        ]);
        const added = await store.rooms.addMembers(
          'r1',
          [subscription('s2', 'r1', 'c', 'town', 'u1'), subscription('s3', 'r1', 'c', 'town', 'u2')],
          '2024-02-02T00:00:00.000Z',
        );
        assert.deepEqual(added?.added, ['u2']);
        assert.equal(added?.room.usersCount, 2);
        assert.equal((await store.rooms.findById('r1'))?.usersCount, 2);
        assert.equal((await store.subscriptions.listOfRoom('r1')).length, 2);
        assert.equal(await store.rooms.addMembers('gone', [], '2024-02-02T00:00:00.000Z'), null);
      });

      it('writeUserFootprint reads what refers to a user and applies the planned writes in one transaction', async () => {
        await store.users.insert(user('u1', 'alice'));
        await store.users.insert(user('u2', 'bob'));
        await store.rooms.insert({ _id: 'd1', t: 'd', uids: ['u1', 'u2'], usernames: ['alice', 'bob'] }, [
          subscription('s1', 'd1', 'd', 'bob', 'u1'),
          subscription('s2', 'd1', 'd', 'alice', 'u2'),
        ]);
        await store.rooms.insert({ ...room('r1', 'c', 'made'), u: { _id: 'u1', username: 'alice' } }, []);
        let seen: { rooms: string[]; namedAfter: string[]; partners: string[] } | undefined;
        const written = await store.accounts.writeFootprint('u1', (footprint) => {
          seen = {
            rooms: footprint.rooms.map((r) => r._id).sort(),
            namedAfter: footprint.namedAfter.map((s) => s._id),
            partners: footprint.partners.map((p) => p._id),
          };
          return {
            user: { ...footprint.user, username: 'alicia' },
            subscriptions: footprint.namedAfter.map((s) => ({ ...s, name: 'alicia' })),
            ownerGrants: [{ rid: 'd1', userId: 'u2' }],
            deleteRooms: ['r1'],
          };
        });
        assert.deepEqual(seen, { rooms: ['d1', 'r1'], namedAfter: ['s2'], partners: ['u2'] });
        assert.equal(written?.user?.username, 'alicia');
        assert.equal((await store.users.findByUsername('alicia'))?._id, 'u1');
        const other = await store.subscriptions.find('d1', 'u2');
        assert.deepEqual([other?.name, other?.roles], ['alicia', ['owner']]);
        assert.equal(await store.rooms.findById('r1'), null);
        assert.equal(await store.accounts.writeFootprint('missing', () => ({ user: null })), null);

        await store.accounts.writeFootprint('u1', () => ({ user: null }));
        assert.equal(await store.users.findById('u1'), null);
        assert.deepEqual(await store.subscriptions.listOfUser('u1'), []);
      });
    });

    describe('watch', () => {
      it("reports this process's writes at once and another connection's writes within a second", async () => {
        const topics: ChangeTopic[] = [];
        const unwatch = store.watch((topic) => topics.push(topic));
        await store.settings.save({ _id: 'x', value: 1 });
        assert.deepEqual(topics, ['settings']);
        const other = await testStore.reopen();
        await other.permissions.saveMany([{ _id: 'p', roles: [] }]);
        const deadline = Date.now() + 1000;
        while (!topics.includes('all') && Date.now() < deadline)
          await new Promise((resolve) => setTimeout(resolve, 10));
        unwatch();
        assert.ok(topics.includes('all'), 'a foreign commit was reported');
      });
    });
  });
}
