// Roster's version, read from package.json once.
import { readFileSync } from 'node:fs';

const packageJson = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

export const ROSTER_VERSION: string = packageJson.version;
