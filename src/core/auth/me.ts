// The caller's own user as GET /api/v1/me and the login's `me` show it: Rocket.Chat's getUserInfo, minus secrets.
import type { Json, UserDoc } from '../documents.js';
import { DEFAULT_USER_PREFERENCES } from './default-preferences.js';

/** Rocket.Chat's getBaseUserFields(): the user fields `/me` projects (with `_id`). */
const BASE_FIELDS = [
  '_id',
  'name',
  'username',
  'nickname',
  'emails',
  'status',
  'statusDefault',
  'statusText',
  'statusConnection',
  'bio',
  'avatarOrigin',
  'utcOffset',
  'language',
  'enableAutoAway',
  'idleTimeLimit',
  'roles',
  'active',
  'defaultRoom',
  'customFields',
  'requirePasswordChange',
  'requirePasswordChangeReason',
  'statusLivechat',
  'banners',
  '_updatedAt',
  'avatarETag',
  'openBusinessHours',
  'abacAttributes',
] as const;

export type MeView = Record<string, unknown>;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function enabled(value: unknown): boolean {
  return isObject(value) && value.enabled === true;
}

/** core-typings `isOAuthUser`: a `services` key of a default OAuth provider, or any key that is not a built-in one. */
const DEFAULT_OAUTH_KEYS = [
  'google',
  'dolphin',
  'facebook',
  'github',
  'gitlab',
  'ldap',
  'linkedin',
  'nextcloud',
  'saml',
  'twitter',
];
const USER_SERVICE_KEYS = [
  'emailCode',
  'email2fa',
  'totp',
  'resume',
  'password',
  'passwordHistory',
  'cloud',
  'email',
];

function isOAuthUser(services: Record<string, unknown>): boolean {
  return Object.keys(services).some(
    (key) => DEFAULT_OAUTH_KEYS.includes(key) || !USER_SERVICE_KEYS.includes(key),
  );
}

/** getURL(path, {cdn: false, full: true}): `Site_Url` without its trailing slashes, then the path. */
function absoluteUrl(siteUrl: string, path: string): string {
  return `${siteUrl.replace(/\/+$/, '')}${path}`;
}

export interface MeOptions {
  /** The `Site_Url` setting, which absolute URLs start with. */
  siteUrl: string;
}

/**
 * Rocket.Chat 8.5 `getUserInfo` (apps/meteor/app/api/server/helpers/getUserInfo.ts): the base fields, `email`
 * (first verified address), `settings` (profile, and the `Accounts_Default_User_Preferences_*` defaults under the
 * user's own preferences), `avatarUrl` (absolute, under `Site_Url`; Roster does not serve `/avatar/*` yet — a
 * later issue adds the route), `isOAuthUser`, and `services` reduced to `{password: {exists}}` plus
 * `email2fa`/`totp` `{enabled: true}` when enabled. Tokens, hashes and OAuth credentials never appear: unlike
 * Rocket.Chat, github/gitlab entries are not copied (they can hold access tokens).
 */
export function buildMe(user: UserDoc, options: MeOptions): MeView {
  const me: MeView = {};
  for (const field of BASE_FIELDS) if (user[field] !== undefined) me[field] = user[field];
  const authorizedClients = isObject(user.oauth) ? user.oauth.authorizedClients : undefined;
  if (authorizedClients !== undefined) me.oauth = { authorizedClients };

  const verified = (user.emails ?? []).find((email) => email?.verified === true);
  if (typeof verified?.address === 'string') me.email = verified.address;

  const settings = isObject(user.settings) ? user.settings : {};
  const preferences = isObject(settings.preferences) ? settings.preferences : {};
  me.settings = { profile: {}, preferences: { ...DEFAULT_USER_PREFERENCES, ...preferences } };
  if (typeof user.username === 'string')
    me.avatarUrl = absoluteUrl(options.siteUrl, `/avatar/${user.username}`);

  const services = isObject(user.services) ? user.services : {};
  me.isOAuthUser = isOAuthUser(services);
  const password = services.password;
  const reduced: Record<string, Json> = {};
  if (enabled(services.email2fa)) reduced.email2fa = { enabled: true };
  if (enabled(services.totp)) reduced.totp = { enabled: true };
  reduced.password = {
    exists: isObject(password) && typeof password.bcrypt === 'string' && password.bcrypt !== '',
  };
  me.services = reduced;
  return me;
}
