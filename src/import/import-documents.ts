// Checks each exported document's shape for its collection and turns it into what store.bulkWrite takes.
import type { BulkBatch } from '../core/store.js';
import type {
  Json,
  PermissionDoc,
  RoleDoc,
  RoomDoc,
  SettingDoc,
  StoredToken,
  SubscriptionDoc,
  UserDoc,
} from '../core/documents.js';
import { isKnownSetting, KNOWN_SETTINGS } from '../core/setup/defaults.js';
import type { Collection } from './collection-files.js';
import { DocumentError, type JsonObject } from './ejson-documents.js';
import { splitUserTokens } from './rocketchat-users.js';

/** What one exported document becomes: documents for the batch, or nothing (a setting Roster does not know). */
export type ImportEntry =
  | { kind: 'write'; collection: Collection; document: object; tokens: StoredToken[] }
  | { kind: 'ignored'; collection: Collection };

/**
 * Only the fields Roster reads are checked, and only their types: every other field is kept untouched. A
 * document that would make Roster misbehave later (e.g. `emails` that is not an array) is refused now.
 */
export function toImportEntry(collection: Collection, document: JsonObject): ImportEntry {
  const id = document._id;
  if (id === undefined) throw new DocumentError('the document has no _id');
  if (typeof id !== 'string' || id === '') throw new DocumentError('_id must be a non-empty string');
  const write = (doc: object, tokens: StoredToken[] = []): ImportEntry => ({
    kind: 'write',
    collection,
    document: doc,
    tokens,
  });
  switch (collection) {
    case 'users': {
      checkUser(document);
      const { user, tokens } = splitUserTokens(document as UserDoc);
      return write(user, tokens);
    }
    case 'rooms':
      requireString(document, 't');
      optional(document, 'name', 'string');
      return write(document as RoomDoc);
    case 'subscriptions':
      requireString(document, 'rid');
      requireString(document, 't');
      optional(document, 'name', 'string');
      if (!isObject(document.u) || typeof document.u._id !== 'string' || document.u._id === '') {
        throw new DocumentError('u._id must be a non-empty string');
      }
      optionalStrings(document, 'roles');
      optional(document, 'unread', 'number');
      return write(document as SubscriptionDoc);
    case 'roles':
      requireString(document, 'name');
      if (document.scope !== 'Users' && document.scope !== 'Subscriptions') {
        throw new DocumentError("scope must be 'Users' or 'Subscriptions'");
      }
      return write(document as RoleDoc);
    case 'permissions':
      if (!isStrings(document.roles)) throw new DocumentError('roles must be an array of strings');
      return write(document as PermissionDoc);
    case 'settings':
      if (!isKnownSetting(id)) return { kind: 'ignored', collection };
      checkSettingValue(id, document.value);
      return write(document as SettingDoc);
  }
}

/** Adds an entry to a batch under the collection's BulkBatch key. */
export function addToBatch(batch: BulkBatch, entry: ImportEntry & { kind: 'write' }): void {
  const key = entry.collection;
  (batch[key] ??= []).push(entry.document as never);
  if (entry.tokens.length > 0) (batch.tokens ??= []).push(...entry.tokens);
}

function checkUser(user: JsonObject): void {
  optional(user, 'username', 'string');
  optional(user, 'name', 'string');
  optional(user, 'active', 'boolean');
  optional(user, 'freeSwitchExtension', 'string');
  optionalStrings(user, 'roles');
  optionalStrings(user, 'importIds');
  if (user.emails !== undefined) {
    if (!Array.isArray(user.emails)) throw new DocumentError('emails must be an array');
    user.emails.forEach((email, index) => {
      if (!isObject(email) || typeof email.address !== 'string') {
        throw new DocumentError(`emails.${index}.address must be a string`);
      }
    });
  }
  for (const field of ['customFields', 'services']) {
    if (user[field] !== undefined && !isObject(user[field]))
      throw new DocumentError(`${field} must be an object`);
  }
}

/** Rocket.Chat types: `code`, `string` and `select` settings hold strings, `int` numbers, `boolean` booleans. */
function checkSettingValue(id: keyof typeof KNOWN_SETTINGS, value: Json | undefined): void {
  const expected = { code: 'string', string: 'string', select: 'string', int: 'number', boolean: 'boolean' }[
    KNOWN_SETTINGS[id].type
  ];
  if (typeof value !== expected) throw new DocumentError(`value of ${id} must be a ${expected}`);
}

function requireString(document: JsonObject, field: string): void {
  if (typeof document[field] !== 'string' || document[field] === '') {
    throw new DocumentError(`${field} must be a non-empty string`);
  }
}

function optional(document: JsonObject, field: string, type: 'string' | 'number' | 'boolean'): void {
  if (document[field] !== undefined && typeof document[field] !== type) {
    throw new DocumentError(`${field} must be a ${type}`);
  }
}

function optionalStrings(document: JsonObject, field: string): void {
  if (document[field] !== undefined && !isStrings(document[field])) {
    throw new DocumentError(`${field} must be an array of strings`);
  }
}

function isStrings(value: Json | undefined): boolean {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
