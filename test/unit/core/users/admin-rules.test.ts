// The pure rules behind the admin endpoints: paging, sort parsing, custom fields, conflict translation.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCustomFieldDefinitions } from '../../../../src/core/settings/custom-fields.js';
import { conflictAsFieldUnavailable } from '../../../../src/core/users/user-create.js';
import { pagination, parseSort } from '../../../../src/core/users/user-list.js';
import { escapeHtml, validateCustomFields } from '../../../../src/core/users/user-validation.js';
import { ConflictError, RosterError } from '../../../../src/errors.js';

describe('pagination', () => {
  it('defaults to offset 0 and count 50, caps count at 100 and treats 0, negatives and junk as absent', () => {
    assert.deepEqual(pagination({}), { offset: 0, count: 50 });
    assert.deepEqual(pagination({ count: '500', offset: '7' }), { offset: 7, count: 100 });
    assert.deepEqual(pagination({ count: '0', offset: '-3' }), { offset: 0, count: 50 });
    assert.deepEqual(pagination({ count: 'many', offset: 'x' }), { offset: 0, count: 50 });
  });
});

describe('parseSort', () => {
  it('defaults to username ascending and adds active after status, as Rocket.Chat does', () => {
    assert.deepEqual(parseSort(undefined), [['username', 1]]);
    assert.deepEqual(parseSort('{"status":-1,"name":1}'), [
      ['status', -1],
      ['active', -1],
      ['name', 1],
    ]);
  });

  it('throws error-invalid-sort for an array, a non-JSON value or a direction other than 1/-1', () => {
    for (const raw of ['[1]', '{', '{"name":"asc"}']) {
      assert.throws(
        () => parseSort(raw),
        (error: RosterError) =>
          error.body.error === `Invalid sort parameter provided: "${raw}" [error-invalid-sort]`,
      );
    }
  });
});

describe('validateCustomFields', () => {
  const definitions = parseCustomFieldDefinitions(
    JSON.stringify({ size: { required: true, public: true }, note: { public: false, maxLength: 3 } }),
    () => {},
  );

  it('returns the trimmed values of defined fields', () => {
    assert.deepEqual(validateCustomFields({ size: ' L ', note: 'ab' }, definitions, false), {
      size: 'L',
      note: 'ab',
    });
  });

  it('skips required fields that an update does not resend', () => {
    assert.deepEqual(validateCustomFields({ note: 'x' }, definitions, true), { note: 'x' });
    assert.throws(() => validateCustomFields({ note: 'x' }, definitions, false), /Field size is required/);
  });

  it('refuses every key when no custom field is defined', () => {
    assert.throws(() => validateCustomFields({ size: 'L' }, new Map(), false), /Field size is not defined/);
    assert.deepEqual(validateCustomFields({}, new Map(), false), {});
  });
});

describe('conflictAsFieldUnavailable', () => {
  const user = { _id: 'u1', username: 'sam', emails: [{ address: 'sam@x.org' }], freeSwitchExtension: '77' };

  it('turns a store conflict on username, email or extension into "<value> is already in use :("', () => {
    const cases: Array<[ConflictError['field'], string]> = [
      ['username', 'sam'],
      ['email', 'sam@x.org'],
      ['freeSwitchExtension', '77'],
    ];
    for (const [field, value] of cases) {
      const error = conflictAsFieldUnavailable(new ConflictError(field), user) as RosterError;
      assert.equal(error.body.error, `${value} is already in use :( [error-field-unavailable]`);
    }
  });

  it('passes any other error through unchanged', () => {
    const other = new Error('disk full');
    assert.equal(conflictAsFieldUnavailable(other, user), other);
  });
});

describe('escapeHtml', () => {
  it('escapes the characters lodash.escape escapes', () => {
    assert.equal(escapeHtml(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});
