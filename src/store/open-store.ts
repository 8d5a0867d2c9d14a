// The only place that picks a Store adapter by kind.
import type { Store } from '../core/store.js';

export interface StoreOptions {
  store: 'sqlite' | 'postgres';
  db: string;
  pgUrl?: string | undefined;
  /** A larger page cache for bulk commands (seed, import) that write into large indexes. */
  bulk?: boolean;
  /** Told each change a migration makes to existing rows (a duplicate renamed), for the operator's log. */
  onMigrationNote?: (line: string) => void;
}

/** Each adapter (and its driver) is loaded only when chosen, which keeps start-up short. */
export async function openStore(options: StoreOptions): Promise<Store> {
  switch (options.store) {
    case 'sqlite': {
      const { SqliteStore } = await import('./sqlite/sqlite-store.js');
      return SqliteStore.open(options.db, {
        ...(options.bulk ? { cacheMb: 512 } : {}),
        ...(options.onMigrationNote ? { onMigrationNote: options.onMigrationNote } : {}),
      });
    }
    case 'postgres': {
      if (!options.pgUrl) throw new Error('the PostgreSQL store needs a connection string (--pg-url)');
      const { PostgresStore } = await import('./postgres/postgres-store.js');
      return PostgresStore.open(
        options.pgUrl,
        options.onMigrationNote ? { onMigrationNote: options.onMigrationNote } : {},
      );
    }
  }
}
