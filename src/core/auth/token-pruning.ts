// Deletes login tokens past Accounts_LoginExpiration, so expired sessions do not pile up in the token index.
import type { Logger } from '../logger.js';
import type { Settings } from '../settings/settings.js';
import type { Store } from '../store.js';

const DAY_MS = 86_400_000;

/** Deletes login tokens (never PATs) whose `when` + expiry has passed at `now`; returns how many. */
export async function pruneExpiredLoginTokens(store: Store, settings: Settings, now: Date): Promise<number> {
  const { loginExpirationDays } = await settings.current();
  const cutoff = new Date(now.getTime() - loginExpirationDays * DAY_MS);
  return store.tokens.deleteLoginTokensIssuedBefore(cutoff.toISOString());
}

/**
 * Prunes now and then every `everyMs`; the timer is unref'd so it never keeps a process alive. Expired tokens
 * are refused by Sessions whether pruned or not: pruning only reclaims space. Returns stop.
 */
export function schedulePruning(
  deps: { store: Store; settings: Settings; clock: () => Date; log: Logger },
  everyMs: number,
): () => void {
  const run = (): void => {
    pruneExpiredLoginTokens(deps.store, deps.settings, deps.clock()).then(
      (count) => {
        if (count > 0) deps.log.info({ count }, 'pruned expired login tokens');
      },
      (error: unknown) => deps.log.warn({ err: error }, 'pruning expired login tokens failed'),
    );
  };
  run();
  const timer = setInterval(run, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
