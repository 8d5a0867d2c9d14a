// `node dist/bench/post-message-bench.js`: chat.postMessage `@all` into a room of N members (default 10,000) over
// HTTP on 127.0.0.1, each post raising every other member's unread and groupMentions in one transaction; bounded.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import pg from 'pg';
import { issueLoginToken } from '../src/core/auth/login-tokens.js';
import { closeContext, createContext } from '../src/core/context.js';
import type { SubscriptionDoc, UserDoc } from '../src/core/documents.js';
import type { Logger } from '../src/core/logger.js';
import { newSubscriptionDocument, newRoomDocument } from '../src/core/rooms/room-documents.js';
import { bootstrap } from '../src/core/setup/bootstrap.js';
import type { Store } from '../src/core/store.js';
import { newUserDocument } from '../src/core/users/user-document.js';
import { buildApp } from '../src/http/app.js';
import { openStore } from '../src/store/open-store.js';

const options = new Command('post-message-bench')
  .option('--members <n>', 'members of the room', '10000')
  .option('--posts <n>', 'messages posted, one after the other (the bound)', '30')
  .option('--stores <list>', 'sqlite,postgres', 'sqlite,postgres')
  .option(
    '--pg-url <url>',
    'PostgreSQL server (a scratch schema is made and dropped)',
    'postgres://postgres@127.0.0.1:5432/test',
  )
  .parse()
  .opts<{ members: string; posts: string; stores: string; pgUrl: string }>();

const members = Number(options.members);
const posts = Math.min(Number(options.posts), 500);
const silent: Logger = { debug() {}, info() {}, warn() {}, error() {} };

async function scratchPostgres(): Promise<{ url: string; drop: () => Promise<void> }> {
  const schema = `roster_bench_post_${randomBytes(4).toString('hex')}`;
  const run = async (sql: string) => {
    const client = new pg.Client({ connectionString: options.pgUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await run(`CREATE SCHEMA ${schema}`);
  const url = new URL(options.pgUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return { url: url.toString(), drop: () => run(`DROP SCHEMA ${schema} CASCADE`) };
}

/** The admin (bootstrap), N users and one channel holding all of them, written by bulkWrite in batches. */
async function seed(store: Store): Promise<{ rid: string; admin: UserDoc }> {
  await bootstrap(store, { username: 'admin', email: 'admin@example.com', password: 'bench-admin-password' });
  const admin = await store.users.findByUsername('admin');
  if (!admin) throw new Error('no admin after bootstrap');
  const now = new Date();
  const room = newRoomDocument(
    { t: 'c', name: 'everyone', fname: 'everyone', owner: admin, readOnly: false, usersCount: members + 1 },
    now.toISOString(),
  );
  const owner = newSubscriptionDocument(room, admin, now.toISOString(), { owner: true });
  await store.rooms.insert(room, [owner]);
  for (let start = 0; start < members; start += 5000) {
    const users: UserDoc[] = [];
    const subscriptions: SubscriptionDoc[] = [];
    for (let i = start; i < Math.min(start + 5000, members); i++) {
      const user = newUserDocument(
        { username: `member${i}`, email: `member${i}@example.com`, name: `Member ${i}`, roles: ['user'] },
        now,
      );
      users.push(user);
      subscriptions.push(newSubscriptionDocument(room, user, now.toISOString()));
    }
    await store.bulkWrite({ users, subscriptions }, 'ignore');
  }
  return { rid: room._id, admin };
}

async function measure(kind: 'sqlite' | 'postgres'): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'roster-post-bench-'));
  const pgSchema = kind === 'postgres' ? await scratchPostgres() : null;
  const store = await openStore({ store: kind, db: join(dir, 'roster.db'), pgUrl: pgSchema?.url });
  try {
    const { rid, admin } = await seed(store);
    const context = createContext({ store, log: silent, version: 'bench' });
    const app = await buildApp({ context, logger: false });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const { rawToken: token, stored } = issueLoginToken(admin._id, new Date());
    await store.tokens.insert(stored);
    const headers = { 'content-type': 'application/json', 'x-user-id': admin._id, 'x-auth-token': token };
    const times: number[] = [];
    for (let i = 0; i < posts; i++) {
      const started = performance.now();
      const response = await fetch(`http://127.0.0.1:${port}/api/v1/chat.postMessage`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ roomId: rid, text: `@all announcement ${i}` }),
      });
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`chat.postMessage answered ${response.status}`);
      times.push(performance.now() - started);
    }
    const sample = await store.subscriptions.find(
      rid,
      (await store.users.findByUsername('member0'))?._id ?? '',
    );
    if (sample?.unread !== posts)
      throw new Error(`member0 has unread ${String(sample?.unread)}, not ${posts}`);
    await app.close();
    await closeContext(context);
    times.sort((a, b) => a - b);
    const at = (q: number) =>
      (times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0).toFixed(1);
    return `| ${kind} | ${members.toLocaleString('en')} | ${posts} | ${at(0.5)} ms | ${at(0.95)} ms | ${(times[times.length - 1] ?? 0).toFixed(1)} ms |`;
  } finally {
    await store.close();
    await pgSchema?.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

const lines = ['| store | members | posts | median | p95 | max |', '| --- | --- | --- | --- | --- | --- |'];
for (const kind of options.stores.split(',') as Array<'sqlite' | 'postgres'>) lines.push(await measure(kind));
console.log(lines.join('\n'));
