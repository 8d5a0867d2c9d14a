// visibleUser (users-info.md §5): default and full field sets, custom fields, canViewAllInfo, self-only services.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CustomFieldDefinitions } from '../../../../src/core/settings/custom-fields.js';
import type { UserDoc } from '../../../../src/core/documents.js';
import { DEFAULT_FIELDS, FULL_FIELDS, visibleUser } from '../../../../src/core/users/user-visibility.js';

/** A stored user with every field of both sets, custom fields, services and fields never shown. */
function fullUser(): UserDoc {
  const user: UserDoc = { _id: 'u1' };
  for (const field of [...DEFAULT_FIELDS, ...FULL_FIELDS]) user[field] = `value of ${field}`;
  user.customFields = { department: 'R&D', badge: 'B-7', undefinedField: 'hidden' };
  user.services = { password: { bcrypt: '$2b$10$x' }, resume: { loginTokens: [] } };
  user.e2e = { private_key: 'k' };
  user.settings = { preferences: {} };
  user.__rooms = ['r1'];
  user.inviteToken = 'invite';
  user.ldap = true;
  user.extension = '100';
  user._updatedAt = '2024-01-01T00:00:00.000Z';
  return user;
}

const definitions: CustomFieldDefinitions = new Map([
  ['department', { public: true }],
  ['badge', { public: false }],
  ['unusedField', { public: true }],
]);
const none: CustomFieldDefinitions = new Map();

describe('visibleUser', () => {
  it('shows a plain viewer _id, the default fields, public custom fields and canViewAllInfo:false', () => {
    const view = visibleUser(fullUser(), { myself: false, canViewAllInfo: false, customFields: definitions });
    assert.deepEqual(Object.keys(view), ['_id', ...DEFAULT_FIELDS, 'customFields', 'canViewAllInfo']);
    assert.deepEqual(view.customFields, { department: 'R&D' });
    assert.equal(view.canViewAllInfo, false);
  });

  it('adds the full fields and every defined custom field with canViewAllInfo, but no services for others', () => {
    const view = visibleUser(fullUser(), { myself: false, canViewAllInfo: true, customFields: definitions });
    assert.deepEqual(Object.keys(view), [
      '_id',
      ...DEFAULT_FIELDS,
      ...FULL_FIELDS,
      'customFields',
      'canViewAllInfo',
    ]);
    assert.deepEqual(view.customFields, { department: 'R&D', badge: 'B-7' });
    assert.equal(view.canViewAllInfo, true);
  });

  it('adds the sanitised services for myself, in stored order', () => {
    const view = visibleUser(fullUser(), { myself: true, canViewAllInfo: true, customFields: none });
    assert.deepEqual(view.services, { password: true });
    assert.equal('customFields' in view, false);
    assert.deepEqual(Object.keys(view).slice(-2), ['services', 'canViewAllInfo']);
  });

  it('keeps the stored document order of fields, as a MongoDB projection does', () => {
    const user: UserDoc = {
      _id: 'u2',
      username: 'z',
      createdAt: '2023-07-10T16:44:58.548Z',
      active: true,
      name: 'Z',
    };
    const view = visibleUser(user, { myself: false, canViewAllInfo: true, customFields: none });
    assert.equal(
      JSON.stringify(view),
      '{"_id":"u2","username":"z","createdAt":"2023-07-10T16:44:58.548Z","active":true,"name":"Z","canViewAllInfo":true}',
    );
  });

  it('shows only the fields the stored user has', () => {
    const view = visibleUser(
      { _id: 'u3' },
      { myself: true, canViewAllInfo: true, customFields: definitions },
    );
    assert.deepEqual(view, { _id: 'u3', canViewAllInfo: true });
  });

  it('shows customFields as {} when a visible field is defined but the user has none of them', () => {
    const user: UserDoc = { _id: 'u4', customFields: { undefinedField: 'x' } };
    const view = visibleUser(user, { myself: false, canViewAllInfo: false, customFields: definitions });
    assert.deepEqual(view.customFields, {});
  });

  it('shows no customFields without a visible definition, or when the stored value is not an object', () => {
    const privateOnly: CustomFieldDefinitions = new Map([['badge', { public: false }]]);
    const user: UserDoc = { _id: 'u5', customFields: { badge: 'B' } };
    assert.equal(
      'customFields' in
        visibleUser(user, { myself: false, canViewAllInfo: false, customFields: privateOnly }),
      false,
    );
    const odd: UserDoc = { _id: 'u6', customFields: 'text' as unknown as Record<string, never> };
    assert.equal(
      'customFields' in visibleUser(odd, { myself: true, canViewAllInfo: true, customFields: definitions }),
      false,
    );
  });

  it('never shows services when the stored value is not an object, even for myself', () => {
    const user: UserDoc = { _id: 'u7', services: 'x' as unknown as Record<string, never> };
    assert.equal(
      'services' in visibleUser(user, { myself: true, canViewAllInfo: true, customFields: none }),
      false,
    );
  });

  it('never copies a field named by the user document but outside the sets (e2e, settings, __rooms, inviteToken, ldap)', () => {
    const view = visibleUser(fullUser(), { myself: true, canViewAllInfo: true, customFields: definitions });
    for (const field of ['e2e', 'settings', '__rooms', 'inviteToken', 'ldap', 'extension', '_updatedAt']) {
      assert.equal(field in view, false, field);
    }
  });
});
