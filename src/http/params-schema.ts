// Request schemas checked the way Rocket.Chat's rest-typings check them: AJV, first error per branch, no coercion.
import { Ajv, type JSONSchemaType, type ValidateFunction } from 'ajv';
import { invalidParams } from '../errors.js';
import { httpErrors } from './http-errors.js';

/**
 * Fastify's own AJV strips unknown properties; Rocket.Chat's schemas (`additionalProperties: false`) refuse
 * them with "must NOT have additional properties", so these schemas run on a plain AJV instance.
 */
// validateSchema: the schemas are Roster's constants; meta-schema checks would cost start-up time only.
const ajv = new Ajv({ allErrors: false, strict: false, validateSchema: false });

/**
 * `legacy`: `addRoute({validateParams})` — "<messages> [invalid-params]" plus errorType.
 * `typed`: the typed router (`API.v1.post(..., {body})`) — errorType `invalid-params`, no suffix.
 */
export type SchemaStyle = 'legacy' | 'typed';

/** A checker, and the schema it checks with (the OpenAPI document describes the route with that same object). */
export interface ParamsChecker<T> {
  (data: unknown): T;
  readonly schema: object;
}

export function paramsChecker<T>(
  schema: JSONSchemaType<T> | object,
  style: SchemaStyle = 'legacy',
): ParamsChecker<T> {
  const validate = ajv.compile(schema) as ValidateFunction<T>;
  const check = (data: unknown): T => {
    if (validate(data)) return data;
    const messages = (validate.errors ?? []).map((error) => error.message ?? 'is invalid');
    throw style === 'legacy' ? invalidParams(messages) : httpErrors.typedInvalidParams(messages);
  };
  return Object.assign(check, { schema });
}
