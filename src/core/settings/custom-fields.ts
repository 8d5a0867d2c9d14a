// Parses the Accounts_CustomFields setting (a JSON object of field definitions) once per change.
export interface CustomFieldDefinition {
  public: boolean;
  required?: boolean;
  type?: string;
  minLength?: number;
  maxLength?: number;
  [option: string]: unknown;
}

export type CustomFieldDefinitions = ReadonlyMap<string, CustomFieldDefinition>;

/**
 * An empty or invalid setting means no custom fields (users-info.md §5); `onInvalid` is told why so the
 * caller can log a warning. A definition that is not an object is ignored.
 */
export function parseCustomFieldDefinitions(
  source: unknown,
  onInvalid: (reason: string) => void,
): CustomFieldDefinitions {
  const definitions = new Map<string, CustomFieldDefinition>();
  if (typeof source !== 'string' || source.trim() === '') return definitions;
  let parsed: unknown;
  try {
    parsed = JSON.parse(source);
  } catch (error) {
    onInvalid(`Accounts_CustomFields is not valid JSON: ${(error as Error).message}`);
    return definitions;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    onInvalid('Accounts_CustomFields is not a JSON object');
    return definitions;
  }
  for (const [name, definition] of Object.entries(parsed as Record<string, unknown>)) {
    if (definition === null || typeof definition !== 'object' || Array.isArray(definition)) continue;
    const options = definition as Record<string, unknown>;
    definitions.set(name, { ...options, public: options.public === true });
  }
  return definitions;
}
