// Benchmark databases: seeded once per (store, size) and reused, with the settings the benchmark needs.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { bootstrap } from '../src/core/setup/bootstrap.js';
import { openStore } from '../src/store/open-store.js';

const CLI = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));
export const BENCH_DIR = fileURLToPath(new URL('../../.bench-data/', import.meta.url));
export const ROOMS = 1000;
export const ROOMS_PER_USER = 10;
export const ADMIN_PASSWORD = 'bench-admin-password';

export interface BenchDatabase {
  args: string[];
  seedSeconds: number | null;
}

/**
 * One PostgreSQL database per size (`<database>_<users>` on the server of `baseUrl`), as SQLite has one file
 * per size: a 10,000-user case must not run against a database that also holds a larger seed.
 */
async function ensurePostgresDatabase(baseUrl: string, users: number): Promise<string> {
  const url = new URL(baseUrl);
  const name = `${url.pathname.replace(/^\//, '') || 'roster_bench'}_${users}`;
  const maintenance = new URL(baseUrl);
  maintenance.pathname = '/postgres';
  const client = new pg.Client({ connectionString: maintenance.toString() });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  url.pathname = `/${name}`;
  return url.toString();
}

/** The seed writes users in order, each batch whole: its last user present means the whole seed is there. */
async function holdsSeed(store: 'sqlite' | 'postgres', db: string, pgUrl: string, users: number) {
  if (store === 'sqlite' && !existsSync(db)) return false;
  const opened = await openStore(store === 'sqlite' ? { store, db } : { store, db, pgUrl });
  try {
    return (await opened.users.findByUsername(`user${users}`)) !== null;
  } finally {
    await opened.close();
  }
}

/** Seeds `users` users (10 rooms each) unless the database already holds them; returns serve's store flags. */
export async function ensureDatabase(
  store: 'sqlite' | 'postgres',
  users: number,
  pgUrl: string,
): Promise<BenchDatabase> {
  mkdirSync(BENCH_DIR, { recursive: true });
  const db = join(BENCH_DIR, `sqlite-${users}.db`);
  const sizeUrl = store === 'postgres' ? await ensurePostgresDatabase(pgUrl, users) : pgUrl;
  const args = store === 'sqlite' ? ['--db', db] : ['--store', 'postgres', '--pg-url', sizeUrl];
  let seedSeconds: number | null = null;
  if (!(await holdsSeed(store, db, sizeUrl, users))) {
    const started = Date.now();
    const seeded = spawnSync(
      process.execPath,
      [
        CLI,
        'seed',
        '--users',
        String(users),
        '--rooms',
        String(ROOMS),
        '--rooms-per-user',
        String(ROOMS_PER_USER),
        ...args,
      ],
      { stdio: ['ignore', 'inherit', 'inherit'] },
    );
    if (seeded.status !== 0) throw new Error(`seeding ${users} users into ${store} failed`);
    seedSeconds = (Date.now() - started) / 1000;
  }
  // First-start data now, so that serve's own first start cannot write the defaults over the setting below.
  const opened = await openStore(store === 'sqlite' ? { store, db } : { store, db, pgUrl: sizeUrl });
  await bootstrap(opened, { username: 'admin', email: 'admin@example.com', password: ADMIN_PASSWORD });
  // The plain-user and login cases measure lookups, not the limiter: switch it off for this database.
  await opened.settings.save({
    _id: 'API_Enable_Rate_Limiter',
    value: false,
    type: 'boolean',
    packageValue: true,
  });
  await opened.close();
  return { args, seedSeconds };
}
