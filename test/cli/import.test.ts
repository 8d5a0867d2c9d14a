// `roster import` as a child process: malformed input of each kind, --skip-invalid, and a kill mid-import.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { hashLoginToken } from '../../src/core/auth/login-tokens.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { generatedToken, generatedUserId, writeExport } from '../../bench/export-generator.js';
import { CLI_PATH, runCli } from '../helpers/cli-process.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { ALICE, RELAXED_LINES } from '../import/export-fixtures.js';

const ENV = { ROSTER_ADMIN_PASSWORD: 'admin-secret', ROSTER_ADMIN_USERNAME: 'roster-admin' };

const user = (id: string): string =>
  JSON.stringify({
    _id: id,
    username: id,
    emails: [{ address: `${id}@example.com` }],
    createdAt: { $date: '2025-01-01T00:00:00Z' },
  });

/** users.json: valid users on lines 1–3 and 5, `bad` on line 4; a subscription file that comes after it. */
function writeBadExport(dir: string, bad: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'users.json'),
    [user('carol'), user('dave'), user('erin'), bad, user('frank')].join('\n'),
  );
  writeFileSync(
    join(dir, 'rocketchat_subscription.json'),
    JSON.stringify({
      _id: 'sub-carol',
      rid: 'GENERAL',
      t: 'c',
      name: 'general',
      u: { _id: 'carol' },
      unread: 1,
    }),
  );
}

async function storedState(db: string): Promise<{ users: string[]; carolSubscriptions: number }> {
  const store = SqliteStore.open(db);
  try {
    const page = await store.users.list({ offset: 0, count: 100, sort: [['_id', 1]] });
    return {
      users: page.users.map((u) => u.username ?? '').sort(),
      carolSubscriptions: (await store.subscriptions.listOfUser('carol')).length,
    };
  } finally {
    await store.close();
  }
}

const MALFORMED: ReadonlyArray<[kind: string, line: string, message: RegExp]> = [
  ['bad JSON', '{"_id":"gina","username":', /users\.json:4: not valid JSON/],
  [
    'bad Extended JSON',
    '{"_id":"gina","createdAt":{"$date":{"$numberLong":"soon"}}}',
    /users\.json:4: not valid Extended JSON/,
  ],
  [
    'an invalid $oid',
    '{"_id":{"$oid":"not-hex"},"username":"gina"}',
    /users\.json:4: not valid Extended JSON/,
  ],
  ['a document without _id', '{"username":"gina","emails":[]}', /users\.json:4: the document has no _id/],
  [
    'a user of the wrong shape',
    '{"_id":"gina","emails":"gina@example.com"}',
    /users\.json:4: emails must be an array/,
  ],
  [
    'a login token without hash',
    '{"_id":"gina","services":{"resume":{"loginTokens":[{"when":{"$date":"2025-01-01T00:00:00Z"}}]}}}',
    /users\.json:4: services\.resume\.loginTokens\.0 has neither hashedToken nor token/,
  ],
];

