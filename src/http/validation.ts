// The one request validation of Roster: one AJV configuration, the contracts of src/api/ compiled once, and a named phase per route.
import { Ajv, type ErrorObject, type Options, type ValidateFunction } from 'ajv';
import type { FastifyInstance, FastifySchemaValidationError } from 'fastify';
import type { RequestOf, Schema } from '../api/contract.js';
import { invalidParams, type RosterError } from '../errors.js';
import { httpErrors } from './http-errors.js';

/**
 * Rocket.Chat validates with AJV (rest-typings' `ajv` / `ajvQuery`), without `allErrors`: each `anyOf` branch
 * stops at its first failing keyword and the messages are AJV's own, which is what makes Rocket.Chat's texts
 * byte-exact here. Unlike Fastify's shared AJV nothing is removed (`additionalProperties: false` refuses with
 * "must NOT have additional properties") and no default is filled in. Bodies are never coerced, where
 * rest-typings' `ajv` coerces (`coerceTypes: true`): a credential or a name must arrive with its JSON type
 * (README "Differences"). `validateSchema: false`: the schemas are Roster's constants, and checking them against
 * JSON Schema's meta-schema would only delay start-up (about 40 ms per AJV instance).
 */
const OPTIONS: Options = {
  allErrors: false,
  coerceTypes: false,
  useDefaults: false,
  removeAdditional: false,
  strict: false,
  validateSchema: false,
};
const ajv = new Ajv(OPTIONS);
/** rest-typings' `ajvQuery`: a query string's values are coerced to the schema's types ("10" → 10, "true" → true). */
const queryAjv = new Ajv({ ...OPTIONS, coerceTypes: true });

/**
 * How a refusal reads, by the Rocket.Chat mechanism the route has in 8.5:
 * - `legacy`: `addRoute({validateParams})` (ApiClass.ts) throws `Meteor.Error('invalid-params', messages)`, so
 *   the body is "<messages> [invalid-params]" with errorType `invalid-params` (users.info keeps it: the seed page).
 * - `typed`: the typed router's `body` (http-router Router.ts): errorType `invalid-params`, no suffix.
 * - `typed-query`: the typed router's `query` (also `addRoute` with a `query` option): coerced, errorType
 *   `error-invalid-params`, no suffix.
 * In every style AJV's messages are joined by "\n ", as Rocket.Chat joins them.
 */
export type ValidationStyle = 'legacy' | 'typed' | 'typed-query';

/**
 * Where a route validates, named at the route with the Rocket.Chat reason:
 * - `before-rate-limit`: Fastify's validation phase, after authentication and before the rate limiter (the typed
 *   router validates before the action wrapper that enforces the limit);
 * - `in-handler`: the handler calls the checker after the rate limiter, as `addRoute`'s `validateParams` runs
 *   after `enforceRateLimit` (ApiClass.ts); typed routes kept here differ in that order (README "Differences").
 */
export type ValidationPhase = 'before-rate-limit' | 'in-handler';

/** A compiled contract: checks (and for `typed-query` coerces a copy of) the data, or throws the style's 400. */
export interface Checker<T> {
  (data: unknown): T;
  /** The contract's JSON Schema; the OpenAPI document describes the route with this same object. */
  readonly schema: Schema;
  readonly style: ValidationStyle;
  readonly validate: ValidateFunction;
}

/** The 400 of `style` for AJV's `messages`. */
export function refusal(style: ValidationStyle, messages: readonly string[]): RosterError {
  if (style === 'legacy') return invalidParams(messages);
  return style === 'typed'
    ? httpErrors.typedInvalidParams(messages)
    : httpErrors.typedQueryInvalidParams(messages);
}

const messagesOf = (errors: readonly Pick<ErrorObject, 'message'>[] | null | undefined): string[] =>
  (errors ?? []).map((error) => error.message ?? 'is invalid');

/**
 * The checker of a contract from src/api/. Its result type is derived from the schema itself (RequestOf), so a
 * handler or core function whose parameter type disagrees with the schema does not compile. Compiled once, at
 * module load: no per-request work beyond AJV's generated function.
 */
export function checker<const S extends Schema>(schema: S, style: ValidationStyle): Checker<RequestOf<S>> {
  type T = RequestOf<S>;
  const coerced = style === 'typed-query';
  const validate = (coerced ? queryAjv : ajv).compile(schema);
  const check = (data: unknown): T => {
    // Coercion writes into the object it checks: check a copy, never Fastify's own query object.
    const checked = coerced && isObject(data) ? { ...data } : data;
    if (validate(checked)) return checked as T;
    throw refusal(style, messagesOf(validate.errors));
  };
  return Object.assign(check, { schema, style, validate });
}

/**
 * Route options for the `in-handler` phase: Fastify gets the contract's schema for the OpenAPI document only
 * and must not validate with it (its shared AJV would coerce types and strip unknown keys).
 */
export const IN_HANDLER = { validatorCompiler: () => () => true } as const;

/**
 * Route options for the `before-rate-limit` phase: Fastify runs the contract's own compiled validator (never its
 * shared AJV) and a refusal reads in the contract's style. `describe` names the failing path for Roster's
 * extensions (roster.* routes), which have no Rocket.Chat text to match.
 */
export function beforeRateLimit(
  part: 'body' | 'querystring',
  contract: Checker<unknown>,
  describe?: (issue: FastifySchemaValidationError) => string,
) {
  return {
    validatorCompiler: ({ httpPart }: { httpPart?: string }) =>
      httpPart === part ? contract.validate : () => true,
    schemaErrorFormatter: (errors: FastifySchemaValidationError[]) =>
      refusal(contract.style, describe ? errors.map(describe) : messagesOf(errors)),
  };
}

/**
 * The validator of every route schema that names no phase (the rooms' documented bodies, channels/groups.create):
 * the same AJV instead of Fastify's shared one, which would coerce types and strip unknown keys. A refusal reaches
 * envelope.ts as a Fastify validation error and answers in the legacy style.
 */
export function installValidation(app: FastifyInstance): void {
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? ajv : queryAjv).compile(schema));
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);
