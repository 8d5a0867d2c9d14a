// A known setting's current value, or its Rocket.Chat default when a database from an older Roster lacks it.
import { KNOWN_SETTINGS, type KnownSettingId } from '../setup/defaults.js';
import type { EffectiveSettings } from './settings.js';

type ValueOf<K extends KnownSettingId> = (typeof KNOWN_SETTINGS)[K]['value'];
type Widened<T> = T extends boolean ? boolean : T extends number ? number : T extends string ? string : never;

/**
 * Rocket.Chat's settings registry adds a new setting with its default at start-up; Roster's databases were
 * initialised once, so a setting added since (or stored with a value of the wrong type) reads as its default.
 */
export function knownValue<K extends KnownSettingId>(
  settings: EffectiveSettings,
  id: K,
): Widened<ValueOf<K>> {
  const fallback = KNOWN_SETTINGS[id].value;
  const value = settings.values.get(id);
  return (typeof value === typeof fallback ? value : fallback) as Widened<ValueOf<K>>;
}
