// A whole Roster (real store, real Fastify app, bootstrapped admin) for HTTP tests over inject().
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { bootstrap } from '../../src/core/setup/bootstrap.js';
import { closeContext, createContext, type Context } from '../../src/core/context.js';
import type { Json, UserDoc } from '../../src/core/documents.js';
import type { Logger } from '../../src/core/logger.js';
import { issueLoginToken } from '../../src/core/auth/login-tokens.js';
import { newUserDocument } from '../../src/core/users/user-document.js';
import { hashPassword } from '../../src/core/auth/passwords.js';
import type { RateLimitCounter } from '../../src/core/rate-limit/rate-limit-counter.js';
import type { Store } from '../../src/core/store.js';
import type { LookupAuditOptions } from '../../src/core/users/lookup-audit.js';
import { buildApp } from '../../src/http/app.js';
import type { StoreFactory, TestStore } from './test-stores.js';

export const ADMIN_PASSWORD = 'admin-test-password';

export const silentLog: Logger = { debug() {}, info() {}, warn() {}, error() {} };

export interface Credentials {
  userId: string;
  token: string;
  headers: Record<string, string>;
}

export interface TestUserOptions {
  username: string;
  roles?: string[];
  email?: string;
  password?: string;
  extra?: Record<string, Json>;
}

export interface TestApp {
  app: FastifyInstance;
  context: Context;
  store: Store;
  testStore: TestStore;
  admin: Credentials & { username: string };
  /** Inserts a user straight into the store; with a login token unless `token: false`. */
  createUser(options: TestUserOptions): Promise<Credentials & { user: UserDoc }>;
  /** A new login token for an existing user, written straight into the store. */
  issueToken(userId: string, when?: Date): Promise<Credentials>;
  /** POST /api/v1/login `{user, password}`; throws unless it answers 200. */
  login(user: string, password: string): Promise<Credentials>;
  inject(options: InjectOptions): Promise<LightMyRequestResponse>;
  /** GET with the credentials' headers. */
  get(url: string, as?: Credentials): Promise<LightMyRequestResponse>;
  /** POST a JSON body with the credentials' headers. */
  post(url: string, body: unknown, as?: Credentials): Promise<LightMyRequestResponse>;
  dispose(): Promise<void>;
}

export interface TestAppOptions {
  logger?: Parameters<typeof buildApp>[0]['logger'];
  /** The context's logger (default: silent). */
  log?: Logger;
  clock?: () => Date;
  /** The context's rate-limit counter (default: in memory). */
  rateLimits?: RateLimitCounter;
  /** CREATE_TOKENS_FOR_USERS_SECRET (default: unset). */
  createTokensSecret?: string;
  /** Wraps the store the app uses (e.g. timedStore to count calls); `t.store` stays the bare store. */
  wrapStore?: (store: Store) => Store;
  /** The lookup audit's batching (core/users/lookup-audit.ts). */
  lookupAudit?: LookupAuditOptions;
}

export async function startTestApp(factory: StoreFactory, options: TestAppOptions = {}): Promise<TestApp> {
  const testStore = await factory();
  const { store } = testStore;
  const initial = await bootstrap(store, {
    username: 'admin',
    email: 'admin@example.com',
    password: ADMIN_PASSWORD,
  });
  if (!initial.created) throw new Error('test store was not empty');
  const context = createContext({
    store: options.wrapStore ? options.wrapStore(store) : store,
    log: options.log ?? silentLog,
    version: '0.0.0-test',
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.rateLimits ? { rateLimits: options.rateLimits } : {}),
    ...(options.createTokensSecret ? { createTokensSecret: options.createTokensSecret } : {}),
    ...(options.lookupAudit ? { lookupAudit: options.lookupAudit } : {}),
  });
  const app = await buildApp({ context, logger: options.logger ?? false });

  const issueToken = async (userId: string, when = new Date()): Promise<Credentials> => {
    const { rawToken, stored } = issueLoginToken(userId, when);
    await store.tokens.insert(stored);
    return { userId, token: rawToken, headers: { 'x-user-id': userId, 'x-auth-token': rawToken } };
  };
  const admin = { ...(await issueToken(initial.userId)), username: 'admin' };

  const inject = (request: InjectOptions) => app.inject(request);
  return {
    app,
    context,
    store,
    testStore,
    admin,
    issueToken,
    async createUser({ username, roles = ['user'], email, password, extra }) {
      const user = newUserDocument(
        {
          username,
          email: email ?? `${username}@example.com`,
          name: `Name of ${username}`,
          roles,
          verified: true,
          ...(password !== undefined ? { passwordHash: await hashPassword(password) } : {}),
          ...(extra ? { extra } : {}),
        },
        new Date(),
      );
      await store.users.insert(user);
      return { ...(await issueToken(user._id)), user };
    },
    async login(user, password) {
      const response = await inject({ method: 'POST', url: '/api/v1/login', payload: { user, password } });
      if (response.statusCode !== 200)
        throw new Error(`login failed: ${response.statusCode} ${response.body}`);
      const { userId, authToken } = (response.json() as { data: { userId: string; authToken: string } }).data;
      return { userId, token: authToken, headers: { 'x-user-id': userId, 'x-auth-token': authToken } };
    },
    inject,
    get: (url, as = admin) => inject({ method: 'GET', url, headers: as.headers }),
    post: (url, body, as = admin) =>
      inject({ method: 'POST', url, headers: as.headers, payload: body as InjectOptions['payload'] }),
    async dispose() {
      await app.close();
      await closeContext(context);
      await testStore.dispose();
    },
  };
}
