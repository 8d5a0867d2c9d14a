// The type of a request that passed a contract's schema: json-schema-to-ts's FromSchema, with JSON for "anything".
import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import type { Json } from './json.js';

/** A schema a contract may hold (JSON Schema, written `as const` so its literal types survive). */
export type Schema = JSONSchema & object;

/**
 * A parsed JSON body or query holds only JSON, so where a schema leaves a value open (`{}`, an object's other
 * properties) the request type says `Json` rather than FromSchema's `unknown`.
 */
export type JsonOf<T> = unknown extends T
  ? Json
  : T extends readonly (infer E)[]
    ? JsonOf<E>[]
    : T extends object
      ? { [K in keyof T]: JsonOf<T[K]> }
      : T;

/** The request type of `S`: derived from the schema, so a schema and its type cannot disagree. */
export type RequestOf<S extends Schema> = JsonOf<FromSchema<S>>;
