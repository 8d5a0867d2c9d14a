// Runs the ceiling server in its own process, like Roster, so both compete with the load generator equally.
import { readFileSync } from 'node:fs';
import { startCeiling } from './ceiling-server.js';

const bodyFile = process.argv[2];
if (!bodyFile) throw new Error('usage: ceiling-process <body-file>');
const server = await startCeiling(readFileSync(bodyFile));
process.stdout.write(`listening on ${server.url}\n`);
process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
