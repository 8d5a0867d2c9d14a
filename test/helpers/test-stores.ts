// The stores a test suite runs against: each a real database, fresh per call.
import { join } from 'node:path';
import type { Store } from '../../src/core/store.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { makeTempDir } from './temp-dir.js';

export interface TestStore {
  store: Store;
  /** Opens another connection to the same database, as a second process would. */
  reopen(): Promise<Store>;
  dispose(): Promise<void>;
}

export type StoreFactory = () => Promise<TestStore>;

async function freshSqlite(): Promise<TestStore> {
  const dir = makeTempDir();
  const path = join(dir.path, 'roster.db');
  const opened: Store[] = [SqliteStore.open(path, { changePollMs: 50 })];
  return {
    store: opened[0] as Store,
    async reopen() {
      const store = SqliteStore.open(path, { changePollMs: 50 });
      opened.push(store);
      return store;
    },
    async dispose() {
      for (const store of opened) await store.close();
      dir.remove();
    },
  };
}

const FACTORIES: Record<string, StoreFactory> = { sqlite: freshSqlite };

/** The stores selected by ROSTER_TEST_STORES (comma-separated; default: every adapter that exists). */
export function testStores(): Array<[name: string, factory: StoreFactory]> {
  const wanted = (process.env.ROSTER_TEST_STORES ?? Object.keys(FACTORIES).join(','))
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  return wanted.map((name) => {
    const factory = FACTORIES[name];
    if (!factory) throw new Error(`ROSTER_TEST_STORES names an unknown store: ${name}`);
    return [name, factory];
  });
}
