// A reference beside the ceiling: the least a Fastify route can do (answer a precomputed body), in its own process.
// It shows how much of the gap to the ceiling is the framework's own cost before Roster does anything.
import Fastify from 'fastify';
import { readFileSync } from 'node:fs';

const bodyFile = process.argv[2];
if (!bodyFile) throw new Error('usage: fastify-floor-process <body-file>');
const body = readFileSync(bodyFile);
const app = Fastify({ logger: false });
app.get('/*', (_request, reply) => {
  void reply
    .headers({ 'content-type': 'application/json', 'cache-control': 'no-store', pragma: 'no-cache' })
    .send(body);
});
const url = await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`listening on ${url}\n`);
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
