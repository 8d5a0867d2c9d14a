// Personal access tokens (compat.md §2): named, never-expiring tokens a user creates for bots and scripts.
import { ConflictError, forbidden } from '../../errors.js';
import {
  personalAccessTokenExists,
  personalAccessTokenMissing,
  tooManyPersonalAccessTokens,
} from './auth-errors.js';
import type { StoredToken, UserDoc } from '../documents.js';
import { randomSecret } from '../ids.js';
import { hashLoginToken } from './login-tokens.js';
import type { Permissions } from '../access/permissions.js';
import type { Store } from '../store.js';

export const PAT_PERMISSION = 'create-personal-access-tokens';

/** One entry of `users.getPersonalAccessTokens`: never the hash, only the last 6 characters of the token. */
export interface PersonalAccessTokenView {
  name: string;
  lastTokenPart: string;
  bypassTwoFactor: boolean;
  createdAt: string;
}

const tokenExists = personalAccessTokenExists;
const tokenMissing = personalAccessTokenMissing;

/** Roster's bounds (README "Limits"; Rocket.Chat has neither): a token name's length, tokens per user. */
export const MAX_TOKEN_NAME_LENGTH = 100;
export const MAX_TOKENS_PER_USER = 50;

export class PersonalAccessTokens {
  constructor(
    private readonly store: Store,
    private readonly permissions: Permissions,
    private readonly clock: () => Date,
  ) {}

  async list(user: UserDoc): Promise<PersonalAccessTokenView[]> {
    await this.authorize(user);
    return (await this.store.tokens.listOfUser(user._id, 'personalAccessToken')).map((token) => ({
      name: token.name ?? '',
      lastTokenPart: token.lastTokenPart ?? '',
      bypassTwoFactor: Boolean(token.bypassTwoFactor),
      createdAt: token.createdAt ?? token.when,
    }));
  }

  /** Returns the raw token, shown once. */
  async generate(user: UserDoc, name: string, bypassTwoFactor: boolean): Promise<string> {
    await this.authorize(user);
    const tokens = await this.store.tokens.listOfUser(user._id, 'personalAccessToken');
    if (tokens.some((token) => token.name === name)) throw tokenExists();
    if (tokens.length >= MAX_TOKENS_PER_USER) throw tooManyPersonalAccessTokens(MAX_TOKENS_PER_USER);
    return this.insert(user._id, name, bypassTwoFactor);
  }

  /** Rocket.Chat's regenerate: remove, then generate under the same name, keeping `bypassTwoFactor`. */
  async regenerate(user: UserDoc, name: string): Promise<string> {
    await this.authorize(user);
    const existing = await this.find(user._id, name);
    if (!existing) throw tokenMissing();
    await this.store.tokens.deletePersonalAccessToken(user._id, name);
    return this.insert(user._id, name, existing.bypassTwoFactor ?? false);
  }

  async remove(user: UserDoc, name: string): Promise<void> {
    await this.authorize(user);
    if (!(await this.store.tokens.deletePersonalAccessToken(user._id, name))) throw tokenMissing();
  }

  /**
   * Rocket.Chat checks `create-personal-access-tokens` in each method ('not-authorized', 400) and in the
   * listing's route (403); Roster answers every missing permission with compat.md §1's 403.
   */
  private async authorize(user: UserDoc): Promise<void> {
    if (!(await this.permissions.has(user.roles, PAT_PERMISSION))) throw forbidden();
  }

  private async find(userId: string, name: string): Promise<StoredToken | undefined> {
    const tokens = await this.store.tokens.listOfUser(userId, 'personalAccessToken');
    return tokens.find((token) => token.name === name);
  }

  private async insert(userId: string, name: string, bypassTwoFactor: boolean): Promise<string> {
    const rawToken = randomSecret();
    const now = this.clock().toISOString();
    // A concurrent generate of the same name loses on the (user_id, name) unique index.
    await this.store.tokens
      .insert({
        hashedToken: hashLoginToken(rawToken),
        userId,
        // `when` only orders the index; PATs never expire (login-tokens.ts) and are never pruned.
        when: now,
        type: 'personalAccessToken',
        name,
        lastTokenPart: rawToken.slice(-6),
        bypassTwoFactor,
        createdAt: now,
      })
      .catch((error: unknown) => {
        throw error instanceof ConflictError && error.field === 'tokenName' ? tokenExists() : error;
      });
    return rawToken;
  }
}
