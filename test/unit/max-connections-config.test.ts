// --max-connections / ROSTER_MAX_CONNECTIONS: server.maxConnections (security F25).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../../src/config.js';

describe('max connections configuration', () => {
  it('defaults to 10000, reads the variable and the flag (the flag wins)', () => {
    assert.equal(loadConfig({}, {}).maxConnections, 10_000);
    assert.equal(loadConfig({}, { ROSTER_MAX_CONNECTIONS: '500' }).maxConnections, 500);
    assert.equal(loadConfig({ maxConnections: '20' }, { ROSTER_MAX_CONNECTIONS: '500' }).maxConnections, 20);
  });

  it('refuses zero and non-numbers', () => {
    assert.throws(() => loadConfig({}, { ROSTER_MAX_CONNECTIONS: '0' }), ConfigError);
    assert.throws(() => loadConfig({}, { ROSTER_MAX_CONNECTIONS: 'many' }), ConfigError);
  });
});
