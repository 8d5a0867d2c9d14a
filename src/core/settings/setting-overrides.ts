// OVERWRITE_SETTING_<id>=<value> at start, as Rocket.Chat's settings registry applies them: parsed, then stored.
import { isKnownSetting, KNOWN_SETTINGS, defaultSetting, type KnownSettingId } from '../setup/defaults.js';
import type { Json } from '../documents.js';
import type { Store } from '../store.js';
import { checkedValue } from './setting-values.js';

export const OVERRIDE_PREFIX = 'OVERWRITE_SETTING_';

export interface SettingOverrides {
  /** Known settings and their parsed values, in environment order. */
  values: ReadonlyArray<readonly [KnownSettingId, Json]>;
  /** Ids Roster does not know: Rocket.Chat ignores an override of a setting it never registers; so does Roster. */
  unknown: readonly string[];
}

/**
 * Rocket.Chat's `convertValue` turns `true`/`false` (any case) into booleans, `int` settings through parseInt,
 * and keeps the rest as text. Roster parses by the setting's own type and refuses what it cannot use (e.g.
 * `10abc` for an int, `yes` for a boolean, bad JSON for Accounts_CustomFields) instead of storing it: the throw
 * names the variable, and start-up stops.
 */
export function parseSettingOverrides(env: Readonly<Record<string, string | undefined>>): SettingOverrides {
  const values: Array<readonly [KnownSettingId, Json]> = [];
  const unknown: string[] = [];
  for (const [name, raw] of Object.entries(env)) {
    if (!name.startsWith(OVERRIDE_PREFIX) || raw === undefined) continue;
    const id = name.slice(OVERRIDE_PREFIX.length);
    if (!isKnownSetting(id)) {
      unknown.push(id);
      continue;
    }
    values.push([id, parseOverride(name, id, raw)]);
  }
  return { values, unknown };
}

function parseOverride(name: string, id: KnownSettingId, raw: string): Json {
  const { type } = KNOWN_SETTINGS[id];
  let value: Json = raw;
  if (type === 'boolean' && /^(true|false)$/i.test(raw)) value = raw.toLowerCase() === 'true';
  if (type === 'int' && /^\d+$/.test(raw)) value = Number(raw);
  try {
    return checkedValue(id, type, value);
  } catch (error) {
    const reason = error instanceof Error ? error.message.replace(/ \[[^\]]+\]$/, '') : String(error);
    throw new Error(`${name}=${JSON.stringify(raw)}: ${reason}`, { cause: error });
  }
}

/** Stores each override (creating a setting an older database lacks); one write per changed setting. */
export async function applySettingOverrides(
  store: Store,
  overrides: SettingOverrides,
  now: Date,
): Promise<void> {
  for (const [id, value] of overrides.values) {
    const stored = await store.settings.find(id);
    if (stored && JSON.stringify(stored.value) === JSON.stringify(value)) continue;
    const current = stored ?? defaultSetting(id);
    await store.settings.save({ ...current, value, _updatedAt: now.toISOString() });
  }
}
