// `roster import`: checks a Rocket.Chat mongoexport, then streams it into the store and prints a summary.
import type { AdminAccount } from '../core/setup/bootstrap.js';
import { bootstrap } from '../core/setup/bootstrap.js';
import type { Store } from '../core/store.js';
import { ExportFilesError, resolveExportFiles } from '../import/collection-files.js';
import {
  checkExport,
  importExport,
  InvalidExportError,
  type ImportSummary,
  type InvalidList,
  type SummaryKey,
} from '../import/import-run.js';
import { importProgress } from './import-progress.js';

export interface ImportCommandOptions {
  paths: string[];
  skipInvalid: boolean;
  batchSize: number;
  admin: AdminAccount;
  /** Also replace users Roster created itself, e.g. the first-start admin (`--overwrite-existing`). */
  overwriteExisting?: boolean;
}

export interface ImportOutput {
  out: (text: string) => void;
  err: (text: string) => void;
}

/**
 * Without --skip-invalid every file is checked first and nothing at all is written when any document is
 * invalid: a Rocket.Chat export that loads half its users but none of their subscriptions would serve wrong
 * answers. Returns the exit code.
 */
export async function importCommand(
  openStore: () => Promise<Store>,
  options: ImportCommandOptions,
  output: ImportOutput,
): Promise<number> {
  const started = Date.now();
  let files;
  try {
    files = await resolveExportFiles(options.paths);
  } catch (error) {
    if (!(error instanceof ExportFilesError)) throw error;
    output.err(`roster import: ${error.message}\n`);
    return 1;
  }
  if (!options.skipInvalid) {
    const invalid = await checkExport(files, importProgress());
    if (invalid.count > 0) {
      output.err(listInvalid(invalid));
      output.err(
        `roster import: nothing was imported: ${invalid.count} invalid document(s). ` +
          'Fix them, or re-run with --skip-invalid to import the rest.\n',
      );
      return 1;
    }
  }
  const store = await openStore();
  try {
    await announceBootstrap(store, options.admin, output);
    const summary = await importExport(store, files, options, importProgress());
    output.out(formatSummary(summary, (Date.now() - started) / 1000));
    output.out(trustSummary(summary));
    if (summary.protectedUsers.length > 0) {
      output.err(
        `roster import: ${summary.protectedUsers.length} user(s) created by Roster itself (first start, ` +
          'users.create, users.register), not by an import, were not replaced; --overwrite-existing ' +
          `replaces them: ${summary.protectedUsers.join(', ')}\n`,
      );
    }
    if (summary.invalid.count > 0) output.err(`skipped as invalid:\n${listInvalid(summary.invalid)}`);
    const conflicts = Object.values(summary.collections).reduce((sum, count) => sum + count.skipped, 0);
    if (conflicts > 0 && !options.skipInvalid) {
      output.err(
        `roster import: ${conflicts} document(s) share a unique key (username, email, room name, …) with ` +
          'another stored document and were not written.\n',
      );
    }
    // A refused replacement is an operator's decision to make, so it fails the run even with --skip-invalid.
    return summary.protectedUsers.length > 0 || (conflicts > 0 && !options.skipInvalid) ? 1 : 0;
  } catch (error) {
    if (!(error instanceof InvalidExportError)) throw error;
    output.err(
      `roster import: ${error.message}\nroster import: stopped; the batch holding it was not written.\n`,
    );
    return 1;
  } finally {
    await store.close();
  }
}

/**
 * An import into a new database initialises it first, as `serve` would, so that a later `serve` keeps the
 * imported roles, permissions and settings instead of writing the defaults over them.
 */
async function announceBootstrap(store: Store, admin: AdminAccount, output: ImportOutput): Promise<void> {
  const result = await bootstrap(store, admin);
  if (!result.created) return;
  output.out(`New database: admin user "${result.username}" was created before the import.\n`);
  if (result.generatedPassword !== undefined) {
    output.out(`  This password is shown only now; keep it: ${result.generatedPassword}\n`);
  }
}

const ROWS: ReadonlyArray<[SummaryKey, string]> = [
  ['roles', 'roles'],
  ['permissions', 'permissions'],
  ['settings', 'settings'],
  ['users', 'users'],
  ['tokens', 'login tokens'],
  ['rooms', 'rooms'],
  ['subscriptions', 'subscriptions'],
];

function formatSummary(summary: ImportSummary, seconds: number): string {
  const columns = ['imported', 'updated', 'unchanged', 'skipped', 'invalid', 'ignored', 'protected'];
  const lines = [`imported in ${seconds.toFixed(1)}s`, ['', ...columns].map(pad).join('')];
  for (const [key, label] of ROWS) {
    const count = summary.collections[key];
    const cells = [
      count.inserted,
      count.updated,
      count.unchanged,
      count.skipped,
      count.invalid,
      count.ignored,
      count.protected,
    ];
    lines.push([label, ...cells.map(String)].map(pad).join(''));
  }
  return `${lines.join('\n')}\n`;
}

/** What an operator should check after importing a file they did not make (security F18). */
function trustSummary(summary: ImportSummary): string {
  const admins = [...new Set(summary.admins)];
  return (
    `imported users holding admin: ${admins.length > 0 ? admins.join(', ') : 'none'}\n` +
    `imported login tokens and personal access tokens: ${summary.tokensWritten} (each authenticates as its user)\n`
  );
}

function pad(cell: string, index: number): string {
  return index === 0 ? cell.padEnd(15) : cell.padStart(11);
}

function listInvalid(invalid: InvalidList): string {
  const lines = invalid.listed.map((record) => `  ${record.path}:${record.line}: ${record.problem}`);
  if (invalid.count > invalid.listed.length)
    lines.push(`  … and ${invalid.count - invalid.listed.length} more`);
  return `${lines.join('\n')}\n`;
}
