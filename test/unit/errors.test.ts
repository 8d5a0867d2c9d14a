// The error catalogue, counted as Fastify's test/internals/errors.test.js counts its errors: adding, removing or
// sharing an error is a deliberate act that shows up here.
import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import * as kernelErrors from '../../src/errors.js';
import { RosterError } from '../../src/errors.js';
import * as authErrors from '../../src/core/auth/auth-errors.js';
import { accessErrors } from '../../src/core/access/access-errors.js';
import { permissionErrors } from '../../src/core/access/permission-errors.js';
import { roomErrors } from '../../src/core/rooms/room-errors.js';
import { settingErrors } from '../../src/core/settings/setting-errors.js';
import { ownProfileErrors, userErrors } from '../../src/core/users/user-errors.js';
import { roleErrors } from '../../src/core/access/role-errors.js';
import { avatarErrors, invalidField } from '../../src/core/users/avatar-errors.js';
import { profileErrors } from '../../src/core/users/profile-errors.js';
import { searchErrors } from '../../src/core/users/search-errors.js';
import { httpErrors } from '../../src/http/http-errors.js';
import { sessionTokenErrors } from '../../src/core/auth/session-tokens-errors.js';
import { messageErrors } from '../../src/core/messages/message-errors.js';

type Maker = (...args: never[]) => unknown;

const isClass = (value: unknown) => typeof value === 'function' && /^class\b/.test(String(value));

/** A module's exported functions that are not classes: the makers of a function-per-error catalogue. */
function exportedMakers(module: Record<string, unknown>): Record<string, Maker> {
  return Object.fromEntries(
    Object.entries(module).filter(([, value]) => typeof value === 'function' && !isClass(value)),
  ) as Record<string, Maker>;
}

/** Each catalogue file (path under src/) with its makers. */
const CATALOGUES: Record<string, Record<string, Maker>> = {
  'errors.ts': exportedMakers(kernelErrors),
  'core/auth/auth-errors.ts': exportedMakers(authErrors),
  'core/access/access-errors.ts': accessErrors,
  'core/access/permission-errors.ts': permissionErrors,
  'core/rooms/room-errors.ts': roomErrors,
  'core/settings/setting-errors.ts': settingErrors,
  'core/users/user-errors.ts': {
    ...userErrors,
    ...Object.fromEntries(
      Object.entries(ownProfileErrors).map(([name, maker]) => [`ownProfile.${name}`, maker]),
    ),
  },
  'core/access/role-errors.ts': roleErrors,
  'core/users/avatar-errors.ts': { ...avatarErrors, invalidField },
  'core/users/profile-errors.ts': profileErrors,
  'core/users/search-errors.ts': searchErrors,
  'http/http-errors.ts': httpErrors,
  'core/auth/session-tokens-errors.ts': sessionTokenErrors,
  'core/messages/message-errors.ts': messageErrors,
};

const EXPECTED_COUNTS: Record<string, number> = {
  'errors.ts': 14,
  'core/auth/auth-errors.ts': 10,
  'core/access/access-errors.ts': 12,
  'core/access/permission-errors.ts': 7,
  'core/access/role-errors.ts': 12,
  'core/rooms/room-errors.ts': 62,
  'core/settings/setting-errors.ts': 2,
  'core/users/user-errors.ts': 33,
  'core/users/avatar-errors.ts': 10,
  'core/users/profile-errors.ts': 23,
  'core/users/search-errors.ts': 3,
  'http/http-errors.ts': 9,
  'core/auth/session-tokens-errors.ts': 2,
  'core/messages/message-errors.ts': 24,
};

/** Files named *-errors.ts that define no error: they translate driver errors or write a catalogue's to a socket. */
const NOT_CATALOGUES = [
  'http/client-errors.ts',
  'store/postgres/postgres-errors.ts',
  'store/sqlite/sqlite-errors.ts',
];

const TWO_FACTOR_DETAILS = { method: 'totp', codeGenerated: false, availableMethods: ['totp'] };

