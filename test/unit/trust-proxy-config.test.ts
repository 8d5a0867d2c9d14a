// --trust-proxy / ROSTER_TRUST_PROXY: what it accepts, and the message naming flag and variable otherwise.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../../src/config.js';

const trustProxyOf = (value: string) => loadConfig({}, { ROSTER_TRUST_PROXY: value }).trustProxy;

describe('trust proxy configuration', () => {
  it('trusts no proxy unless told to', () => {
    assert.equal(loadConfig({}, {}).trustProxy, false);
  });

  it('accepts false, true, a number of proxies, and addresses or CIDR ranges', () => {
    assert.equal(trustProxyOf('false'), false);
    assert.equal(trustProxyOf('true'), true);
    assert.equal(trustProxyOf('2'), 2);
    assert.deepEqual(trustProxyOf('10.0.0.0/8, 127.0.0.1,::1,fd00::/8'), [
      '10.0.0.0/8',
      '127.0.0.1',
      '::1',
      'fd00::/8',
    ]);
  });

  it('prefers the flag to the environment', () => {
    assert.equal(loadConfig({ trustProxy: '1' }, { ROSTER_TRUST_PROXY: 'true' }).trustProxy, 1);
  });

  for (const bad of ['yes', '10.0.0.0/33', '10.0.0', '10.0.0.1/8/1', 'proxy.internal', '-1', '']) {
    it(`refuses ${JSON.stringify(bad)}, naming --trust-proxy and ROSTER_TRUST_PROXY`, () => {
      assert.throws(
        () => trustProxyOf(bad),
        (error: unknown) =>
          error instanceof ConfigError && /--trust-proxy \/ ROSTER_TRUST_PROXY: must be/.test(error.message),
      );
    });
  }
});
