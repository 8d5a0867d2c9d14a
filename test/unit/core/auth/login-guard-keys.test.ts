// Security F9: the login guard's counter keys have a fixed size, however long the identifier.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LoginGuard } from '../../../../src/core/auth/login-guard.js';
import { InMemoryRateLimitCounter } from '../../../../src/core/rate-limit/rate-limit-counter.js';

describe('LoginGuard keys', () => {
  it('keeps a fixed-size key for a 1 MB identifier and still blocks it after 10 failures', async () => {
    const counter = new InMemoryRateLimitCounter();
    const keys: string[] = [];
    const hit = counter.hit.bind(counter);
    counter.hit = (key, windowMs, now) => {
      keys.push(key);
      return hit(key, windowMs, now);
    };
    const limits = {
      byUser: { failures: 10, windowMs: 300_000 },
      byIp: { failures: 50, windowMs: 300_000 },
      whitelist: new Set<string>(),
    };
    const guard = new LoginGuard(
      counter,
      () => Promise.resolve(limits),
      () => new Date(0),
    );
    const huge = `username:${'a'.repeat(1_000_000)}`;
    for (let failure = 0; failure < 10; failure++) await guard.recordFailure(huge, '203.0.113.9');
    assert.ok(keys.length > 0);
    for (const key of keys) assert.ok(key.length < 80, `key of ${key.length} chars`);
    assert.equal(await guard.blocked(huge, '203.0.113.9'), 'user');
    assert.equal(await guard.blocked(`${huge}b`, '203.0.113.9'), null);
    assert.equal(await guard.blocked(huge, '203.0.113.10'), null, 'counted per (account, IP)');
  });
});
