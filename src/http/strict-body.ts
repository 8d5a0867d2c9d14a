// A validator compiler for JSON bodies that never coerces: a number where a string is expected is a 400.
import { Ajv, type AnySchema } from 'ajv';

/**
 * Fastify's default AJV coerces types (`coerceTypes: 'array'`), which would turn `{"password": 123}` into
 * "123". Credentials and token names must arrive with the type Rocket.Chat's clients send, so routes taking
 * them validate with this instance instead.
 */
const ajv = new Ajv({
  allErrors: false,
  coerceTypes: false,
  useDefaults: false,
  strict: false,
  // Roster's own constant schemas: compiling JSON Schema's meta-schema to check them costs start-up time only.
  validateSchema: false,
});

export function strictBodyValidator({ schema }: { schema: AnySchema }) {
  return ajv.compile(schema);
}
