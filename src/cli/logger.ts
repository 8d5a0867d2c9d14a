// The process logger: pino JSON lines, with every place a secret could sit redacted.
import { pino, type Logger } from 'pino';

export const REDACTED_PATHS = [
  'req.headers["x-auth-token"]',
  'req.headers.authorization',
  'req.headers.cookie',
  'headers["x-auth-token"]',
  '*.password',
  '*.authToken',
  '*.token',
  '*.hashedToken',
  '*.bcrypt',
];

/** Bytes buffered before a write to stdout; a quiet process's lines wait at most FLUSH_EVERY_MS. */
const BUFFER_BYTES = 4096;
const FLUSH_EVERY_MS = 100;

/**
 * Without a destination, lines go to stdout through a buffered asynchronous destination: one write per few KB
 * instead of one blocking write per request line (the largest per-request cost after the store; issue 20).
 * pino flushes it synchronously on `exit`, which every way out of Roster passes: the SIGTERM/SIGINT shutdown
 * and fatal errors end with process.exit, and an uncaught exception also emits `exit`.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const options = { level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } };
  if (destination) return pino(options, destination);
  const buffered = pino.destination({ dest: 1, sync: false, minLength: BUFFER_BYTES });
  setInterval(() => buffered.flush(), FLUSH_EVERY_MS).unref();
  return pino(options, buffered);
}
