// Strings Roster stores hold no NUL and no lone UTF-16 surrogate: PostgreSQL's json/text refuse both (security F12).

/**
 * `\u0000` and unpaired surrogates, refused by every write route's schema. AJV compiles patterns with the `u`
 * flag, so the surrogate range matches only a lone half; a well-formed pair is one astral code point.
 */
export const STORED_TEXT_PATTERN = '^[^\\u0000\\uD800-\\uDFFF]*$';

type Schema = { readonly [key: string]: unknown };

/**
 * `schema` with STORED_TEXT_PATTERN on every string-typed subschema (nested properties, items, anyOf
 * branches…), so one rule covers all string properties of a write route. The input is not changed.
 */
export function withStoredStrings<T extends object>(schema: T): T {
  return mapSchema(schema as Schema) as T;
}

function mapSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(mapSchema);
  if (node === null || typeof node !== 'object') return node;
  const mapped: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    // `examples`, `enum` and `const` hold data, not subschemas.
    mapped[key] = key === 'examples' || key === 'enum' || key === 'const' ? value : mapSchema(value);
  }
  if (mapped.type === 'string' && mapped.pattern === undefined && mapped.enum === undefined) {
    mapped.pattern = STORED_TEXT_PATTERN;
  }
  return mapped;
}
