// Runs an import: checks an export without writing, or streams it into the store in batches, counting outcomes.
import type { BulkBatch, BulkCount, BulkCounts, Store } from '../core/store.js';
import { importIdsOf, rolesOf } from '../core/users/user-keys.js';
import type { Collection, ExportFile } from './collection-files.js';
import { DocumentError, parseExportDocument } from './ejson-documents.js';
import { readExportFile } from './export-reader.js';
import { addToBatch, toImportEntry, type ImportEntry } from './import-documents.js';

export type ImportPhase = 'checking' | 'importing';

/** Progress hooks for the command line; the run itself prints nothing. */
export interface ImportObserver {
  fileStarted(file: ExportFile, phase: ImportPhase): void;
  /** `documents` more were checked, or committed; `bytesRead` of the current file so far. */
  progressed(documents: number, bytesRead: number): void;
  fileFinished(): void;
}

export interface InvalidRecord {
  path: string;
  line: number;
  problem: string;
}

/** Invalid records found; only the first `listLimit` are kept so memory stays flat. */
export interface InvalidList {
  listed: InvalidRecord[];
  count: number;
}

export interface CollectionSummary extends BulkCount {
  /** Left out by --skip-invalid. */
  invalid: number;
  /** Settings Roster does not know. */
  ignored: number;
}

export type SummaryKey = Collection | 'tokens';

export interface ImportSummary {
  collections: Record<SummaryKey, CollectionSummary>;
  invalid: InvalidList;
  /** Stored users the database did not get from an import (no importIds), left as they are (security F18). */
  protectedUsers: string[];
  /** Usernames of written users holding `admin`, and how many login tokens / PATs were written. */
  admins: string[];
  tokensWritten: number;
}

export interface ImportOptions {
  batchSize: number;
  /** Leave invalid documents out and list them instead of stopping at the first one. */
  skipInvalid: boolean;
  listLimit?: number;
  /** Replace stored users that did not come from an import (e.g. the bootstrap admin) too. */
  overwriteExisting?: boolean;
}

/** Thrown by `importExport` without --skip-invalid; the batch holding the bad record is never written. */
export class InvalidExportError extends Error {
  constructor(readonly record: InvalidRecord) {
    super(`${record.path}:${record.line}: ${record.problem}`);
    this.name = 'InvalidExportError';
  }
}

const CHECK_PROGRESS_EVERY = 1000;

/** Parses and checks every document of every file, writing nothing. */
export async function checkExport(
  files: readonly ExportFile[],
  observer: ImportObserver,
  listLimit = 100,
): Promise<InvalidList> {
  const invalid: InvalidList = { listed: [], count: 0 };
  for (const file of files) {
    observer.fileStarted(file, 'checking');
    let pending = 0;
    let bytesRead = 0;
    for await (const record of entriesOf(file)) {
      bytesRead = record.bytesRead;
      if ('problem' in record) {
        note(invalid, { path: file.path, line: record.line, problem: record.problem }, listLimit);
      }
      if (++pending === CHECK_PROGRESS_EVERY) {
        observer.progressed(pending, bytesRead);
        pending = 0;
      }
    }
    if (pending > 0) observer.progressed(pending, bytesRead);
    observer.fileFinished();
  }
  return invalid;
}

