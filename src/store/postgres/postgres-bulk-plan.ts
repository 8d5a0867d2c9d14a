// Decides, in memory, what a bulk write does with each document, exactly as one-by-one writes would.
import { isDeepStrictEqual } from 'node:util';
import type { BulkCount } from '../../core/store.js';

export type Outcome = keyof BulkCount;

/** How a document kind is identified and which unique keys (other than its id) it holds. */
export interface KindRules<T> {
  idOf(document: T): string;
  keysOf(document: T): string[];
}

export interface BulkPlan<T> {
  count: BulkCount;
  /** The documents to write, one per id, in their final state. */
  finals: Map<string, T>;
  /** Ids among `finals` that were already stored (their rows are replaced). */
  replaced: Set<string>;
}

/**
 * Walks the documents in order as the SQLite adapter's one-by-one writes do: a stored id is `unchanged`
 * when ignoring or when equal, otherwise the document is `updated`/`inserted` unless one of its keys is held
 * by another id (`skipped`). `stored` holds the current documents of the batch's ids; `holders` the current
 * owner id of every key the batch's documents carry. Both are read under a table lock, so the plan is exact.
 */
export function planBulk<T>(
  documents: readonly T[],
  replace: boolean,
  rules: KindRules<T>,
  stored: ReadonlyMap<string, T>,
  holders: Map<string, string>,
): BulkPlan<T> {
  const count: BulkCount = { inserted: 0, updated: 0, unchanged: 0, skipped: 0 };
  const current = new Map(stored);
  const finals = new Map<string, T>();
  const replaced = new Set<string>();
  for (const given of documents) {
    // The json column keeps what JSON.stringify keeps: compare and store the document as it will read back.
    const document = JSON.parse(JSON.stringify(given)) as T;
    const id = rules.idOf(document);
    const existing = current.get(id);
    if (existing !== undefined && (!replace || isDeepStrictEqual(existing, document))) {
      count.unchanged++;
      continue;
    }
    const keys = rules.keysOf(document);
    if (keys.some((key) => (holders.get(key) ?? id) !== id)) {
      count.skipped++;
      continue;
    }
    if (existing !== undefined) {
      for (const key of rules.keysOf(existing)) if (holders.get(key) === id) holders.delete(key);
    }
    for (const key of keys) holders.set(key, id);
    current.set(id, document);
    finals.set(id, document);
    if (stored.has(id)) replaced.add(id);
    count[existing !== undefined ? 'updated' : 'inserted']++;
  }
  return { count, finals, replaced };
}
