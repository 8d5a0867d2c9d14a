// Configuration: command-line flags > ROSTER_* environment > defaults, plus OVERWRITE_SETTING_*; validated once.
import { z } from 'zod';
import { parseSettingOverrides, type SettingOverrides } from './core/settings/setting-overrides.js';
import { parseTrustProxy } from './trust-proxy.js';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const port = z.coerce
  .number({ message: 'must be a number' })
  .int('must be a whole number')
  .min(0, 'must be between 0 and 65535')
  .max(65535, 'must be between 0 and 65535');

const ConfigSchema = z.object({
  store: z.enum(['sqlite', 'postgres']),
  db: z.string().min(1, 'must not be empty'),
  pgUrl: z.string().optional(),
  port,
  host: z.string().min(1, 'must not be empty'),
  logLevel: z.enum(LOG_LEVELS),
  adminUsername: z.string().regex(/^[0-9a-zA-Z-_.]+$/, 'must match [0-9a-zA-Z-_.]+'),
  adminPassword: z.string().min(1, 'must not be empty').optional(),
  adminEmail: z.email('must be an email address'),
  opsAccess: z.enum(['loopback', 'authenticated', 'public']),
  workers: z.coerce.number({ message: 'must be a number' }).int('must be a whole number').min(1).max(64),
  userCache: z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(0, 'must be between 0 and 100000 (MB)')
    .max(100_000, 'must be between 0 and 100000 (MB)'),
  maxConnections: z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be between 1 and 1000000')
    .max(1_000_000, 'must be between 1 and 1000000'),
  redisUrl: z.string().refine(isRedisUrl, 'must be a redis:// or rediss:// URL').optional(),
  redisPrefix: z.string().min(1, 'must not be empty'),
  // Empty counts as unset: Rocket.Chat's createToken then matches no secret (its schema refuses an empty one).
  createTokensSecret: z
    .string()
    .optional()
    .transform((value) => (value === '' ? undefined : value)),
  trustProxy: z.string().transform((value, context) => {
    const parsed = parseTrustProxy(value);
    if (parsed !== null) return parsed;
    context.addIssue({
      code: 'custom',
      message: 'must be false, true, a number of proxies, or proxy addresses/CIDR ranges separated by commas',
    });
    return z.NEVER;
  }),
});

export type Config = Readonly<
  z.infer<typeof ConfigSchema> & {
    /** `OVERWRITE_SETTING_<id>=<value>` variables (Rocket.Chat's), parsed; `roster serve` stores them at start. */
    settingOverrides?: SettingOverrides;
  }
>;

/** Each setting: its flag (camelCase, as commander names it), its environment variable and its default. */
const SOURCES: Record<keyof z.infer<typeof ConfigSchema>, { env: string; fallback?: string }> = {
  store: { env: 'ROSTER_STORE', fallback: 'sqlite' },
  db: { env: 'ROSTER_DB', fallback: './data/roster.db' },
  pgUrl: { env: 'ROSTER_PG_URL' },
  port: { env: 'ROSTER_PORT', fallback: '3000' },
  host: { env: 'ROSTER_HOST', fallback: '127.0.0.1' },
  logLevel: { env: 'ROSTER_LOG_LEVEL', fallback: 'info' },
  adminUsername: { env: 'ROSTER_ADMIN_USERNAME', fallback: 'admin' },
  adminPassword: { env: 'ROSTER_ADMIN_PASSWORD' },
  adminEmail: { env: 'ROSTER_ADMIN_EMAIL', fallback: 'admin@roster.local' },
  opsAccess: { env: 'ROSTER_OPS_ACCESS', fallback: 'loopback' },
  workers: { env: 'ROSTER_WORKERS', fallback: '1' },
  // core/users/user-cache.ts DEFAULT_USER_CACHE_MB, as text like every other default.
  userCache: { env: 'ROSTER_USER_CACHE', fallback: '100' },
  // Node's server.maxConnections: sockets past it are closed at once (security F25); below the usual fd limit.
  maxConnections: { env: 'ROSTER_MAX_CONNECTIONS', fallback: '10000' },
  redisUrl: { env: 'ROSTER_REDIS_URL' },
  redisPrefix: { env: 'ROSTER_REDIS_PREFIX', fallback: 'roster:' },
  trustProxy: { env: 'ROSTER_TRUST_PROXY', fallback: 'false' },
  // Rocket.Chat's own variable name, so a deployment's environment carries over; no flag (argv is visible to ps).
  createTokensSecret: { env: 'CREATE_TOKENS_FOR_USERS_SECRET' },
};

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Merges the sources, validates, and freezes. A bad value throws ConfigError naming the flag and variable. */
export function loadConfig(
  flags: Readonly<Record<string, unknown>>,
  env: Readonly<Record<string, string | undefined>>,
): Config {
  const merged: Record<string, unknown> = {};
  for (const [key, source] of Object.entries(SOURCES)) {
    const value = flags[key] ?? env[source.env] ?? source.fallback;
    if (value !== undefined) merged[key] = value;
  }
  const parsed = ConfigSchema.safeParse(merged);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const key = String(issue.path[0]) as keyof typeof SOURCES;
      return `--${kebab(key)} / ${SOURCES[key]?.env ?? key}: ${issue.message}`;
    });
    throw new ConfigError(`invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  if (parsed.data.store === 'postgres' && !parsed.data.pgUrl) {
    throw new ConfigError(
      'invalid configuration:\n  --pg-url / ROSTER_PG_URL: required with --store postgres',
    );
  }
  let settingOverrides: SettingOverrides;
  try {
    settingOverrides = parseSettingOverrides(env);
  } catch (error) {
    throw new ConfigError(
      `invalid configuration:\n  ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return Object.freeze({ ...parsed.data, settingOverrides });
}

function isRedisUrl(value: string): boolean {
  return URL.canParse(value) && ['redis:', 'rediss:'].includes(new URL(value).protocol);
}

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}
