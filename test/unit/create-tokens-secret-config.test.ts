// CREATE_TOKENS_FOR_USERS_SECRET: read under Rocket.Chat's own variable name, empty meaning unset.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadConfig } from '../../src/config.js';

describe('users.createToken secret configuration', () => {
  it('is unset unless CREATE_TOKENS_FOR_USERS_SECRET is given', () => {
    assert.equal(loadConfig({}, {}).createTokensSecret, undefined);
  });

  it('reads CREATE_TOKENS_FOR_USERS_SECRET as the secret', () => {
    assert.equal(loadConfig({}, { CREATE_TOKENS_FOR_USERS_SECRET: 's3cret' }).createTokensSecret, 's3cret');
  });

  it('treats an empty CREATE_TOKENS_FOR_USERS_SECRET as unset (every createToken call refused)', () => {
    assert.equal(loadConfig({}, { CREATE_TOKENS_FOR_USERS_SECRET: '' }).createTokensSecret, undefined);
  });
});
