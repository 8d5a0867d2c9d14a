// The Rocket.Chat export fixtures of test/fixtures/rocketchat-export and the secrets they were built from.
import { fileURLToPath } from 'node:url';
import type { ImportObserver } from '../../src/import/import-run.js';

/** Tests run from dist/test/import; the fixtures stay in the source tree. */
export const FIXTURES = fileURLToPath(new URL('../../../test/fixtures/rocketchat-export/', import.meta.url));

/** `mongoexport` default output (one document per line, relaxed Extended JSON). */
export const RELAXED_LINES = `${FIXTURES}relaxed-lines`;
/** `mongoexport --jsonArray --pretty --jsonFormat=canonical`. */
export const CANONICAL_ARRAY = `${FIXTURES}canonical-array`;

/**
 * services.password.bcrypt = bcrypt(sha256hex(password), 10); hashedToken = base64(sha256(raw token)), as
 * Rocket.Chat writes them.
 */
export const ALICE = {
  id: 'rbAXPnMktTFbNpwtJ',
  password: 'alice-Passw0rd!',
  loginToken: 'alice-login-token-7Hq2',
  personalAccessToken: 'alice-pat-9f8e7d6c5b4a3z2y1x0wa1B2c3',
};
export const BOB = { id: 'Kf3xW9pQnZ8mT2vYa', password: 'bob-Secret#42' };

export const quietObserver: ImportObserver = { fileStarted() {}, progressed() {}, fileFinished() {} };
