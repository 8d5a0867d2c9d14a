// Rocket.Chat's default roles, permissions and the settings Roster knows, as written on first start.
import type { PermissionDoc, RoleDoc, SettingDoc } from '../documents.js';

const USER_ROLES = ['admin', 'user', 'bot', 'app', 'guest', 'anonymous'] as const;
const ROOM_ROLES = ['owner', 'moderator', 'leader'] as const;

const ROLE_DESCRIPTIONS: Record<string, string> = {
  admin: 'Admin',
  user: '',
  bot: '',
  app: '',
  guest: '',
  anonymous: '',
  owner: 'Owner',
  moderator: 'Moderator',
  leader: 'Leader',
};

export function defaultRoles(): RoleDoc[] {
  const role = (name: string, scope: RoleDoc['scope']): RoleDoc => ({
    _id: name,
    name,
    scope,
    description: ROLE_DESCRIPTIONS[name] ?? '',
    protected: true,
    mandatory2fa: false,
  });
  return [
    ...USER_ROLES.map((name) => role(name, 'Users')),
    ...ROOM_ROLES.map((name) => role(name, 'Subscriptions')),
  ];
}

/** compat.md §3: permission → roles holding it by default (Rocket.Chat's defaults). */
export const DEFAULT_PERMISSION_ROLES: Readonly<Record<string, readonly string[]>> = {
  'view-full-other-user-info': ['admin'],
  'view-other-user-channels': ['admin'],
  'create-user': ['admin'],
  'edit-other-user-info': ['admin'],
  'edit-other-user-password': ['admin'],
  'logout-other-user': ['admin'],
  'edit-other-user-active-status': ['admin'],
  'delete-user': ['admin'],
  'view-user-administration': ['admin'],
  'access-permissions': ['admin'],
  'edit-privileged-setting': ['admin'],
  'view-privileged-setting': ['admin'],
  'assign-roles': ['admin'],
  'create-c': ['admin', 'user', 'bot', 'app'],
  'create-p': ['admin', 'user', 'bot', 'app'],
  'create-d': ['admin', 'user', 'bot', 'app'],
  'add-user-to-any-c-room': ['admin'],
  'add-user-to-any-p-room': ['admin'],
  'add-user-to-joined-room': ['admin', 'owner', 'moderator'],
  'remove-user': ['admin', 'owner', 'moderator'],
  'delete-c': ['admin', 'owner'],
  'delete-p': ['admin', 'owner'],
  'create-personal-access-tokens': ['admin', 'user'],
  'api-bypass-rate-limit': ['admin', 'bot', 'app'],
  'manage-voip-extensions': ['admin'],
  'view-statistics': ['admin'],
  'view-d-room': ['admin', 'user', 'bot', 'app', 'guest'],
  'user-generate-access-token': ['admin'],
};

export function defaultPermissions(): PermissionDoc[] {
  return Object.entries(DEFAULT_PERMISSION_ROLES).map(([_id, roles]) => ({ _id, roles: [...roles] }));
}

/** The settings Roster knows (compat.md §3), with Rocket.Chat's types and defaults. */
export const KNOWN_SETTINGS = {
  Accounts_CustomFields: { type: 'code', value: '' },
  Accounts_LoginExpiration: { type: 'int', value: 90 },
  API_Enable_Rate_Limiter: { type: 'boolean', value: true },
  API_Enable_Rate_Limiter_Limit_Calls_Default: { type: 'int', value: 10 },
  API_Enable_Rate_Limiter_Limit_Time_Default: { type: 'int', value: 60000 },
  // Rocket.Chat's 2fa/server/startup/settings.ts, with its defaults (two-factor.ts reads them).
  Accounts_TwoFactorAuthentication_Enabled: { type: 'boolean', value: true },
  Accounts_TwoFactorAuthentication_MaxDelta: { type: 'int', value: 1 },
  Accounts_TwoFactorAuthentication_By_TOTP_Enabled: { type: 'boolean', value: true },
  Accounts_TwoFactorAuthentication_By_Email_Enabled: { type: 'boolean', value: true },
  Accounts_TwoFactorAuthentication_RememberFor: { type: 'int', value: 1800 },
  Accounts_TwoFactorAuthentication_Enforce_Password_Fallback: { type: 'boolean', value: true },
  /**
   * Rocket.Chat registers `Site_Url` with `__meteor_runtime_config__.ROOT_URL`, whose default (no ROOT_URL) is
   * Meteor's `http://localhost:3000`; /me's avatarUrl starts with it.
   */
  Site_Url: { type: 'string', value: 'http://localhost:3000' },
} as const satisfies Record<
  string,
  { type: 'code' | 'int' | 'boolean' | 'string'; value: string | number | boolean }
>;

export type KnownSettingId = keyof typeof KNOWN_SETTINGS;

export function isKnownSetting(id: string): id is KnownSettingId {
  return Object.prototype.hasOwnProperty.call(KNOWN_SETTINGS, id);
}

export function defaultSettings(): SettingDoc[] {
  return Object.keys(KNOWN_SETTINGS).map((id) => defaultSetting(id as KnownSettingId));
}

/** A known setting as first start writes it; also what a database from an older Roster lacks (setting-values.ts). */
export function defaultSetting(id: KnownSettingId): SettingDoc {
  const { type, value } = KNOWN_SETTINGS[id];
  return { _id: id, type, value, packageValue: value };
}
