// Provides the browser test's Chromium the way the machine provides PostgreSQL and Redis: Debian's package,
// installed here when it is missing and we can (root and apt-get); otherwise a failure naming the exact command.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/** Where Debian's `chromium` package puts the browser; test/browser launches exactly this file. */
export const CHROMIUM_PATH = '/usr/bin/chromium';
export const INSTALL_COMMAND = 'apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium';

function hasAptGet() {
  return spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
}

/** Returns null when Chromium is there (now or after installing it), else the reason it is not. */
export function ensureChromium() {
  if (existsSync(CHROMIUM_PATH)) return null;
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!root || !hasAptGet()) {
    return `${CHROMIUM_PATH} is missing and cannot be installed from here (needs root and apt-get); run as root: ${INSTALL_COMMAND}`;
  }
  console.error(`${CHROMIUM_PATH} is missing; installing Debian's chromium: ${INSTALL_COMMAND}`);
  const result = spawnSync('sh', ['-c', INSTALL_COMMAND], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0 || !existsSync(CHROMIUM_PATH)) {
    return `installing chromium failed (exit ${result.status}); run as root: ${INSTALL_COMMAND}`;
  }
  return null;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const problem = ensureChromium();
  if (problem) {
    console.error(problem);
    process.exit(1);
  }
  console.error(`chromium: ${CHROMIUM_PATH}`);
}
