// Rocket.Chat's default roles, permissions and the settings Roster knows, as written on first start.
import type { PermissionDoc, RoleDoc, SettingDoc } from '../documents.js';
import { ROCKETCHAT_PERMISSION_ROLES } from './rocketchat-permissions.js';

// Rocket.Chat's upsertPermissions `defaultRoles`, livechat ones included.
const USER_ROLES = [
  'admin',
  'user',
  'bot',
  'app',
  'guest',
  'anonymous',
  'livechat-agent',
  'livechat-manager',
] as const;
const ROOM_ROLES = ['owner', 'moderator', 'leader'] as const;

const ROLE_DESCRIPTIONS: Record<string, string> = {
  admin: 'Admin',
  user: '',
  bot: '',
  app: '',
  guest: '',
  anonymous: '',
  'livechat-agent': 'Livechat Agent',
  'livechat-manager': 'Livechat Manager',
  owner: 'Owner',
  moderator: 'Moderator',
  leader: 'Leader',
};

/** `_updatedAt` is the first start (Rocket.Chat's `createOrUpdate` stamps it), so roles.sync lists them. */
export function defaultRoles(now = new Date()): RoleDoc[] {
  const role = (name: string, scope: RoleDoc['scope']): RoleDoc => ({
    _id: name,
    _updatedAt: now.toISOString(),
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

/** Permissions Roster holds that Rocket.Chat 8.5 does not list (Rocket.Chat's own are in rocketchat-permissions.ts). */
const ROSTER_PERMISSION_ROLES = {
  // Rocket.Chat's VoIP permission (voip-freeswitch.extension.*), which its migration 328 removed in 8.x while the
  // freeSwitchExtension lookup stayed; Roster keeps it to gate extension assignment.
  'manage-voip-extensions': ['admin'],
  // users.list shows freeSwitchExtension to its holders (Rocket.Chat's migration 328 removed it with the above);
  // held by no role by default, so only view-full-other-user-info holders see extensions unless an admin grants it.
  'view-user-voip-extension': [],
  // Roster's own (README "Beyond Rocket.Chat"): reading the audit of gated lookups.
  'view-lookup-audit': ['admin'],
} as const satisfies Readonly<Record<string, readonly string[]>>;

/** compat.md §3: permission → roles holding it by default (Rocket.Chat's defaults, then Roster's own). */
export const DEFAULT_PERMISSION_ROLES = {
  ...ROCKETCHAT_PERMISSION_ROLES,
  ...ROSTER_PERMISSION_ROLES,
} as const satisfies Readonly<Record<string, readonly string[]>>;

/** A permission id Roster knows: a typo in a permission check fails to compile. */
export type PermissionId = keyof typeof DEFAULT_PERMISSION_ROLES;

export function defaultPermissions(now = new Date()): PermissionDoc[] {
  const _updatedAt = now.toISOString();
  return Object.entries(DEFAULT_PERMISSION_ROLES).map(([_id, roles]) => ({
    _id,
    roles: [...roles],
    _updatedAt,
  }));
}

/** The settings Roster knows (compat.md §3), with Rocket.Chat's types and defaults. */
export const KNOWN_SETTINGS = {
  Accounts_CustomFields: { type: 'code', value: '', public: true },
  Accounts_LoginExpiration: { type: 'int', value: 90, public: true },
  API_Enable_Rate_Limiter: { type: 'boolean', value: true },
  // Accounts > Login brute-force protection (server/settings/accounts.ts), read by core/auth/login-guard.ts.
  Block_Multiple_Failed_Logins_Enabled: { type: 'boolean', value: true },
  Block_Multiple_Failed_Logins_By_User: { type: 'boolean', value: true },
  Block_Multiple_Failed_Logins_Attempts_Until_Block_by_User: { type: 'int', value: 10 },
  Block_Multiple_Failed_Logins_Time_To_Unblock_By_User_In_Minutes: { type: 'int', value: 5 },
  Block_Multiple_Failed_Logins_By_Ip: { type: 'boolean', value: true },
  Block_Multiple_Failed_Logins_Attempts_Until_Block_By_Ip: { type: 'int', value: 50 },
  Block_Multiple_Failed_Logins_Time_To_Unblock_By_Ip_In_Minutes: { type: 'int', value: 5 },
  Block_Multiple_Failed_Logins_Ip_Whitelist: { type: 'string', value: '' },
  API_Enable_Rate_Limiter_Limit_Calls_Default: { type: 'int', value: 10 },
  API_Enable_Rate_Limiter_Limit_Time_Default: { type: 'int', value: 60000 },
  // Rocket.Chat's 2fa/server/startup/settings.ts, with its defaults (two-factor.ts reads them).
  Accounts_TwoFactorAuthentication_Enabled: { type: 'boolean', value: true, public: true },
  Accounts_TwoFactorAuthentication_MaxDelta: { type: 'int', value: 1 },
  Accounts_TwoFactorAuthentication_By_TOTP_Enabled: { type: 'boolean', value: true, public: true },
  Accounts_TwoFactorAuthentication_By_Email_Enabled: { type: 'boolean', value: true, public: true },
  Accounts_TwoFactorAuthentication_RememberFor: { type: 'int', value: 1800 },
  Accounts_TwoFactorAuthentication_Enforce_Password_Fallback: { type: 'boolean', value: true, public: true },
  /**
   * Rocket.Chat registers `Site_Url` with `__meteor_runtime_config__.ROOT_URL`, whose default (no ROOT_URL) is
   * Meteor's `http://localhost:3000`; /me's avatarUrl starts with it.
   */
  Site_Url: { type: 'string', value: 'http://localhost:3000', public: true },
  // Avatars (Rocket.Chat's app/lib/server/startup/settings.ts and file-upload settings).
  Accounts_AllowUserAvatarChange: { type: 'boolean', value: true, public: true },
  Accounts_AvatarCacheTime: { type: 'int', value: 3600 },
  FileUpload_MaxFileSize: { type: 'int', value: 104857600, public: true },
  UI_Use_Name_Avatar: { type: 'boolean', value: false, public: true },
  // Self-service profile and presence (apps/meteor/server/settings/accounts.ts, rate-limiter.ts, troubleshoot.ts),
  // with Rocket.Chat's defaults and public flags. `Accounts_RegistrationForm` is a select there (Public / Disabled /
  // Secret URL); the SecretURL default is Random.id() in Rocket.Chat (a `secret` setting, never public): Roster's
  // empty default admits nobody in Secret URL mode.
  Accounts_RegistrationForm: { type: 'string', value: 'Public', public: true },
  Accounts_RegistrationForm_SecretURL: { type: 'string', value: '' },
  Rate_Limiter_Limit_RegisterUser: { type: 'int', value: 1 },
  Accounts_ManuallyApproveNewUsers: { type: 'boolean', value: false, public: true },
  Accounts_AllowDeleteOwnAccount: { type: 'boolean', value: false, public: true },
  Accounts_AllowUsernameChange: { type: 'boolean', value: true, public: true },
  Accounts_DefaultUsernamePrefixSuggestion: { type: 'string', value: 'user' },
  Accounts_AllowUserStatusMessageChange: { type: 'boolean', value: true, public: true },
  Accounts_AllowInvisibleStatusOption: { type: 'boolean', value: true, public: true },
  Presence_broadcast_disabled: { type: 'boolean', value: false, public: true },
  // Messages (Rocket.Chat's server/settings/general.ts and message.ts), read by core/messages/.
  Unread_Count: {
    type: 'select',
    value: 'user_and_group_mentions_only',
    public: true,
    values: ['all_messages', 'user_mentions_only', 'group_mentions_only', 'user_and_group_mentions_only'],
  },
  Unread_Count_DM: {
    type: 'select',
    value: 'all_messages',
    public: true,
    values: ['all_messages', 'mentions_only'],
  },
  Message_MaxAllowedSize: { type: 'int', value: 5000, public: true },
  Message_AllowDeleting: { type: 'boolean', value: true, public: true },
  Message_AllowDeleting_BlockDeleteInMinutes: { type: 'int', value: 0, public: true },
  /** Roster's own: days the audit of gated lookups keeps an entry (0: for ever). */
  Roster_Lookup_Audit_Retention_Days: { type: 'int', value: 90 },
} as const satisfies Record<
  string,
  {
    type: SettingType;
    value: string | number | boolean;
    public?: boolean;
    /** `select` settings: the values it may take. */
    values?: readonly string[];
  }
>;

/** Rocket.Chat's setting types Roster has settings of; a `select` holds one of its `values` (a string). */
export type SettingType = 'code' | 'int' | 'boolean' | 'string' | 'select';

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
