// Which Rocket.Chat collection a mongoexport file holds, from its name; a folder means every known file in it.
import { readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';

/** Roster's names for the collections it imports, in import order: what others refer to comes first. */
export const IMPORT_ORDER = ['roles', 'permissions', 'settings', 'users', 'rooms', 'subscriptions'] as const;

export type Collection = (typeof IMPORT_ORDER)[number];

const COLLECTION_OF: Readonly<Record<string, Collection>> = {
  rocketchat_roles: 'roles',
  rocketchat_permissions: 'permissions',
  rocketchat_settings: 'settings',
  users: 'users',
  rocketchat_room: 'rooms',
  rocketchat_subscription: 'subscriptions',
};

const EXTENSIONS = ['.json', '.jsonl', '.ndjson'];

export interface ExportFile {
  path: string;
  collection: Collection;
}

export class ExportFilesError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExportFilesError';
  }
}

/**
 * The collection of `users.json`, `rocketchat_room.jsonl`, …; a `<database>.` prefix such as
 * `rocketchat.users.json` is accepted too. Null for any other name.
 */
export function collectionOfFile(fileName: string): Collection | null {
  const extension = EXTENSIONS.find((candidate) => fileName.toLowerCase().endsWith(candidate));
  if (extension === undefined) return null;
  const stem = fileName.slice(0, -extension.length);
  const name = stem.slice(stem.lastIndexOf('.') + 1);
  return Object.prototype.hasOwnProperty.call(COLLECTION_OF, name) ? (COLLECTION_OF[name] ?? null) : null;
}

/** Expands folders, refuses unknown file names given explicitly, and orders the files for import. */
export async function resolveExportFiles(paths: readonly string[]): Promise<ExportFile[]> {
  const files: ExportFile[] = [];
  for (const path of paths) {
    const info = await stat(path).catch(() => null);
    if (info === null) throw new ExportFilesError(`${path}: no such file or folder`);
    if (info.isDirectory()) {
      for (const name of (await readdir(path)).sort()) {
        const collection = collectionOfFile(name);
        if (collection !== null) files.push({ path: join(path, name), collection });
      }
      continue;
    }
    const collection = collectionOfFile(basename(path));
    if (collection === null) {
      throw new ExportFilesError(
        `${path}: not a known export file (expected users, rocketchat_room, rocketchat_subscription, ` +
          `rocketchat_roles, rocketchat_permissions or rocketchat_settings with .json, .jsonl or .ndjson)`,
      );
    }
    files.push({ path, collection });
  }
  if (files.length === 0) throw new ExportFilesError(`no export files found in ${paths.join(', ')}`);
  const unique = [...new Map(files.map((file) => [file.path, file])).values()];
  return unique.sort((a, b) => IMPORT_ORDER.indexOf(a.collection) - IMPORT_ORDER.indexOf(b.collection));
}