/** Writes the files in order, one transaction per batch of `batchSize` documents (a user's tokens ride along). */
export async function importExport(
  store: Store,
  files: readonly ExportFile[],
  options: ImportOptions,
  observer: ImportObserver,
): Promise<ImportSummary> {
  const summary: ImportSummary = {
    collections: emptySummary(),
    invalid: { listed: [], count: 0 },
    protectedUsers: [],
    admins: [],
    tokensWritten: 0,
  };
  for (const file of files) {
    observer.fileStarted(file, 'importing');
    let batch: BulkBatch = {};
    let pending = 0;
    let bytesRead = 0;
    const flush = async (): Promise<void> => {
      if (pending === 0) return;
      if (!options.overwriteExisting) await keepLocalUsers(store, batch, summary);
      const counts = await store.bulkWrite(batch, 'replace');
      addCounts(summary, counts);
      summary.tokensWritten += counts.tokens.inserted + counts.tokens.updated;
      for (const user of batch.users ?? []) {
        if (rolesOf(user).includes('admin')) summary.admins.push(user.username ?? user._id);
      }
      observer.progressed(pending, bytesRead);
      batch = {};
      pending = 0;
    };
    for await (const record of entriesOf(file)) {
      bytesRead = record.bytesRead;
      if ('problem' in record) {
        const invalid = { path: file.path, line: record.line, problem: record.problem };
        if (!options.skipInvalid) throw new InvalidExportError(invalid);
        note(summary.invalid, invalid, options.listLimit ?? 100);
        summary.collections[file.collection].invalid++;
        continue;
      }
      if (record.entry.kind === 'ignored') {
        summary.collections[file.collection].ignored++;
        continue;
      }
      addToBatch(batch, record.entry);
      if (++pending >= options.batchSize) await flush();
    }
    await flush();
    observer.fileFinished();
  }
  await store.refreshPlannerStatistics();
  return summary;
}

/**
 * Leaves out of `batch` every stored admin without importIds (e.g. Roster's bootstrap admin) that the export
 * would change, with the tokens the batch holds for them: an export naming that `_id` would otherwise replace
 * the account and its password (security F18). Each is counted as skipped and listed.
 */
async function keepLocalUsers(store: Store, batch: BulkBatch, summary: ImportSummary): Promise<void> {
  const users = batch.users ?? [];
  if (users.length === 0) return;
  const stored = await store.users.findByIds(users.map((user) => user._id));
  // Roster does not record which users an import wrote, and Rocket.Chat exports carry no importIds either, so
  // the guard covers what matters most: a stored admin without importIds whose document the export would change.
  const incoming = new Map(users.map((user) => [user._id, JSON.stringify(user)]));
  const local = new Set(
    stored
      .filter(
        (user) =>
          importIdsOf(user).length === 0 &&
          rolesOf(user).includes('admin') &&
          incoming.get(user._id) !== JSON.stringify(user),
      )
      .map((user) => user._id),
  );
  if (local.size === 0) return;
  batch.users = users.filter((user) => !local.has(user._id));
  if (batch.tokens) batch.tokens = batch.tokens.filter((token) => !local.has(token.userId));
  for (const user of stored) {
    if (!local.has(user._id)) continue;
    summary.protectedUsers.push(`${user.username ?? ''} (${user._id})`);
    summary.collections.users.skipped++;
  }
}

type EntryRecord =
  | { line: number; bytesRead: number; entry: ImportEntry }
  | { line: number; bytesRead: number; problem: string };

async function* entriesOf(file: ExportFile): AsyncGenerator<EntryRecord> {
  for await (const record of readExportFile(file.path)) {
    if ('problem' in record) {
      yield record;
      continue;
    }
    try {
      const entry = toImportEntry(file.collection, parseExportDocument(record.text));
      yield { line: record.line, bytesRead: record.bytesRead, entry };
    } catch (error) {
      if (!(error instanceof DocumentError)) throw error;
      yield { line: record.line, bytesRead: record.bytesRead, problem: error.message };
    }
  }
}

function note(list: InvalidList, record: InvalidRecord, limit: number): void {
  list.count++;
  if (list.listed.length < limit) list.listed.push(record);
}

function emptySummary(): Record<SummaryKey, CollectionSummary> {
  const keys: SummaryKey[] = [
    'roles',
    'permissions',
    'settings',
    'users',
    'tokens',
    'rooms',
    'subscriptions',
  ];
  return Object.fromEntries(
    keys.map((key) => [key, { inserted: 0, updated: 0, unchanged: 0, skipped: 0, invalid: 0, ignored: 0 }]),
  ) as Record<SummaryKey, CollectionSummary>;
}

function addCounts(summary: ImportSummary, counts: BulkCounts): void {
  for (const [key, count] of Object.entries(counts) as Array<[SummaryKey, BulkCount]>) {
    const into = summary.collections[key];
    into.inserted += count.inserted;
    into.updated += count.updated;
    into.unchanged += count.unchanged;
    into.skipped += count.skipped;
  }
}
