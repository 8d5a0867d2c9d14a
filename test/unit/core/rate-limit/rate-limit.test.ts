// The in-memory fixed-window counter and the limiter verdict: counts, windows, headers and wait seconds.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkRateLimit } from '../../../../src/core/rate-limit/api-rate-limit.js';
import { InMemoryRateLimitCounter } from '../../../../src/core/rate-limit/rate-limit-counter.js';

describe('InMemoryRateLimitCounter', () => {
  it('counts hits in a window that opens at the first hit and ends at resetAt', async () => {
    const counter = new InMemoryRateLimitCounter();
    assert.deepEqual(await counter.hit('k', 1000, 5000), { count: 1, resetAt: 6000 });
    assert.deepEqual(await counter.hit('k', 1000, 5999), { count: 2, resetAt: 6000 });
    assert.deepEqual(await counter.hit('k', 1000, 6000), { count: 1, resetAt: 7000 });
  });

  it('keeps keys apart, peeks without counting and forgets a reset key', async () => {
    const counter = new InMemoryRateLimitCounter();
    await counter.hit('a', 1000, 0);
    await counter.hit('a', 1000, 0);
    await counter.hit('b', 1000, 0);
    assert.deepEqual(await counter.peek('a', 10), { count: 2, resetAt: 1000 });
    assert.deepEqual(await counter.peek('a', 10), { count: 2, resetAt: 1000 });
    assert.equal(await counter.peek('a', 1000), null, 'a closed window is no window');
    await counter.reset('a');
    assert.equal(await counter.peek('a', 10), null);
    assert.deepEqual(await counter.peek('b', 10), { count: 1, resetAt: 1000 });
  });

  it('opens a new window when the window length shrinks below the time left', async () => {
    const counter = new InMemoryRateLimitCounter();
    await counter.hit('k', 60_000, 0);
    assert.deepEqual(await counter.hit('k', 1000, 10), { count: 1, resetAt: 1010 });
  });

  it('drops closed windows on a later sweep', async () => {
    const counter = new InMemoryRateLimitCounter();
    await counter.hit('old', 10, 0);
    await counter.hit('new', 1000, 120_000);
    assert.equal(await counter.peek('old', 5), null, 'swept, even for a peek in the past');
  });
});

describe('checkRateLimit', () => {
  const settings = { enabled: true, calls: 2, windowMs: 10_000 };

  it('answers the headers and no wait while within the limit', async () => {
    const counter = new InMemoryRateLimitCounter();
    assert.deepEqual(await checkRateLimit(counter, settings, 'k', 1000), {
      headers: { 'x-ratelimit-limit': '2', 'x-ratelimit-remaining': '1', 'x-ratelimit-reset': '11000' },
      waitSeconds: null,
    });
  });

  it('answers the whole seconds left, rounded up, once over the limit', async () => {
    const counter = new InMemoryRateLimitCounter();
    await checkRateLimit(counter, settings, 'k', 0);
    await checkRateLimit(counter, settings, 'k', 0);
    const verdict = await checkRateLimit(counter, settings, 'k', 8_001);
    assert.equal(verdict?.waitSeconds, 2);
    assert.equal(verdict?.headers['x-ratelimit-remaining'], '0');
  });

  it('does not apply when disabled or when calls or window is not positive', async () => {
    const counter = new InMemoryRateLimitCounter();
    for (const off of [
      { ...settings, enabled: false },
      { ...settings, calls: 0 },
      { ...settings, windowMs: 0 },
      { ...settings, calls: -1 },
    ]) {
      assert.equal(await checkRateLimit(counter, off, 'k', 0), null);
    }
    assert.equal(await counter.peek('k', 0), null, 'nothing was counted');
  });
});
