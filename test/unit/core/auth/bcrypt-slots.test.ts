// bcrypt work is queued to at most all cores but one, so logins cannot take every core from users.info.
import assert from 'node:assert/strict';
import { availableParallelism } from 'node:os';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { describe, it } from 'node:test';
import { bcryptSlots, hashPassword, verifyPassword } from '../../../../src/core/auth/passwords.js';

describe('bcrypt slots', () => {
  it('runs at most all cores but one bcrypt operations at once and queues the rest, every result intact', async () => {
    const slots = Math.max(1, availableParallelism() - 1);
    const stored = await hashPassword('queued-secret');
    const checks = Array.from({ length: slots + 3 }, (_, index) =>
      verifyPassword(index % 2 === 0 ? 'queued-secret' : 'wrong', stored),
    );
    await nextTurn();
    assert.equal(bcryptSlots.activeCount, slots);
    assert.equal(bcryptSlots.pendingCount, 3);
    const results = await Promise.all(checks);
    assert.deepEqual(
      results,
      checks.map((_, index) => index % 2 === 0),
    );
    assert.equal(bcryptSlots.activeCount, 0);
  });
});
