// Property: whoever asks, whatever they look up, users.info shows only allowed fields and never a secret.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import type { Json, UserDoc } from '../../../src/core/documents.js';
import { hashLoginToken } from '../../../src/core/auth/login-tokens.js';
import type { TestApp } from '../../helpers/test-app.js';
import { testStores } from '../../helpers/test-stores.js';
import { DEFAULT_FIELDS, FULL_FIELDS } from '../../helpers/users-info-fields.js';
import { setCustomFields, setPermission, startUsersInfoApp, usersInfo } from './fixtures.js';

// The model below restates users-info.md §4–§6 independently of src/core, on purpose.
const DEFAULT = DEFAULT_FIELDS;
const FULL = FULL_FIELDS;
const NEVER = [
  'e2e',
  'settings',
  '__rooms',
  'inviteToken',
  'ldap',
  'extension',
  '_updatedAt',
  'oauth',
  'banners',
];
const ROLES = ['admin', 'user', 'bot', 'guest', 'auditor'];
const CUSTOM = ['alpha', 'beta', 'gamma', 'delta'];
const KEYS = ['userId', 'username', 'importId', 'email', 'freeSwitchExtension'] as const;
type Key = (typeof KEYS)[number];

/** Every secret stored in a generated user carries this marker; no response may contain it. */
const SECRET = 'SECRETMARK';

interface Person {
  fields: string[];
  roles: string[];
  customFields: string[];
  withServices: boolean;
}

const person = fc.record({
  fields: fc.subarray([...DEFAULT, ...FULL, ...NEVER].filter((f) => !['username', 'roles'].includes(f))),
  roles: fc.subarray(ROLES),
  customFields: fc.subarray([...CUSTOM, 'undefinedField']),
  withServices: fc.boolean(),
});

const definitions = fc.oneof(
  fc
    .dictionary(fc.constantFrom(...CUSTOM), fc.record({ public: fc.boolean() }))
    .map((d) => JSON.stringify(d)),
  fc.constantFrom('', '{not json', '[]', '"x"'),
);

const scenario = fc.record({
  caller: person,
  target: person,
  targetIsCaller: fc.boolean(),
  fullInfoRoles: fc.subarray(ROLES),
  channelsRoles: fc.subarray(ROLES),
  definitions,
  key: fc.constantFrom(...KEYS),
  whom: fc.constantFrom('target', 'caller', 'nobody', 'random'),
  randomValue: fc.string({ minLength: 1, maxLength: 12 }),
  emailStyle: fc.constantFrom('as-is', 'upper', 'spaced'),
  includeUserRooms: fc.constantFrom('true', 'TRUE', '1', undefined),
});

function makeUser(id: string, p: Person): UserDoc {
  const user: UserDoc = { _id: id, username: `user-${id}`, roles: p.roles, active: true };
  for (const field of p.fields) {
    if (field === 'emails') user.emails = [{ address: `${id}@Example.com`, verified: true }];
    else if (field === 'importIds') user.importIds = [`imp-${id}`];
    else if (field === 'freeSwitchExtension') user.freeSwitchExtension = `ext-${id}`;
    else if (field === 'active') user.active = true;
    else if (NEVER.includes(field))
      user[field] = { token: `${SECRET}-${field}`, private_key: `${SECRET}-key` };
    else user[field] = `value-${field}`;
  }
  if (p.customFields.length > 0) {
    user.customFields = Object.fromEntries(p.customFields.map((name) => [name, `cf-${name}`]));
  }
  if (p.withServices) {
    user.services = {
      password: { bcrypt: `${SECRET}-bcrypt` },
      passwordHistory: [`${SECRET}-history`],
      resume: { loginTokens: [{ when: '2024-01-01T00:00:00.000Z', hashedToken: `${SECRET}-resume` }] },
      email: { verificationTokens: [{ token: `${SECRET}-verify`, address: 'a@b.c' }] },
      totp: { enabled: true, secret: `${SECRET}-totp`, hashedBackup: [`${SECRET}-backup`] },
      google: { id: 'g-id', email: 'g@example.com', accessToken: `${SECRET}-at`, idToken: `${SECRET}-id` },
      email2fa: { enabled: false, changedAt: '2024-01-01T00:00:00.000Z' },
    };
  }
  return user;
}

function lookupValue(key: Key, user: UserDoc | null, style: string): string {
  if (!user) return `nobody-${key}`;
  switch (key) {
    case 'userId':
      return user._id;
    case 'username':
      return user.username as string;
    case 'importId':
      return user.importIds?.[0] ?? 'no-import-id';
    case 'freeSwitchExtension':
      return user.freeSwitchExtension ?? 'no-extension';
    case 'email': {
      const address = user.emails?.[0]?.address ?? 'no-email@example.com';
      return style === 'upper' ? address.toUpperCase() : style === 'spaced' ? `  ${address} ` : address;
    }
  }
}

