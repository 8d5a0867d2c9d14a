// The OpenAPI 3.1 document (GET /api/v1/docs/json), generated from the route schemas, and its Swagger UI page.
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';

export const DOCS_PREFIX = '/api/v1/docs';

/**
 * The page may load only from Roster itself. Unlike @fastify/swagger-ui's default policy this allows no `https:`
 * fonts or styles nor the online validator, and has no `upgrade-insecure-requests`, which would break the page on
 * a plain-HTTP address other than localhost.
 */
const DOCS_CSP = [
  "default-src 'self'",
  "base-uri 'self'",
  "connect-src 'self'",
  "font-src 'self' data:",
  "frame-ancestors 'self'",
  "img-src 'self' data:",
  "object-src 'none'",
  "script-src 'self'",
  "script-src-attr 'none'",
  "style-src 'self'",
].join('; ');

interface JsonObject {
  [key: string]: unknown;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * OpenAPI lists query parameters one by one, but users.info's query is Rocket.Chat's `anyOf` of five object
 * branches (one per lookup key). The document shows the union of the branches' properties as parameters, none
 * required, and keeps the exact rule in the operation's description; validation uses the `anyOf` untouched.
 */
function flattenQueryAnyOf(schema: JsonObject): JsonObject {
  const query = schema['querystring'];
  if (!isObject(query) || !Array.isArray(query['anyOf'])) return schema;
  const lookup: JsonObject = {};
  const others: JsonObject = {};
  for (const branch of query['anyOf'] as unknown[]) {
    if (!isObject(branch) || !isObject(branch['properties'])) continue;
    const required = Array.isArray(branch['required']) ? (branch['required'] as string[]) : [];
    for (const [name, property] of Object.entries(branch['properties'])) {
      (required.includes(name) ? lookup : others)[name] = property;
    }
  }
  const lookupKeys = Object.keys(lookup);
  const properties = { ...lookup, ...others };
  const rule = `Exactly one of ${lookupKeys.map((key) => `\`${key}\``).join(', ')}; nothing else than \`includeUserRooms\` and \`fields\`.`;
  const description =
    typeof schema['description'] === 'string' ? `${schema['description']}\n\n${rule}` : rule;
  return { ...schema, description, querystring: { type: 'object', properties } };
}

/**
 * Registers the document generator and the docs page; call before any route is added (the generator collects
 * routes as they are registered). Both are public and are not themselves listed in the document.
 */
export async function installDocs(app: FastifyInstance, version: string): Promise<void> {
  // Response schemas are documentation: the body is serialised as without one (JSON.stringify), never filtered.
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Roster',
        version,
        description:
          "A Rocket.Chat-compatible user directory. Paths, bodies, answers and permissions are Rocket.Chat's REST API (`@rocket.chat/rest-typings` 8.x); every answer carries `success`.",
      },
      components: {
        securitySchemes: {
          userId: { type: 'apiKey', in: 'header', name: 'X-User-Id' },
          authToken: { type: 'apiKey', in: 'header', name: 'X-Auth-Token' },
        },
      },
    },
    transform: ({ schema, url }) => ({ schema: isObject(schema) ? flattenQueryAnyOf(schema) : schema, url }),
  });
  await app.register(swaggerUi, {
    routePrefix: DOCS_PREFIX,
    // No request leaves the page: Swagger UI's online validator badge is off, its assets come from node_modules.
    // Tags start collapsed: with every tag open, Swagger UI 5 stops rendering past about 140 operations (the
    // document has more), leaving the page cut off after the first few tags.
    uiConfig: {
      validatorUrl: null,
      deepLinking: true,
      defaultModelsExpandDepth: 0,
      tryItOutEnabled: false,
      docExpansion: 'none',
    },
    staticCSP: DOCS_CSP,
    theme: { title: 'Roster API' },
  });
}
