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

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const options = { level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } };
  return destination ? pino(options, destination) : pino(options);
}
