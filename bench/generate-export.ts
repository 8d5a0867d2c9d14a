// `node dist/bench/generate-export.js --users N --subscriptions M [--rooms R] [--json-array] [--canonical] DIR`
import { parseArgs } from 'node:util';
import { writeExport } from './export-generator.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    users: { type: 'string', default: '100000' },
    subscriptions: { type: 'string', default: '1000000' },
    rooms: { type: 'string', default: '1000' },
    'json-array': { type: 'boolean', default: false },
    canonical: { type: 'boolean', default: false },
  },
});
const dir = positionals[0];
if (dir === undefined) {
  process.stderr.write('usage: generate-export.js [--users N] [--subscriptions M] [--rooms R] DIR\n');
  process.exit(1);
}
const started = Date.now();
await writeExport(dir, {
  users: Number(values.users),
  subscriptions: Number(values.subscriptions),
  rooms: Number(values.rooms),
  jsonArray: values['json-array'],
  canonical: values.canonical,
});
process.stdout.write(`wrote ${dir} in ${((Date.now() - started) / 1000).toFixed(1)}s\n`);
