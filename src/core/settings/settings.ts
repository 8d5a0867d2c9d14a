// The settings Roster knows, typed and parsed once per change from a live copy of the settings collection.
import { parseCustomFieldDefinitions, type CustomFieldDefinitions } from './custom-fields.js';
import { KNOWN_SETTINGS } from '../setup/defaults.js';
import type { Json } from '../documents.js';
import { LiveSnapshot } from '../live-snapshot.js';
import type { Logger } from '../logger.js';
import type { Store } from '../store.js';

export interface EffectiveSettings {
  customFields: CustomFieldDefinitions;
  loginExpirationDays: number;
  rateLimiter: { enabled: boolean; calls: number; windowMs: number };
  /** `Site_Url` (absolute URLs such as /me's avatarUrl); its default when a database predates the setting. */
  siteUrl: string;
  twoFactor: TwoFactorSettings;
  /** Every stored setting value by id. */
  values: ReadonlyMap<string, Json>;
}

/** Rocket.Chat's Accounts_TwoFactorAuthentication_* settings, as checkCodeForUser and its checks read them. */
export interface TwoFactorSettings {
  enabled: boolean;
  byTotp: boolean;
  byEmail: boolean;
  enforcePasswordFallback: boolean;
  /** Seconds; 0 or less: never remembered. */
  rememberForSeconds: number;
  /** TOTP steps accepted either side of now; 0: only the current one. */
  maxDelta: number;
}

export class Settings {
  private readonly snapshot: LiveSnapshot<EffectiveSettings>;

  constructor(store: Store, log: Logger) {
    this.snapshot = new LiveSnapshot(store, ['settings'], async () => {
      const values = new Map<string, Json>();
      for (const setting of await store.settings.list()) values.set(setting._id, setting.value);
      return toEffective(values, log);
    });
  }

  /** The settings when already in memory (the hot path's synchronous read), else undefined: call `current`. */
  peek(): EffectiveSettings | undefined {
    return this.snapshot.peek();
  }

  current(): Promise<EffectiveSettings> {
    const value = this.snapshot.peek();
    return value ? Promise.resolve(value) : this.snapshot.get();
  }

  cacheStats(): { hits: number; loads: number } {
    return this.snapshot.stats;
  }

  close(): void {
    this.snapshot.close();
  }
}

function toEffective(values: ReadonlyMap<string, Json>, log: Logger): EffectiveSettings {
  const int = (id: keyof typeof KNOWN_SETTINGS, fallback: number): number => {
    const value = values.get(id);
    return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
  };
  const bool = (id: keyof typeof KNOWN_SETTINGS, fallback: boolean): boolean => {
    const value = values.get(id);
    return typeof value === 'boolean' ? value : fallback;
  };
  const enabled = values.get('API_Enable_Rate_Limiter');
  const siteUrl = values.get('Site_Url');
  return {
    customFields: parseCustomFieldDefinitions(values.get('Accounts_CustomFields'), (reason) =>
      log.warn({ setting: 'Accounts_CustomFields' }, reason),
    ),
    // Rocket.Chat's getLoginExpirationInDays: anything but a positive number means the 90-day default.
    loginExpirationDays:
      Math.max(int('Accounts_LoginExpiration', 0), 0) || KNOWN_SETTINGS.Accounts_LoginExpiration.value,
    rateLimiter: {
      enabled: typeof enabled === 'boolean' ? enabled : KNOWN_SETTINGS.API_Enable_Rate_Limiter.value,
      calls: int(
        'API_Enable_Rate_Limiter_Limit_Calls_Default',
        KNOWN_SETTINGS.API_Enable_Rate_Limiter_Limit_Calls_Default.value,
      ),
      windowMs: int(
        'API_Enable_Rate_Limiter_Limit_Time_Default',
        KNOWN_SETTINGS.API_Enable_Rate_Limiter_Limit_Time_Default.value,
      ),
    },
    siteUrl: typeof siteUrl === 'string' ? siteUrl : KNOWN_SETTINGS.Site_Url.value,
    twoFactor: {
      enabled: bool('Accounts_TwoFactorAuthentication_Enabled', true),
      byTotp: bool('Accounts_TwoFactorAuthentication_By_TOTP_Enabled', true),
      byEmail: bool('Accounts_TwoFactorAuthentication_By_Email_Enabled', true),
      enforcePasswordFallback: bool('Accounts_TwoFactorAuthentication_Enforce_Password_Fallback', true),
      rememberForSeconds: int('Accounts_TwoFactorAuthentication_RememberFor', 1800),
      maxDelta: int('Accounts_TwoFactorAuthentication_MaxDelta', 1),
    },
    values,
  };
}
