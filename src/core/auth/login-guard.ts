// Brute-force protection for password logins: failed attempts are counted per account and per client IP.
import { createHash } from 'node:crypto';
import type { RateLimitCounter } from '../rate-limit/rate-limit-counter.js';

/**
 * Rocket.Chat's defaults (Accounts_Subsection_Brute_Force_Protection): 10 failures block an account for
 * 5 minutes (`Block_Multiple_Failed_Logins_Attempts_Until_Block_by_User` / `_Time_To_Unblock_By_User_In_Minutes`),
 * 50 failures block a client IP for 5 minutes (`..._By_Ip`). The windows are fixed and open at the first
 * failure: attempts made while blocked are not counted, so a block never outlives its window, and an attacker
 * who stops guessing leaves the real user locked out for at most 5 minutes. An account is keyed by user id when
 * the user exists, so guessing cannot double its tries by alternating username and email; an unknown name is
 * keyed by itself, so blocks behave the same whether or not the user exists.
 */
export const LOGIN_GUARD_LIMITS = {
  account: { failures: 10, windowMs: 5 * 60_000 },
  ip: { failures: 50, windowMs: 5 * 60_000 },
} as const;

export class LoginGuard {
  constructor(
    private readonly counter: RateLimitCounter,
    private readonly clock: () => Date,
  ) {}

  /** True while either the account or the IP has used up its failures in an open window. */
  async isBlocked(account: string | null, ip: string): Promise<boolean> {
    const now = this.clock().getTime();
    const byIp = await this.counter.peek(ipKey(ip), now);
    if (byIp && byIp.count >= LOGIN_GUARD_LIMITS.ip.failures) return true;
    if (account === null) return false;
    const byAccount = await this.counter.peek(accountKey(account), now);
    return byAccount !== null && byAccount.count >= LOGIN_GUARD_LIMITS.account.failures;
  }

  async recordFailure(account: string | null, ip: string): Promise<void> {
    const now = this.clock().getTime();
    await this.counter.hit(ipKey(ip), LOGIN_GUARD_LIMITS.ip.windowMs, now);
    if (account !== null) {
      await this.counter.hit(accountKey(account), LOGIN_GUARD_LIMITS.account.windowMs, now);
    }
  }

  /**
   * Rocket.Chat counts failures since the last successful login. Only the account's count is cleared: clearing
   * the IP's would let a guesser with one valid account reset it between guesses.
   */
  async recordSuccess(account: string): Promise<void> {
    await this.counter.reset(accountKey(account));
  }
}

/** A fixed-size key whatever the identifier's length: a 1 MB username costs 43 bytes in memory (security F9). */
function digest(value: string): string {
  return createHash('sha256').update(value).digest('base64url');
}

function ipKey(ip: string): string {
  return `login-ip|${digest(ip)}`;
}

function accountKey(account: string): string {
  return `login-account|${digest(account)}`;
}
