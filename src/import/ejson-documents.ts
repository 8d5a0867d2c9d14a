// Parses one mongoexport document (Extended JSON v2, relaxed or canonical) into Roster's plain JSON form.
import { EJSON } from 'bson';
import type { Json } from '../core/documents.js';

/** A document Roster cannot take: the text is not JSON, not valid Extended JSON, or holds an unsupported type. */
export class DocumentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DocumentError';
  }
}

export type JsonObject = { [key: string]: Json };

/**
 * EJSON in canonical mode keeps every number's BSON type (Int32, Long, Double), so a `$numberLong` beyond
 * 2^53 is caught here instead of being rounded silently as relaxed parsing would do.
 */
export function parseExportDocument(text: string): JsonObject {
  let value: unknown;
  try {
    value = EJSON.parse(text, { relaxed: false });
  } catch (error) {
    const kind = error instanceof SyntaxError ? 'not valid JSON' : 'not valid Extended JSON';
    throw new DocumentError(`${kind}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!isPlainObject(value)) throw new DocumentError('not a document (expected a JSON object)');
  return toJson(value, '') as JsonObject;
}

/** Dates → ISO-8601 with milliseconds, Int32/Long/Double/Decimal128 → numbers, ObjectId → 24-digit hex. */
function toJson(value: unknown, path: string): Json {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return finite(value, path);
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new DocumentError(`invalid date at ${where(path)}`);
    return value.toISOString();
  }
  if (Array.isArray(value)) return value.map((item, index) => toJson(item, `${path}.${index}`));
  const bsonType = (value as { _bsontype?: unknown })._bsontype;
  if (typeof bsonType === 'string') return fromBson(bsonType, value as object, path);
  if (!isPlainObject(value)) throw new DocumentError(`unsupported value at ${where(path)}`);
  const out: JsonObject = {};
  for (const [key, item] of Object.entries(value)) {
    const converted = toJson(item, path === '' ? key : `${path}.${key}`);
    // A key named "__proto__" must stay a plain field, never become the prototype.
    Object.defineProperty(out, key, {
      value: converted,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

function fromBson(bsonType: string, value: object, path: string): Json {
  switch (bsonType) {
    case 'Int32':
    case 'Double':
      return finite((value as { valueOf(): number }).valueOf(), path);
    case 'Long': {
      const long = value as { toNumber(): number; toString(): string };
      const number = long.toNumber();
      if (!Number.isSafeInteger(number)) {
        throw new DocumentError(`$numberLong ${long.toString()} at ${where(path)} is beyond 2^53`);
      }
      return number;
    }
    case 'Decimal128':
      return finite(Number(String(value)), path);
    case 'ObjectId':
      return (value as { toHexString(): string }).toHexString();
    default:
      throw new DocumentError(`unsupported BSON type ${bsonType} at ${where(path)}`);
  }
}

function finite(value: number, path: string): number {
  if (!Number.isFinite(value)) throw new DocumentError(`${value} at ${where(path)} has no JSON form`);
  return value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

function where(path: string): string {
  return path === '' ? 'the top level' : path;
}
