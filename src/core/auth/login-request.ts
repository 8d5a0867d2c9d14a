// The body forms of POST /api/v1/login (compat.md §2), normalised as Rocket.Chat's `loginCompatibility` does.
import type { PasswordInput } from './passwords.js';

/** The login body after schema validation: every field optional, each of the right type. */
export interface LoginBody {
  user?: string;
  username?: string;
  email?: string;
  password?: PasswordInput;
  resume?: string;
}

export type LoginRequest =
  | { kind: 'password'; by: 'username' | 'email'; identifier: string; password: PasswordInput }
  | { kind: 'resume'; token: string };

/**
 * Rocket.Chat normalises a body with a password: `user` containing '@' is an email, otherwise a username;
 * else `username`, else `email`. A body without a password is a `resume` login. Null: no usable credential
 * (answered with the login 401, as Meteor's "Unrecognized options for login request" is).
 */
export function parseLoginBody(body: LoginBody): LoginRequest | null {
  if (body.password !== undefined) {
    const password = body.password;
    if (body.user !== undefined) {
      return {
        kind: 'password',
        by: body.user.includes('@') ? 'email' : 'username',
        identifier: body.user,
        password,
      };
    }
    if (body.username !== undefined)
      return { kind: 'password', by: 'username', identifier: body.username, password };
    if (body.email !== undefined) return { kind: 'password', by: 'email', identifier: body.email, password };
    return null;
  }
  return body.resume !== undefined ? { kind: 'resume', token: body.resume } : null;
}
