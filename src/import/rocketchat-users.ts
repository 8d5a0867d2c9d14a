// Moves a Rocket.Chat user's `services.resume.loginTokens` to Roster's token index, leaving the rest intact.
import type { Json, StoredToken, UserDoc } from '../core/documents.js';
import { hashLoginToken } from '../core/auth/login-tokens.js';
import { DocumentError, type JsonObject } from './ejson-documents.js';

export interface SplitUser {
  user: UserDoc;
  tokens: StoredToken[];
}

/**
 * Rocket.Chat keeps both kinds of token in `services.resume.loginTokens`: login tokens `{when, hashedToken}`
 * and personal access tokens `{type: 'personalAccessToken', name, hashedToken, lastTokenPart,
 * bypassTwoFactor, createdAt}`. Roster authenticates through the token index only (store.tokens.findSession), so
 * they move there and `loginTokens` leaves the stored user; any other `services.resume` field stays.
 * Import only adds or updates tokens, never deletes one: a token Roster issued after an earlier import
 * cannot be told apart from one Rocket.Chat revoked since, and logging users out is not an import's job.
 */
export function splitUserTokens(user: UserDoc): SplitUser {
  const services = user.services;
  const resume = services?.resume;
  if (resume === undefined) return { user, tokens: [] };
  if (!isObject(resume)) throw new DocumentError('services.resume must be an object');
  const loginTokens = resume.loginTokens ?? [];
  if (!Array.isArray(loginTokens)) throw new DocumentError('services.resume.loginTokens must be an array');
  const tokens = loginTokens.map((entry, index) => toStoredToken(user._id, entry, index));
  const restOfResume: JsonObject = { ...resume };
  delete restOfResume.loginTokens;
  const keptServices: Record<string, Json | undefined> = { ...services };
  if (Object.keys(restOfResume).length > 0) keptServices.resume = restOfResume;
  else delete keptServices.resume;
  return { user: { ...user, services: keptServices }, tokens: dedupe(tokens) };
}

function toStoredToken(userId: string, entry: Json, index: number): StoredToken {
  const where = `services.resume.loginTokens.${index}`;
  if (!isObject(entry)) throw new DocumentError(`${where} must be an object`);
  const hashedToken = hashOf(entry, where);
  if (entry.type === 'personalAccessToken') {
    const name = entry.name;
    if (typeof name !== 'string' || name === '') throw new DocumentError(`${where}.name must be a string`);
    const createdAt = instant(entry.createdAt ?? entry.when, `${where}.createdAt`);
    return {
      hashedToken,
      userId,
      when: createdAt,
      type: 'personalAccessToken',
      name,
      ...(typeof entry.lastTokenPart === 'string' ? { lastTokenPart: entry.lastTokenPart } : {}),
      bypassTwoFactor: entry.bypassTwoFactor === true,
      createdAt,
    };
  }
  if (entry.type !== undefined)
    throw new DocumentError(`${where}.type ${JSON.stringify(entry.type)} is unknown`);
  return { hashedToken, userId, when: instant(entry.when, `${where}.when`), type: 'login' };
}

/** Meteor before 1.0.4 stored the raw `token`; it is hashed as Meteor itself does on the next login. */
function hashOf(entry: { [key: string]: Json }, where: string): string {
  if (typeof entry.hashedToken === 'string' && entry.hashedToken !== '') return entry.hashedToken;
  if (typeof entry.token === 'string' && entry.token !== '') return hashLoginToken(entry.token);
  throw new DocumentError(`${where} has neither hashedToken nor token`);
}

function instant(value: Json | undefined, where: string): string {
  if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) {
    throw new DocumentError(`${where} must be a date`);
  }
  return value;
}

/** The same hash twice (a re-issued token) would collide in one batch: the last entry wins, as in Meteor. */
function dedupe(tokens: StoredToken[]): StoredToken[] {
  return [...new Map(tokens.map((token) => [token.hashedToken, token])).values()];
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
