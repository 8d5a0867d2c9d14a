// application/json bodies: nesting deeper than 32 refused before JSON.parse spends CPU on it (security F8).
import type { FastifyInstance } from 'fastify';
import { httpErrors } from './http-errors.js';

/**
 * The body limit of login, logout and the personal access token routes (README "Limits"): their bodies are a
 * few short strings, so an anonymous or cheap caller cannot make Roster read a megabyte (security F8).
 */
export const SMALL_BODY_BYTES = 8192;

/** No Rocket.Chat request body nests anywhere near this deep (customFields and settings values are flat). */
export const MAX_JSON_DEPTH = 32;

/**
 * True when `text` opens more than `max` arrays/objects at once. One linear pass that skips string contents
 * (with their escapes), far cheaper than JSON.parse building 500,000 nested arrays.
 */
export function nestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

/** Replaces Fastify's JSON parser with the depth check in front of it (prototype poisoning stays refused). */
export function installJsonBodies(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (nestsDeeperThan(body as string, MAX_JSON_DEPTH)) {
      done(httpErrors.jsonTooDeep(MAX_JSON_DEPTH), undefined);
      return;
    }
    parse(request, body as string, done);
  });
}
