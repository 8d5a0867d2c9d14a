// Brute-force protection for password logins, along Rocket.Chat's Block_Multiple_Failed_Logins_* settings.
import { createHash } from 'node:crypto';
import type { RateLimitCounter } from '../rate-limit/rate-limit-counter.js';
import { knownValue } from '../settings/known-value.js';
import type { Settings } from '../settings/settings.js';

/** Why a login is refused before its password is checked (Rocket.Chat's validateLoginAttempt order: IP first). */
export type LoginBlock = 'ip' | 'user';

/** The effective Block_Multiple_Failed_Logins_* settings (Rocket.Chat's defaults: on, 10 per user, 50 per IP, 5 min). */
export interface LoginGuardLimits {
  byUser: { failures: number; windowMs: number } | null;
  byIp: { failures: number; windowMs: number } | null;
  whitelist: ReadonlySet<string>;
}

/** How long an account's unblock generation lives: longer than any block window it has to outlast. */
const GENERATION_MIN_MS = 24 * 60 * 60_000;

/**
 * Rocket.Chat's isValidLoginAttemptByIp / isValidAttemptByUser (app/authentication/server/lib/
 * restrictLoginAttempts.ts), read from the settings: a check is off unless `_Enabled` and its `_By_User`/`_By_Ip`
 * are on; a whitelisted IP (`_Ip_Whitelist`, comma-separated) is exempt from the IP block only; a threshold of 0 never blocks.
 * Deliberate differences (README): the user count is kept per (account, client IP), so a guesser elsewhere
 * cannot lock the owner out (security F4); windows are fixed and open at the first failure, so attempts made
 * while blocked do not extend a block; an unknown name is counted like a user, so blocks reveal nobody.
 */
export async function loginGuardLimits(settings: Settings): Promise<LoginGuardLimits> {
  const current = await settings.current();
  const on = knownValue(current, 'Block_Multiple_Failed_Logins_Enabled');
  const limit = (failures: number, minutes: number) =>
    failures > 0 && minutes > 0 ? { failures, windowMs: Math.round(minutes * 60_000) } : null;
  const whitelist = knownValue(current, 'Block_Multiple_Failed_Logins_Ip_Whitelist')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  return {
    byUser:
      on && knownValue(current, 'Block_Multiple_Failed_Logins_By_User')
        ? limit(
            knownValue(current, 'Block_Multiple_Failed_Logins_Attempts_Until_Block_by_User'),
            knownValue(current, 'Block_Multiple_Failed_Logins_Time_To_Unblock_By_User_In_Minutes'),
          )
        : null,
    byIp:
      on && knownValue(current, 'Block_Multiple_Failed_Logins_By_Ip')
        ? limit(
            knownValue(current, 'Block_Multiple_Failed_Logins_Attempts_Until_Block_By_Ip'),
            knownValue(current, 'Block_Multiple_Failed_Logins_Time_To_Unblock_By_Ip_In_Minutes'),
          )
        : null,
    whitelist: new Set(whitelist),
  };
}

/** The guard's account for an existing user: keyed by id, so username and email logins count together. */
export function userAccount(userId: string): string {
  return `id:${userId}`;
}

export class LoginGuard {
  constructor(
    private readonly counter: RateLimitCounter,
    private readonly limits: () => Promise<LoginGuardLimits>,
    private readonly clock: () => Date,
  ) {}

  /** The guard as logins use it: its limits read from the live settings. */
  static fromSettings(counter: RateLimitCounter, settings: Settings, clock: () => Date): LoginGuard {
    return new LoginGuard(counter, () => loginGuardLimits(settings), clock);
  }

  /** The block in force for this account from this IP, or null. */
  async blocked(account: string | null, ip: string): Promise<LoginBlock | null> {
    const limits = await this.limits();
    const now = this.clock().getTime();
    if (limits.byIp && !limits.whitelist.has(ip)) {
      const byIp = await this.counter.peek(ipKey(ip), now);
      if (byIp && byIp.count >= limits.byIp.failures) return 'ip';
    }
    if (account === null || !limits.byUser) return null;
    const byAccount = await this.counter.peek(await this.accountKey(account, ip, now), now);
    return byAccount !== null && byAccount.count >= limits.byUser.failures ? 'user' : null;
  }

  async recordFailure(account: string | null, ip: string): Promise<void> {
    const limits = await this.limits();
    const now = this.clock().getTime();
    if (limits.byIp && !limits.whitelist.has(ip))
      await this.counter.hit(ipKey(ip), limits.byIp.windowMs, now);
    if (account !== null && limits.byUser) {
      await this.counter.hit(await this.accountKey(account, ip, now), limits.byUser.windowMs, now);
    }
  }

  /**
   * Rocket.Chat counts failures since the last successful login. Only this (account, IP) count is cleared:
   * clearing the IP's would let a guesser with one valid account reset it between guesses.
   */
  async recordSuccess(account: string, ip: string): Promise<void> {
    const now = this.clock().getTime();
    await this.counter.reset(await this.accountKey(account, ip, now));
  }

  /**
   * An admin's unblock (a password set through users.update): forgets the account's counts from every IP at
   * once, by moving the account to a new generation that every per-IP key includes.
   */
  async clearAccount(account: string): Promise<void> {
    const limits = await this.limits();
    const windowMs = Math.max(GENERATION_MIN_MS, 2 * (limits.byUser?.windowMs ?? 0));
    await this.counter.hit(generationKey(account), windowMs, this.clock().getTime());
  }

  /** The generation is its count and window end: unique even after a generation window lapses and reopens. */
  private async accountKey(account: string, ip: string, now: number): Promise<string> {
    const generation = await this.counter.peek(generationKey(account), now);
    const tag = generation ? `${generation.count}.${generation.resetAt}` : '0';
    return `login-account|${digest(`${account}\u0000${ip}\u0000${tag}`)}`;
  }
}

/** A fixed-size key whatever the identifier's length: a 1 MB username costs 43 bytes in memory (security F9). */
function digest(value: string): string {
  return createHash('sha256').update(value).digest('base64url');
}

function ipKey(ip: string): string {
  return `login-ip|${digest(ip)}`;
}

function generationKey(account: string): string {
  return `login-generation|${digest(account)}`;
}
