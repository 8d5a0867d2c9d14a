// A pino logger writing JSON lines into memory, for tests that read what was logged.
import { Writable } from 'node:stream';
import { pino, type Logger } from 'pino';
import { createLogger } from '../../src/cli/logger.js';

export function memoryLogger(level = 'debug'): { log: Logger; lines: () => string[] } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk.toString());
      callback();
    },
  });
  const log = createLogger(level, stream as unknown as pino.DestinationStream);
  return { log, lines: () => chunks.join('').split('\n').filter(Boolean) };
}