describe('roster import', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let fixtureDb: string;
  before(async () => {
    dir = makeTempDir();
    fixtureDb = join(dir.path, 'fixture.db');
    assert.equal((await runCli(['import', RELAXED_LINES, '--db', fixtureDb], ENV)).code, 0);
  });
  after(() => dir.remove());

  for (const [kind, line, message] of MALFORMED) {
    it(`exits 1 naming file:line for ${kind} and writes nothing of that export`, async () => {
      const db = join(dir.path, `${kind.replace(/\W+/g, '-')}.db`);
      copyFileSync(fixtureDb, db);
      const before = await storedState(db);
      const bad = join(dir.path, kind.replace(/\W+/g, '-'));
      writeBadExport(bad, line);

      const result = await runCli(['import', bad, '--db', db], ENV);
      assert.equal(result.code, 1, result.output);
      assert.match(result.output, message);
      assert.match(result.output, /nothing was imported: 1 invalid document/);
      assert.deepEqual(
        await storedState(db),
        before,
        'not carol (before the bad line), not frank, not the subscription',
      );
    });
  }

  it('exits 1 naming file:line for a truncated --jsonArray export', async () => {
    const bad = join(dir.path, 'truncated');
    mkdirSync(bad);
    writeFileSync(
      join(bad, 'users.json'),
      `[${user('carol')},\n${user('dave')},\n{"_id":"erin","username":"er`,
    );
    const db = join(dir.path, 'truncated.db');
    const result = await runCli(['import', bad, '--db', db], ENV);
    assert.equal(result.code, 1);
    assert.match(result.output, /users\.json:3: the file ends inside this document/);
    const other = join(dir.path, 'garbage');
    mkdirSync(other);
    writeFileSync(join(other, 'users.json'), `[${user('carol')}\n;${user('dave')}]`);
    const garbage = await runCli(['import', other, '--db', db], ENV);
    assert.equal(garbage.code, 1);
    assert.match(garbage.output, /users\.json:2: expected ',' or '\]' after a document, found ';'/);
  });

  it('imports the valid documents with --skip-invalid and lists every skipped one by file:line', async () => {
    const bad = join(dir.path, 'skip');
    writeBadExport(bad, '{"username":"no-id"}');
    writeFileSync(
      join(bad, 'users.json'),
      [
        user('carol'),
        '{"_id":"x",',
        user('dave'),
        '{"username":"no-id"}',
        '{"_id":"y","roles":"admin"}',
        user('frank'),
      ].join('\n'),
    );
    const db = join(dir.path, 'skip.db');
    const result = await runCli(['import', bad, '--db', db, '--skip-invalid'], ENV);
    assert.equal(result.code, 0, result.output);
    assert.match(result.output, /users\.json:2: not valid JSON/);
    assert.match(result.output, /users\.json:4: the document has no _id/);
    assert.match(result.output, /users\.json:5: roles must be an array of strings/);
    assert.match(result.output, /^users\s+3\s+0\s+0\s+0\s+3\s+0$/m);
    assert.deepEqual(await storedState(db), {
      users: ['carol', 'dave', 'frank', 'roster-admin'],
      carolSubscriptions: 1,
    });
  });

  it('exits 1 when documents conflict with stored ones by a unique key, 0 with --skip-invalid', async () => {
    const conflicting = join(dir.path, 'conflict');
    mkdirSync(conflicting);
    const withEmail = (id: string): string =>
      JSON.stringify({ _id: id, username: id, emails: [{ address: 'Alice@example.com' }] });
    writeFileSync(join(conflicting, 'users.json'), `${withEmail('impostor')}\n${user('carol')}\n`);
    const db = join(dir.path, 'conflict.db');
    copyFileSync(fixtureDb, db);
    const result = await runCli(['import', conflicting, '--db', db], ENV);
    assert.equal(result.code, 1, result.output);
    assert.match(result.output, /^users\s+1\s+0\s+0\s+1\s+0\s+0$/m);
    assert.match(result.output, /1 document\(s\) share a unique key/);
    assert.equal((await runCli(['import', conflicting, '--db', db, '--skip-invalid'], ENV)).code, 0);
  });

  it('refuses a file whose name is not a Rocket.Chat collection', async () => {
    const path = join(dir.path, 'messages.json');
    writeFileSync(path, '{"_id":"m1"}\n');
    const result = await runCli(['import', path, '--db', join(dir.path, 'names.db')], ENV);
    assert.equal(result.code, 1);
    assert.match(result.output, /messages\.json: not a known export file/);
  });

  it('leaves whole batches after SIGKILL mid-import, and a re-run finishes with every document counted once', async () => {
    const exportDir = join(dir.path, 'big');
    const users = 6000;
    const subscriptions = 12_000;
    await writeExport(exportDir, { users, subscriptions, rooms: 50 });
    const db = join(dir.path, 'killed.db');
    const child = spawn(
      process.execPath,
      [CLI_PATH, 'import', exportDir, '--db', db, '--batch-size', '250'],
      {
        env: { ...process.env, ...ENV },
      },
    );
    let output = '';
    const exited = new Promise((resolve) => child.once('exit', resolve));
    await new Promise<void>((resolve, reject) => {
      child.stderr.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        // Progress lines of the import pass are written after a batch has committed.
        if (/^importing users\.json: \d+%/m.test(output)) resolve();
      });
      void exited.then(() => reject(new Error(`import ended before it could be killed:\n${output}`)));
    });
    child.kill('SIGKILL');
    assert.equal(await exited, null);

    const store = SqliteStore.open(db);
    const page = await store.users.list({ offset: 0, count: 1, sort: [['_id', 1]] });
    const imported = page.total - 1;
    assert.ok(imported > 0 && imported < users, `killed mid-run with ${imported} users written`);
    assert.equal(imported % 250, 0, 'only whole batches were committed');
    const lastSession = await store.tokens.findSession(hashLoginToken(generatedToken(imported)));
    assert.equal(
      lastSession?.user._id,
      generatedUserId(imported),
      "the last committed user's token came with it",
    );
    assert.equal(await store.tokens.findSession(hashLoginToken(generatedToken(imported + 1))), null);
    await store.close();

    const rerun = await runCli(['import', exportDir, '--db', db, '--batch-size', '250'], ENV);
    assert.equal(rerun.code, 0, rerun.output);
    assert.match(
      rerun.output,
      new RegExp(`^users\\s+${users - imported}\\s+0\\s+${imported}\\s+0\\s+0\\s+0$`, 'm'),
    );
    assert.match(rerun.output, new RegExp(`^subscriptions\\s+\\d+\\s+0\\s+\\d+\\s+0\\s+0\\s+0$`, 'm'));
    const done = SqliteStore.open(db);
    assert.equal((await done.users.list({ offset: 0, count: 1, sort: [['_id', 1]] })).total, users + 1);
    assert.equal((await done.subscriptions.listOfUser(generatedUserId(users))).length, 2);
    assert.equal(
      (await done.tokens.findSession(hashLoginToken(generatedToken(users))))?.user._id,
      generatedUserId(users),
    );
    assert.equal(await done.users.findById(ALICE.id), null);
    await done.close();
  });
});
