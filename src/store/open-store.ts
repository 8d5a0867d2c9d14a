// The only place that picks a Store adapter by kind.
import type { Store } from '../core/store.js';
import { PostgresStore } from './postgres/postgres-store.js';
import { SqliteStore } from './sqlite/sqlite-store.js';

export interface StoreOptions {
  store: 'sqlite' | 'postgres';
  db: string;
  pgUrl?: string | undefined;
  /** A larger page cache for bulk commands (seed, import) that write into large indexes. */
  bulk?: boolean;
}

export async function openStore(options: StoreOptions): Promise<Store> {
  switch (options.store) {
    case 'sqlite':
      return SqliteStore.open(options.db, options.bulk ? { cacheMb: 512 } : {});
    case 'postgres':
      if (!options.pgUrl) throw new Error('the PostgreSQL store needs a connection string (--pg-url)');
      return PostgresStore.open(options.pgUrl);
  }
}
