// The docs page in headless Chromium (Debian's chromium, driven by playwright-core) against `roster serve`.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startServer, type ServerProcess } from '../helpers/cli-process.js';
import { ROOM_CALL_ROUTES } from '../helpers/room-call-routes.js';
import { makeTempDir } from '../helpers/temp-dir.js';

/**
 * Debian's package: `npm test` (scripts/ensure-chromium.mjs) installs it before this suite when it is missing; the
 * test fails, never skips, when it is still absent (e.g. the file run on its own without root).
 */
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * Swagger UI renders the ~120 operations in the page's script after `networkidle`; on the shared 2-core machine
 * under load that took 32 s once (Playwright's default wait is 30 s), so each wait here gets two minutes.
 */
const RENDER_TIMEOUT_MS = 120_000;

/** Tags a page has opened: the docs page starts with every tag collapsed (src/http/docs.ts, docExpansion). */
const openedTags = new WeakMap<Page, Set<string>>();
let tagOfPath: Map<string, string> | undefined;

/** Opens the tag holding `path` (once per page), as a reader clicks it, so its operations render. */
async function openTagOf(page: Page, baseUrl: string, path: string): Promise<void> {
  if (!tagOfPath) {
    const doc = (await (await fetch(`${baseUrl}/api/v1/docs/json`)).json()) as {
      paths: Record<string, Record<string, { tags?: string[] }>>;
    };
    tagOfPath = new Map(
      Object.entries(doc.paths).map(([key, item]) => [key, Object.values(item)[0]?.tags?.[0] ?? 'default']),
    );
  }
  const tag = tagOfPath.get(path);
  assert.ok(tag, `${path} is not in the OpenAPI document`);
  const opened = openedTags.get(page) ?? new Set<string>();
  openedTags.set(page, opened);
  if (opened.has(tag)) return;
  await page.locator(`.opblock-tag[data-tag="${tag}"]`).click();
  opened.add(tag);
}

describe('the docs page in headless Chromium', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let server: ServerProcess;
  let browser: Browser;

  before(async () => {
    assert.ok(
      existsSync(CHROMIUM),
      `${CHROMIUM} is missing: run \`node scripts/ensure-chromium.mjs\` as root (apt-get install -y chromium)`,
    );
    dir = makeTempDir();
    server = await startServer(['--db', join(dir.path, 'roster.db')], {
      ROSTER_ADMIN_PASSWORD: 'docs-test-pw',
    });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  });

  after(async () => {
    await browser?.close();
    if (server) {
      server.child.kill('SIGTERM');
      await server.exited;
    }
    dir?.remove();
  });

  it('shows users.info with its five lookup parameters and an example answer, loading nothing from elsewhere', async () => {
    const page = await browser.newPage();
    page.setDefaultTimeout(RENDER_TIMEOUT_MS);
    const requested: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));

    const response = await page.goto(`${server.baseUrl}/api/v1/docs`, { waitUntil: 'networkidle' });
    assert.equal(response?.status(), 200);
    await openTagOf(page, server.baseUrl, '/api/v1/users.info');
    const operation = page.locator('.opblock-get').filter({
      has: page.locator('.opblock-summary-path[data-path="/api/v1/users.info"]'),
    });
    await operation.locator('.opblock-summary').click();

    for (const name of [
      'userId',
      'username',
      'importId',
      'email',
      'freeSwitchExtension',
      'includeUserRooms',
    ]) {
      const row = operation.locator(`tr[data-param-name="${name}"]`);
      await row.waitFor({ state: 'visible' });
      assert.match(await row.innerText(), new RegExp(`${name}[\\s\\S]*string[\\s\\S]*query`));
    }
    assert.match(await operation.locator('tr[data-param-name="username"]').innerText(), /test\.john/);
    const example = operation.locator('.responses-table .response[data-code="200"]');
    await example.waitFor({ state: 'visible' });
    const exampleText = await example.innerText();
    assert.match(exampleText, /"username": "test\.john"/);
    assert.match(exampleText, /"canViewAllInfo": true/);

    assert.deepEqual(errors, []);
    const elsewhere = requested.filter(
      (url) => !url.startsWith(`${server.baseUrl}/`) && !url.startsWith('data:'),
    );
    assert.deepEqual(elsewhere, [], 'every request of the page goes to Roster');
    assert.ok(requested.includes(`${server.baseUrl}/api/v1/docs/json`), requested.join('\n'));
    await page.close();
  });

  it('lists the directory API: role administration, settings, profile, presence, avatars, search, sessions', async () => {
    const page = await browser.newPage();
    page.setDefaultTimeout(RENDER_TIMEOUT_MS);
    await page.goto(`${server.baseUrl}/api/v1/docs`, { waitUntil: 'networkidle' });
    for (const path of [
      '/api/v1/users.updateOwnBasicInfo',
      '/api/v1/users.getPreferences',
      '/api/v1/users.setPreferences',
      '/api/v1/users.checkUsernameAvailability',
      '/api/v1/users.getUsernameSuggestion',
      '/api/v1/users.register',
      '/api/v1/users.deleteOwnAccount',
      '/api/v1/users.setStatus',
      '/api/v1/users.getStatus',
      '/api/v1/users.getPresence',
      '/api/v1/users.presence',
      '/avatar/{username}',
      '/api/v1/users.setAvatar',
      '/api/v1/users.resetAvatar',
      '/api/v1/users.getAvatar',
      '/api/v1/users.autocomplete',
      '/api/v1/directory',
      '/api/v1/spotlight',
      '/api/v1/users.logoutOtherClients',
      '/api/v1/users.logout',
      '/api/v1/users.removeOtherTokens',
      '/api/v1/users.createToken',
      '/api/v1/users.deactivateIdle',
      '/api/v1/roles.getUsersInRole',
      '/api/v1/roles.sync',
      '/api/v1/roles.create',
      '/api/v1/roles.update',
      '/api/v1/roles.delete',
      '/api/v1/settings',
      '/api/v1/settings.public',
      '/api/v1/settings.oauth',
      '/api/v1/service.configurations',
    ]) {
      await openTagOf(page, server.baseUrl, path);
      const summary = page.locator(`.opblock-summary-path[data-path="${path}"]`);
      await summary.first().waitFor({ state: 'visible' });
      assert.equal(await summary.count(), 1, path);
    }
    await page.close();
  });

  it('lists the room and subscription calls: open / close, favorite, addAll, online, adminRooms, …', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.baseUrl}/api/v1/docs`, { waitUntil: 'networkidle' });
    for (const route of ROOM_CALL_ROUTES) {
      const [method = '', path = ''] = route.split(' ');
      await openTagOf(page, server.baseUrl, path);
      const operation = page.locator(`.opblock-${method.toLowerCase()}`).filter({
        has: page.locator(`.opblock-summary-path[data-path="${path}"]`),
      });
      await operation.first().waitFor({ state: 'visible' });
      assert.equal(await operation.count(), 1, route);
    }
    await page.close();
  });

  it('lists the messages API: chat.postMessage / sendMessage / delete, history, subscriptions.unread', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.baseUrl}/api/v1/docs`, { waitUntil: 'networkidle' });
    for (const path of [
      '/api/v1/chat.postMessage',
      '/api/v1/chat.sendMessage',
      '/api/v1/chat.delete',
      '/api/v1/channels.history',
      '/api/v1/groups.history',
      '/api/v1/im.history',
      '/api/v1/im.messages',
      '/api/v1/subscriptions.unread',
    ]) {
      await openTagOf(page, server.baseUrl, path);
      const summary = page.locator(`.opblock-summary-path[data-path="${path}"]`);
      await summary.first().waitFor({ state: 'visible' });
      assert.equal(await summary.count(), 1, path);
    }
    await page.close();
  });
});
