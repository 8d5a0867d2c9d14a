// Room name validation: Rocket.Chat's default UTF8_Channel_Names_Validation, anchored, plus blocked names.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RosterError } from '../../../../src/errors.js';
import { validRoomName } from '../../../../src/core/rooms/room-names.js';

function errorTypeOf(name: string): string | undefined {
  try {
    validRoomName(name);
  } catch (error) {
    assert.ok(error instanceof RosterError);
    return error.body.errorType;
  }
  return undefined;
}

describe('validRoomName', () => {
  it('accepts letters, digits, dash, underscore and dot, returning the trimmed name', () => {
    assert.equal(validRoomName('Team-1_a.b'), 'Team-1_a.b');
    assert.equal(validRoomName('  spaced  '), 'spaced');
  });

  it('refuses any other character anywhere in the name with error-invalid-room-name', () => {
    for (const name of ['a b', 'né', 'a#', '#a', 'a\nb', 'emoji😀']) {
      assert.equal(errorTypeOf(name), 'error-invalid-room-name', name);
    }
  });

  it('refuses the blocked names administrator, system and user in any case', () => {
    for (const name of ['administrator', 'SYSTEM', 'User']) {
      assert.equal(errorTypeOf(name), 'error-invalid-room-name', name);
    }
  });

  it('refuses an empty or blank name with error-invalid-name', () => {
    assert.equal(errorTypeOf(''), 'error-invalid-name');
    assert.equal(errorTypeOf(' \t '), 'error-invalid-name');
  });
});
