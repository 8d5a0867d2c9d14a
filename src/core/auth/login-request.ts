// The body forms of POST /api/v1/login (compat.md §2), normalised as Rocket.Chat's `loginCompatibility` and
// Meteor's password login handler read them.
import type { PasswordInput } from './passwords.js';

/** Meteor's user selector (accounts-password `userQueryValidator`): exactly one of the three. */
export interface MeteorUserQuery {
  id?: string;
  username?: string;
  email?: string;
}

/** The login body after schema validation: every field optional, each of the right type. */
export interface LoginBody {
  user?: string | MeteorUserQuery;
  username?: string;
  email?: string;
  password?: PasswordInput;
  resume?: string;
  /** The second factor, as loginCompatibility takes it (or the `x-2fa-code` header). */
  code?: string;
  /** Meteor's 2FA login form: `{totp: {login: {user, password}, code}}` (2fa/server/loginHandler.ts). */
  totp?: { login?: LoginBody; code?: string };
}

export type LoginRequest =
  | {
      kind: 'password';
      by: 'id' | 'username' | 'email';
      identifier: string;
      password: PasswordInput;
      code?: string;
    }
  | { kind: 'resume'; token: string };

/**
 * Rocket.Chat's loginCompatibility rewrites a flat body with a password: `user` containing '@' is an email,
 * otherwise a username; else `username`, else `email`; `code` (or the `x-2fa-code` header) becomes the second
 * factor. A Meteor-native body (`{user: {username|email|id}, password}`) is handed to Meteor unchanged, so its
 * code comes only from the `totp` wrapper. A body without a password is a `resume` login. Null: no usable
 * credential (answered with the login 401, as Meteor's "Unrecognized options for login request" is).
 */
export function parseLoginBody(body: LoginBody, headerCode?: string): LoginRequest | null {
  if (body.totp !== undefined && body.password === undefined) {
    const inner = body.totp.login === undefined ? null : parseLoginBody(body.totp.login);
    if (inner?.kind !== 'password') return null;
    return body.totp.code ? { ...inner, code: body.totp.code } : inner;
  }
  if (body.password === undefined) {
    return body.resume !== undefined ? { kind: 'resume', token: body.resume } : null;
  }
  if (typeof body.user === 'object') return parseMeteorBody(body);
  const code = body.code || headerCode;
  const flat = flatIdentifier(body);
  if (flat === null) return null;
  return { kind: 'password', ...flat, password: body.password, ...(code ? { code } : {}) };
}

function flatIdentifier(body: LoginBody): { by: 'username' | 'email'; identifier: string } | null {
  if (typeof body.user === 'string') {
    return { by: body.user.includes('@') ? 'email' : 'username', identifier: body.user };
  }
  if (body.username !== undefined) return { by: 'username', identifier: body.username };
  if (body.email !== undefined) return { by: 'email', identifier: body.email };
  return null;
}

/** Meteor's `{user: {id|username|email}, password}`; anything but exactly one non-empty selector is refused. */
function parseMeteorBody(body: LoginBody): LoginRequest | null {
  if (body.password === undefined || body.user === null || typeof body.user !== 'object') return null;
  const query: MeteorUserQuery = body.user;
  const selectors = (['id', 'username', 'email'] as const).filter((key) => query[key] !== undefined);
  const by = selectors[0];
  if (selectors.length !== 1 || by === undefined) return null;
  const identifier = query[by];
  if (typeof identifier !== 'string' || identifier === '') return null;
  return { kind: 'password', by, identifier, password: body.password };
}
