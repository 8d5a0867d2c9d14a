// The caller's own `services`, sanitised for users.info (users-info.md §5): never a hash, token or secret.
import type { Json } from '../documents.js';
import { setOwnField } from '../own-field.js';

/** Removed entirely, as Rocket.Chat 8.x does: login tokens, old password hashes, email verification tokens. */
const DROPPED_SERVICES: ReadonlySet<string> = new Set(['resume', 'passwordHistory', 'email']);

/** Identity keys of an OAuth/LDAP/SAML provider entry: always kept, even if they looked secret. */
const IDENTITY_KEYS: ReadonlySet<string> = new Set(['id', 'username', 'email', 'name']);

/**
 * [stricter] Rocket.Chat returns provider entries unchanged, OAuth tokens included. Roster drops every key whose
 * name says it holds a secret: tokens of every kind, secrets, hashes, passwords, keys, salts, codes, nonces.
 */
const SECRET_KEY =
  /token|secret|hash|passw|pwd|key|salt|bcrypt|credential|otp|code|nonce|verifier|session|cookie|signature|private|auth/i;

export function isSecretKey(key: string): boolean {
  return !IDENTITY_KEYS.has(key) && SECRET_KEY.test(key);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A provider value without its secret-looking keys, at any depth. */
function withoutSecrets(value: unknown): Json {
  if (Array.isArray(value)) return value.map(withoutSecrets);
  if (isPlainObject(value)) {
    const kept: Record<string, Json> = {};
    for (const key of Object.keys(value)) {
      if (!isSecretKey(key) && value[key] !== undefined) setOwnField(kept, key, withoutSecrets(value[key]));
    }
    return kept;
  }
  return value as Json;
}

/**
 * The self view of `services`: `password` becomes `true` when set (Rocket.Chat's getFullUserData), `totp` becomes
 * `{enabled}`, `email2fa` stays as stored, and any other provider keeps only its non-secret keys. A provider
 * whose value is not an object is dropped (it could itself be a secret).
 */
export function sanitiseOwnServices(services: Record<string, unknown>): Record<string, Json> {
  const view: Record<string, Json> = {};
  for (const name of Object.keys(services)) {
    const value = services[name];
    if (DROPPED_SERVICES.has(name) || value === undefined) continue;
    if (name === 'password') {
      if (value) view.password = true;
    } else if (name === 'totp') {
      view.totp = { enabled: isPlainObject(value) && value.enabled === true };
    } else if (isPlainObject(value)) {
      setOwnField(view, name, withoutSecrets(value));
    }
  }
  return view;
}
