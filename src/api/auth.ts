// The authentication contracts: login, users.createToken and the personal access token bodies (users.* PAT routes).
import type { RequestOf } from './contract.js';
import { withStoredStrings } from './stored-strings.js';

const PASSWORD = {
  anyOf: [
    { type: 'string' },
    {
      type: 'object',
      required: ['digest', 'algorithm'],
      properties: { digest: { type: 'string' }, algorithm: { type: 'string' } },
    },
  ],
} as const;

/** `user` as a flat name or e-mail, or Meteor's `{username|email|id}` selector. */
const USER = {
  anyOf: [
    { type: 'string' },
    {
      type: 'object',
      properties: { id: { type: 'string' }, username: { type: 'string' }, email: { type: 'string' } },
    },
  ],
} as const;

/** The credential fields of one login body (also inside Meteor's `totp.login` wrapper). */
const CREDENTIALS = {
  user: USER,
  username: { type: 'string' },
  email: { type: 'string' },
  resume: { type: 'string' },
  password: PASSWORD,
  code: { type: 'string' },
} as const;

/**
 * Types only: which credential is usable is decided by parseLoginBody. Unknown keys are allowed and ignored, as
 * Rocket.Chat passes them to Meteor (ApiClass.ts `loginCompatibility`; the route has no schema there).
 */
export const LOGIN_BODY = {
  type: 'object',
  properties: {
    ...CREDENTIALS,
    totp: {
      type: 'object',
      properties: { code: { type: 'string' }, login: { type: 'object', properties: CREDENTIALS } },
    },
  },
} as const;
export type LoginBodyRequest = RequestOf<typeof LOGIN_BODY>;

/**
 * users.createToken: Rocket.Chat 8.5's typed `body` (users.ts) requires `userId` and `secret` (both non-empty,
 * no other key); Roster also takes `username` or `user` for the user, as getUserFromParams reads them.
 */
export const USERS_CREATE_TOKEN_BODY = {
  type: 'object',
  required: ['secret'],
  properties: {
    userId: { type: 'string', minLength: 1 },
    username: { type: 'string', minLength: 1 },
    user: { type: 'string', minLength: 1 },
    secret: { type: 'string', minLength: 1 },
  },
  additionalProperties: false,
} as const;
export type UsersCreateTokenBody = RequestOf<typeof USERS_CREATE_TOKEN_BODY>;

/** tokenName: at most 100 characters (Rocket.Chat has no bound), no NUL or lone surrogate (security F6, F12). */
export const MAX_TOKEN_NAME_LENGTH = 100;
const tokenName = { type: 'string', maxLength: MAX_TOKEN_NAME_LENGTH } as const;

/**
 * users.generatePersonalAccessToken: 8.5's `tokenNameBodySchema` (users.ts), `tokenName` required, an optional
 * `bypassTwoFactor`, no other key.
 */
export const USERS_GENERATE_TOKEN_BODY = withStoredStrings({
  type: 'object',
  properties: { tokenName, bypassTwoFactor: { type: 'boolean', nullable: true } },
  required: ['tokenName'],
  additionalProperties: false,
} as const);
export type UsersGenerateTokenBody = RequestOf<typeof USERS_GENERATE_TOKEN_BODY>;

/** users.regeneratePersonalAccessToken / users.removePersonalAccessToken (8.5's users.ts): `tokenName` only. */
export const USERS_TOKEN_NAME_BODY = withStoredStrings({
  type: 'object',
  properties: { tokenName },
  required: ['tokenName'],
  additionalProperties: false,
} as const);
export type UsersTokenNameBody = RequestOf<typeof USERS_TOKEN_NAME_BODY>;
