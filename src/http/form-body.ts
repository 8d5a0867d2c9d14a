// application/x-www-form-urlencoded request bodies, parsed as Rocket.Chat's router parses them.
import type { FastifyInstance } from 'fastify';

/**
 * Rocket.Chat's http-router `parseBodyParams` reads a form body as `Object.fromEntries(formData.entries())`: flat
 * string values, the last of repeated keys winning (`curl -d "user=…&password=…"` logs in). The app's bodyLimit
 * bounds it like a JSON body. `Object.fromEntries` defines own properties, so `__proto__=` is a plain key.
 */
export function installFormBodies(app: FastifyInstance): void {
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string' },
    (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    },
  );
}