/** Arguments for the makers that take some; a maker with parameters and no entry here fails the test. */
const SAMPLE_ARGS: Record<string, unknown[]> = {
  'errors.ts failure': ['Some text'],
  'errors.ts typedFailure': ['Some text', 'error-some-type'],
  'errors.ts domainError': ['error-some-type', 'Some text'],
  'errors.ts meteorError': ['error-some-type', 'Some text', { method: 'someMethod' }],
  'core/access/permission-errors.ts assigningAdmin': ['insertOrUpdateUser'],
  'core/access/permission-errors.ts notAllowed': ['eraseRoom'],
  'core/access/permission-errors.ts notAuthorized': ['personalAccessTokens:generateToken'],
  'errors.ts invalidParams': [['must be string']],
  'errors.ts tooManyRequests': [42],
  'core/auth/auth-errors.ts loginTwoFactorError': ['totp-required', TWO_FACTOR_DETAILS],
  'core/auth/auth-errors.ts routeTwoFactorError': ['totp-invalid', TWO_FACTOR_DETAILS],
  'core/rooms/room-errors.ts invalidRoomName': ['<general>'],
  'core/rooms/room-errors.ts duplicateName': ['general'],
  'core/rooms/room-errors.ts tooManyDirectMessageUsers': [8],
  'core/settings/setting-errors.ts invalidValue': ['Site_Name', 'a string'],
  'core/users/user-errors.ts lastOwner': [{ shouldBeRemoved: ['a'], shouldChangeOwner: ['b'] }],
  'core/users/user-errors.ts invalidUsername': ['a b'],
  'core/users/user-errors.ts blockedUsername': ['admin'],
  'core/users/user-errors.ts invalidEmail': ['nobody'],
  'core/users/user-errors.ts fieldUnavailable': ['ann@example.com'],
  'core/users/user-errors.ts customFieldNotDefined': ['team'],
  'core/users/user-errors.ts customFieldInvalid': ['team'],
  'core/users/user-errors.ts customFieldRequired': ['team'],
  'core/users/user-errors.ts customFieldMaxLength': ['team', 10],
  'core/users/user-errors.ts customFieldMinLength': ['team', 2],
  'core/users/user-errors.ts invalidSort': ['{"name":2}'],
  'http/http-errors.ts typedInvalidParams': [['must be string']],
  'http/http-errors.ts typedQueryInvalidParams': [['must be string']],
  'http/http-errors.ts jsonTooDeep': [32],
  'core/access/role-errors.ts invalidQuery': [['must be string']],
  'core/users/search-errors.ts notJsonObject': ['selector'],
  'core/users/user-errors.ts bioTooLong': [260],
  'core/users/user-errors.ts nicknameTooLong': [120],
  'core/rooms/room-errors.ts userAlready': ['owner'],
  'core/rooms/room-errors.ts userNot': ['moderator'],
  'core/rooms/room-errors.ts bodyParamRequired': ['roomId'],
  'core/rooms/room-errors.ts sameValue': ['room topic'],
  'core/rooms/room-errors.ts roomArchived': ['channel', 'club'],
  'core/rooms/room-errors.ts favoriteNotBoolean': ['string'],
  'core/rooms/room-errors.ts calleeNotInChannel': ['club', true],
  'core/rooms/room-errors.ts channelAlreadyClosed': ['club'],
  'core/rooms/room-errors.ts channelAlreadyOpen': ['club'],
  'core/rooms/room-errors.ts groupAlreadyClosed': ['team'],
  'core/rooms/room-errors.ts groupAlreadyOpen': ['team'],
  'core/rooms/room-errors.ts invalidQueryParameter': ['{x'],
  'core/auth/auth-errors.ts tooManyPersonalAccessTokens': [50],
  'core/users/profile-errors.ts usernameNotValid': ['a b'],
  'core/users/profile-errors.ts expectedString': ['number'],
  'core/messages/message-errors.ts messageNotFound': ['abc'],
};

/** errors.ts's builders: their text is the caller's, so they take no part in the errorType comparison. */
const BUILDERS = new Set(['failure', 'typedFailure', 'domainError', 'meteorError', 'invalidParams']);

