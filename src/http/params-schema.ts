// Request schemas checked the way Rocket.Chat's rest-typings check them: AJV, first error per branch, coercion for queries only.
import { Ajv, type JSONSchemaType, type ValidateFunction } from 'ajv';
import { invalidParams } from '../errors.js';
import { httpErrors } from './http-errors.js';

/**
 * Fastify's own AJV strips unknown properties; Rocket.Chat's schemas (`additionalProperties: false`) refuse
 * them with "must NOT have additional properties", so these schemas run on a plain AJV instance.
 */
// validateSchema: the schemas are Roster's constants; meta-schema checks would cost start-up time only.
const ajv = new Ajv({ allErrors: false, strict: false, validateSchema: false });
/** rest-typings' `ajvQuery`: query strings are coerced to the schema's types ("10" → 10, "true" → true). */
const queryAjv = new Ajv({ allErrors: false, strict: false, validateSchema: false, coerceTypes: true });

/**
 * `legacy`: `addRoute({validateParams})` — "<messages> [invalid-params]" plus errorType.
 * `typed`: the typed router (`API.v1.post(..., {body})`) — errorType `invalid-params`, no suffix.
 * `typed-query`: the typed router's `query` (`API.v1.get(..., {query})`) — coerced, errorType `error-invalid-params`.
 */
export type SchemaStyle = 'legacy' | 'typed' | 'typed-query';

/** A checker, and the schema it checks with (the OpenAPI document describes the route with that same object). */
export interface ParamsChecker<T> {
  (data: unknown): T;
  readonly schema: object;
}

export function paramsChecker<T>(
  schema: JSONSchemaType<T> | object,
  style: SchemaStyle = 'legacy',
): ParamsChecker<T> {
  const coerced = style === 'typed-query';
  const validate = (coerced ? queryAjv : ajv).compile(schema) as ValidateFunction<T>;
  const check = (data: unknown): T => {
    // Coercion writes into the object it checks: check a copy, never Fastify's own query object.
    const checked = coerced && isObject(data) ? { ...data } : data;
    if (validate(checked)) return checked;
    const messages = (validate.errors ?? []).map((error) => error.message ?? 'is invalid');
    if (style === 'legacy') throw invalidParams(messages);
    throw style === 'typed'
      ? httpErrors.typedInvalidParams(messages)
      : httpErrors.typedQueryInvalidParams(messages);
  };
  return Object.assign(check, { schema });
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);