function parsedDefinitions(source: string): Map<string, boolean> {
  try {
    const parsed = JSON.parse(source) as unknown;
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return new Map();
    return new Map(
      Object.entries(parsed as Record<string, { public: boolean }>).map(([k, v]) => [k, v.public]),
    );
  } catch {
    return new Map();
  }
}

for (const [storeName, factory] of testStores()) {
  describe(`users.info properties (${storeName})`, () => {
    let t: TestApp;
    before(async () => (t = await startUsersInfoApp(factory)));
    after(async () => t.dispose());

    it("never shows a field outside the caller's allowed set, and never a secret, to any caller", async () => {
      let run = 0;
      // ETags (README "Beyond Rocket.Chat"): across all runs, one tag never names two different bodies.
      const bodyOfTag = new Map<string, string>();
      await fc.assert(
        fc.asyncProperty(scenario, async (s) => {
          run++;
          await setPermission(t, 'view-full-other-user-info', s.fullInfoRoles);
          await setPermission(t, 'view-other-user-channels', s.channelsRoles);
          await setCustomFields(t, s.definitions);
          const caller = makeUser(`c${run}`, s.caller);
          await t.store.users.insert(caller);
          const credentials = await t.issueToken(caller._id);
          const target = s.targetIsCaller ? caller : makeUser(`t${run}`, s.target);
          if (target !== caller) await t.store.users.insert(target);
          await t.store.rooms.insert({ _id: `room${run}`, t: 'c', name: `room${run}` }, [
            {
              _id: `sub${run}`,
              rid: `room${run}`,
              t: 'c',
              name: `room${run}`,
              u: { _id: target._id },
              unread: 1,
            },
          ]);

          const whom = s.whom === 'target' ? target : s.whom === 'caller' ? caller : null;
          const value = s.whom === 'random' ? s.randomValue : lookupValue(s.key, whom, s.emailStyle);
          const flag = s.includeUserRooms === undefined ? '' : `&includeUserRooms=${s.includeUserRooms}`;
          const response = await usersInfo(t, `${s.key}=${encodeURIComponent(value)}${flag}`, credentials);

          for (const secret of [SECRET, credentials.token, hashLoginToken(credentials.token)]) {
            assert.equal(response.body.includes(secret), false, `secret in ${response.body}`);
          }
          if (response.statusCode !== 200) {
            assert.equal(response.statusCode, 400);
            assert.equal(response.body, '{"success":false,"error":"User not found."}');
            return;
          }
          const tag = response.headers.etag as string;
          assert.equal(bodyOfTag.get(tag) ?? response.body, response.body, 'two views share a tag');
          bodyOfTag.set(tag, response.body);
          const revalidated = await t.inject({
            method: 'GET',
            url: `/api/v1/users.info?${s.key}=${encodeURIComponent(value)}${flag}`,
            headers: { ...credentials.headers, 'if-none-match': tag },
          });
          assert.equal(revalidated.statusCode, 304);
          const user = (response.json() as { user: Record<string, Json> }).user;
          const found = user._id === caller._id ? caller : target;
          assert.equal(user._id, found._id);

          const callerRoles = s.caller.roles;
          const namesCaller =
            (s.key === 'userId' && value === caller._id) ||
            (s.key === 'username' && value === caller.username) ||
            (s.key === 'importId' && (caller.importIds ?? []).includes(value)) ||
            (s.key === 'freeSwitchExtension' && value === caller.freeSwitchExtension) ||
            (s.key === 'email' &&
              (caller.emails ?? []).some((e) => e.address.toLowerCase() === value.trim().toLowerCase()));
          const myself = namesCaller && found._id === caller._id;
          const canViewAllInfo = myself || callerRoles.some((role) => s.fullInfoRoles.includes(role));
          const mayListRooms =
            s.includeUserRooms === 'true' &&
            (found._id === caller._id || callerRoles.some((role) => s.channelsRoles.includes(role)));
          if (s.key === 'importId' || s.key === 'email')
            assert.ok(canViewAllInfo, 'gate let a lookup through');

          const allowed = new Set(['_id', 'canViewAllInfo', 'customFields', ...DEFAULT]);
          if (canViewAllInfo) FULL.forEach((field) => allowed.add(field));
          if (myself) allowed.add('services');
          if (mayListRooms) allowed.add('rooms');
          for (const field of Object.keys(user)) assert.ok(allowed.has(field), `${field} shown`);
          assert.equal(user.canViewAllInfo, canViewAllInfo);
          assert.equal('rooms' in user, mayListRooms);
          assert.equal('services' in user, myself && found.services !== undefined);

          const defined = parsedDefinitions(s.definitions);
          for (const name of Object.keys((user.customFields as Record<string, Json> | undefined) ?? {})) {
            assert.ok(defined.has(name), `undefined custom field ${name}`);
            assert.ok(canViewAllInfo || defined.get(name) === true, `private custom field ${name}`);
          }
          for (const [field, stored] of Object.entries(found)) {
            if (allowed.has(field) && !['customFields', 'services'].includes(field)) {
              assert.deepEqual(user[field], stored, `${field} changed`);
            }
          }
        }),
        { numRuns: 150 },
      );
    });
  });
}