function build(catalogue: string, name: string, maker: Maker): RosterError {
  const args = SAMPLE_ARGS[`${catalogue} ${name}`];
  assert.ok(
    args !== undefined || maker.length === 0,
    `${catalogue} ${name} takes arguments: add SAMPLE_ARGS`,
  );
  const error = (maker as (...values: unknown[]) => unknown)(...(args ?? []));
  assert.ok(error instanceof RosterError, `${catalogue} ${name} returns a RosterError`);
  return error;
}

/** Every *-errors.ts file of the source tree, as a path under src/. */
function errorFiles(dir: string, root: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return errorFiles(path, root);
    return name.endsWith('-errors.ts') ? [relative(root, path).split('\\').join('/')] : [];
  });
}

/** Rocket.Chat reuses some errorTypes with other texts in other areas; each such sharing is listed here. */
const SHARED_ERROR_TYPES: Record<string, Record<string, string[]>> = {
  'error-action-not-allowed': {
    'core/access/access-errors.ts': ['The field Roles consist invalid role id [error-action-not-allowed]'],
    'core/access/permission-errors.ts': [
      'Accessing permissions is not allowed [error-action-not-allowed]',
      'Adding user is not allowed [error-action-not-allowed]',
      'Assign roles is not allowed [error-action-not-allowed]',
      'Assigning admin is not allowed [error-action-not-allowed]',
      'Editing user is not allowed [error-action-not-allowed]',
    ],
    'core/messages/message-errors.ts': ['Not allowed [error-action-not-allowed]'],
    'core/access/role-errors.ts': ['Accessing permissions is not allowed [error-action-not-allowed]'],
    'core/rooms/room-errors.ts': [
      'Changing a private group to a public channel is not allowed [error-action-not-allowed]',
      'Changing a public channel to a private room is not allowed [error-action-not-allowed]',
      'Editing room is not allowed [error-action-not-allowed]',
      'Viewing room administration is not allowed [error-action-not-allowed]',
    ],
    'core/users/profile-errors.ts': ['Editing user is not allowed [error-action-not-allowed]'],
    'core/users/user-errors.ts': [
      'Edit user status is not allowed [error-action-not-allowed]',
      'Edit username is not allowed [error-action-not-allowed]',
      'Editing email verification is not allowed [error-action-not-allowed]',
      'Leaving the app without admins is not allowed [error-action-not-allowed]',
      'Leaving the app without an active admin is not allowed [error-action-not-allowed]',
    ],
  },
  'error-invalid-params': {
    'core/access/role-errors.ts': ['must be string'],
    'http/http-errors.ts': ['must be string'],
  },
  'error-invalid-roleId': {
    'core/access/access-errors.ts': ['This role does not exist [error-invalid-roleId]'],
    'core/access/role-errors.ts': [
      'This role does not exist [error-invalid-roleId]',
      '[error-invalid-roleId]',
    ],
  },
  'error-roomId-param-invalid': {
    'core/access/access-errors.ts': [
      'The "updatedSince" query parameter must be a valid date. [error-roomId-param-invalid]',
    ],
    'core/rooms/room-errors.ts': [
      'The "lastUpdate" query parameter must be a valid date. [error-roomId-param-invalid]',
    ],
  },
  'error-invalid-status': {
    'core/users/profile-errors.ts': [
      'Valid status types include online, away, offline, and busy. [error-invalid-status]',
    ],
    'core/users/user-errors.ts': [
      'Invalid status [error-invalid-status]',
      'Invalid status parameter [error-invalid-status]',
    ],
  },
  'error-invalid-user': {
    'core/messages/message-errors.ts': ['Invalid user [error-invalid-user]'],
    'core/access/access-errors.ts': [
      'There is no user with this username [error-invalid-user]',
      'User is not part of given room [error-invalid-user]',
    ],
    'core/rooms/room-errors.ts': [
      'Invalid user [error-invalid-user]',
      'The required "userId" or "username" param provided does not match any users [error-invalid-user]',
    ],
    'core/users/avatar-errors.ts': [
      'The optional "userId" or "username" param provided does not match any users [error-invalid-user]',
    ],
    'core/users/profile-errors.ts': [
      'Invalid user [error-invalid-user]',
      'The optional "userId" param provided does not match any users [error-invalid-user]',
    ],
    'core/users/user-errors.ts': ['Invalid user to delete [error-invalid-user]'],
  },
  'error-not-allowed': {
    'core/access/permission-errors.ts': ['Not allowed [error-not-allowed]'],
    'core/access/role-errors.ts': ['Not allowed [error-not-allowed]'],
    'core/messages/message-errors.ts': ['not-allowed [error-not-allowed]'],
    'core/rooms/room-errors.ts': ['Not Allowed [error-not-allowed]', 'Not allowed [error-not-allowed]'],
    'core/users/avatar-errors.ts': [
      'Change avatar is not allowed [error-not-allowed]',
      'Not allowed [error-not-allowed]',
      'Reset avatar is not allowed [error-not-allowed]',
    ],
    'core/users/profile-errors.ts': [
      'Change status is not allowed [error-not-allowed]',
      'Not allowed [error-not-allowed]',
    ],
  },
  'error-not-authorized': {
    'core/auth/auth-errors.ts': ['Not authorized [error-not-authorized]'],
    'core/rooms/room-errors.ts': ['Not authorized [error-not-authorized]'],
  },
  'invalid-params': {
    'core/users/search-errors.ts': ['selector must be a JSON object [invalid-params]'],
    'errors.ts': ['must not contain NUL characters or unpaired surrogates [invalid-params]'],
    'http/http-errors.ts': ['must be string'],
  },
};

