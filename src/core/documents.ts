// Rocket.Chat-shaped documents as Roster stores them: the full JSON document, dates as ISO-8601 UTC strings.

/** Any JSON-compatible value a Rocket.Chat document may hold. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

export interface UserEmail {
  address: string;
  verified?: boolean;
}

/**
 * A user as Rocket.Chat's `users` collection holds it. Only the fields Roster reasons about are typed;
 * every other field of an imported document is kept as is. Login tokens are not kept here but in the
 * token index (`StoredToken`), so `services.resume` is always absent from a stored user.
 */
export interface UserDoc {
  _id: string;
  username?: string;
  name?: string;
  emails?: UserEmail[];
  roles?: string[];
  active?: boolean;
  type?: string;
  importIds?: string[];
  freeSwitchExtension?: string;
  customFields?: Record<string, Json>;
  services?: Record<string, Json | undefined>;
  createdAt?: string;
  [field: string]: unknown;
}

/** A login token or personal access token (Rocket.Chat's `services.resume.loginTokens[]` entry). */
export interface StoredToken {
  /** base64(sha256(raw token)), as Meteor's `Accounts._hashLoginToken`. */
  hashedToken: string;
  userId: string;
  /** ISO instant the token was issued; login tokens expire `Accounts_LoginExpiration` days after it. */
  when: string;
  type: 'login' | 'personalAccessToken';
  /** PATs only. */
  name?: string;
  lastTokenPart?: string;
  bypassTwoFactor?: boolean;
  createdAt?: string;
  /** A second factor passed with this token on the client of this fingerprint holds until then (ISO). */
  twoFactorAuthorizedUntil?: string;
  twoFactorAuthorizedHash?: string;
}

export interface RoomDoc {
  _id: string;
  /** `c` public channel, `p` private group, `d` direct message, `l` livechat. */
  t: string;
  name?: string;
  [field: string]: unknown;
}

export interface SubscriptionDoc {
  _id: string;
  rid: string;
  t: string;
  name?: string;
  u: { _id: string; username?: string };
  roles?: string[];
  unread?: number;
  [field: string]: unknown;
}

/** A message (Rocket.Chat's IMessage): a user's text, or a system message when `t` is set (`uj`, `au`, `r`, …). */
export interface MessageDoc {
  _id: string;
  rid: string;
  msg: string;
  /** ISO-8601 UTC with milliseconds. */
  ts: string;
  u: { _id: string; username: string; name?: string };
  /** System message type; absent on a user's message. */
  t?: string;
  mentions?: Array<{ _id: string; username?: string; name?: string; type?: string }>;
  channels?: Array<{ _id: string; name?: string; fname?: string }>;
  _updatedAt: string;
  [field: string]: unknown;
}

export interface RoleDoc {
  _id: string;
  name: string;
  scope: 'Users' | 'Subscriptions';
  description?: string;
  protected?: boolean;
  mandatory2fa?: boolean;
  [field: string]: unknown;
}

export interface PermissionDoc {
  _id: string;
  roles: string[];
  [field: string]: unknown;
}

export interface SettingDoc {
  _id: string;
  value: Json;
  type?: string;
  [field: string]: unknown;
}