describe('error catalogue', () => {
  it('has one entry here per *-errors.ts file', () => {
    // The source tree, not dist/: tsc never deletes a stale compiled file.
    const src = fileURLToPath(new URL('../../../src/', import.meta.url));
    const files = ['errors.ts', ...errorFiles(src, src)].sort();
    assert.deepEqual(files, [...Object.keys(CATALOGUES), ...NOT_CATALOGUES].sort());
  });

  it('holds the counted number of errors per catalogue', () => {
    const counts = Object.fromEntries(
      Object.entries(CATALOGUES).map(([file, makers]) => [file, Object.keys(makers).length]),
    );
    assert.deepEqual(counts, EXPECTED_COUNTS);
  });

  it('builds Rocket.Chat error envelopes only', () => {
    for (const [catalogue, makers] of Object.entries(CATALOGUES)) {
      for (const [name, maker] of Object.entries(makers)) {
        const error = build(catalogue, name, maker);
        assert.ok(error.statusCode >= 400 && error.statusCode < 600, `${catalogue} ${name}: status`);
        assert.equal(error.body.success, false, `${catalogue} ${name}: success`);
        if (catalogue === 'errors.ts' && name === 'bareFailure') {
          assert.deepEqual(error.body, { success: false });
          continue;
        }
        assert.equal(typeof error.body.error, 'string', `${catalogue} ${name}: error`);
        assert.notEqual(error.body.error, '', `${catalogue} ${name}: error`);
      }
    }
  });

  it('shares an errorType between catalogues only where it is listed, with the listed texts', () => {
    const byType = new Map<string, Map<string, Set<string>>>();
    for (const [catalogue, makers] of Object.entries(CATALOGUES)) {
      for (const [name, maker] of Object.entries(makers)) {
        if (catalogue === 'errors.ts' && BUILDERS.has(name)) continue;
        const { errorType, error } = build(catalogue, name, maker).body;
        if (errorType === undefined || error === undefined) continue;
        const texts = byType.get(errorType) ?? new Map<string, Set<string>>();
        texts.set(catalogue, (texts.get(catalogue) ?? new Set()).add(error));
        byType.set(errorType, texts);
      }
    }
    const shared = Object.fromEntries(
      [...byType]
        .filter(([, texts]) => texts.size > 1)
        .map(([type, texts]) => [
          type,
          Object.fromEntries([...texts].map(([catalogue, set]) => [catalogue, [...set].sort()])),
        ]),
    );
    assert.deepEqual(shared, SHARED_ERROR_TYPES);
  });
});
