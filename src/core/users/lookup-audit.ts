// The audit of gated lookups: entries buffered in memory, written in batches off the request path, flushed on close.
import type { Logger } from '../logger.js';
import { KNOWN_SETTINGS } from '../setup/defaults.js';
import type { Settings } from '../settings/settings.js';
import type { LookupAuditEntry, LookupAuditQuery, Store } from '../store.js';

const DAY_MS = 86_400_000;

export interface LookupAuditOptions {
  /** A batch is written at least this often while entries wait (README "Beyond Rocket.Chat"). */
  flushMs?: number;
  /** A batch is written as soon as this many entries wait. */
  batchSize?: number;
  /**
   * At most this many entries are unwritten (waiting or being written) while the store accepts writes: a
   * lookup that would exceed it waits for the write in progress. It is what a crash can lose at most.
   */
  maxPending?: number;
  /** How often entries older than the retention setting are deleted. */
  pruneEveryMs?: number;
}

export const LOOKUP_AUDIT_DEFAULTS = {
  flushMs: 1000,
  batchSize: 200,
  maxPending: 1000,
  pruneEveryMs: 3_600_000,
} as const;

/** `Roster_Lookup_Audit_Retention_Days`: days an entry is kept; 0 or less keeps entries for ever. */
export async function retentionDays(settings: Settings): Promise<number> {
  const value = (await settings.current()).values.get('Roster_Lookup_Audit_Retention_Days');
  return typeof value === 'number' && Number.isFinite(value)
    ? value
    : KNOWN_SETTINGS.Roster_Lookup_Audit_Retention_Days.value;
}

/**
 * Recording costs a lookup one array push; a timer (unref'd) writes what waits every `flushMs`, or right after
 * the current request when `batchSize` entries wait. Writes run one at a time; a failed write keeps its entries for the next one.
 */
export class LookupAudit {
  private waiting: LookupAuditEntry[] = [];
  private writing = 0;
  private inFlight: Promise<void> | undefined;
  private readonly options: Required<LookupAuditOptions>;
  private readonly flushTimer: NodeJS.Timeout;
  private readonly pruneTimer: NodeJS.Timeout;
  private closed = false;
  private flushSoon: NodeJS.Immediate | undefined;
  private lastWriteFailed = false;

  constructor(
    private readonly deps: { store: Store; settings: Settings; clock: () => Date; log: Logger },
    options: LookupAuditOptions = {},
  ) {
    this.options = { ...LOOKUP_AUDIT_DEFAULTS, ...options };
    this.flushTimer = setInterval(() => void this.flush(), this.options.flushMs);
    this.flushTimer.unref();
    this.pruneTimer = setInterval(() => void this.prune(), this.options.pruneEveryMs);
    this.pruneTimer.unref();
  }

  /** roster.lookupAudit: a page of stored entries (flush first to include the waiting ones). */
  list(query: LookupAuditQuery): Promise<{ entries: LookupAuditEntry[]; total: number }> {
    return this.deps.store.lookupAudits.list(query);
  }

  /** Entries recorded and not yet written (the most a crash right now would lose). */
  get pending(): number {
    return this.waiting.length + this.writing;
  }

  /**
   * Records one lookup; resolves at once unless `maxPending` entries are already unwritten. A full batch is
   * written from a setImmediate, after the lookup that filled it has been answered, not during it.
   */
  record(entry: Omit<LookupAuditEntry, 'ts'>): Promise<void> | undefined {
    this.waiting.push({ ts: this.deps.clock().toISOString(), ...entry });
    if (this.waiting.length >= this.options.batchSize && !this.flushSoon && !this.lastWriteFailed) {
      this.flushSoon = setImmediate(() => {
        this.flushSoon = undefined;
        void this.flush();
      });
    }
    // While the store refuses writes the entries only wait (README): the timer retries, not every lookup.
    if (this.pending <= this.options.maxPending || this.lastWriteFailed) return undefined;
    return this.flush();
  }

  /** Writes everything waiting, a batch at a time; resolves when it is written (or the write failed). */
  async flush(): Promise<void> {
    while (this.inFlight) await this.inFlight;
    if (this.waiting.length === 0) return;
    const batch = this.waiting.splice(0, this.options.batchSize);
    this.writing = batch.length;
    this.inFlight = this.deps.store.lookupAudits.append(batch).then(
      () => {
        this.lastWriteFailed = false;
      },
      (error: unknown) => {
        this.lastWriteFailed = true;
        this.waiting.unshift(...batch);
        this.deps.log.warn({ err: error, entries: batch.length }, 'writing the lookup audit failed');
      },
    );
    await this.inFlight;
    this.inFlight = undefined;
    this.writing = 0;
    // After a failure the timer retries (every flushMs), not the next lookup nor this loop: a store refusing
    // writes must not be asked again at once, for ever.
    if (this.waiting.length >= this.options.batchSize && !this.closed && !this.lastWriteFailed) {
      await this.flush();
    }
  }

  /** Deletes entries past the retention setting; returns how many. */
  async prune(): Promise<number> {
    try {
      const days = await retentionDays(this.deps.settings);
      if (!(days > 0)) return 0;
      const cutoff = new Date(this.deps.clock().getTime() - days * DAY_MS).toISOString();
      const count = await this.deps.store.lookupAudits.deleteBefore(cutoff);
      if (count > 0) this.deps.log.info({ count }, 'pruned the lookup audit');
      return count;
    } catch (error) {
      this.deps.log.warn({ err: error }, 'pruning the lookup audit failed');
      return 0;
    }
  }

  /** Stops the timers and writes everything recorded (a graceful shutdown loses nothing). */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.flushTimer);
    clearInterval(this.pruneTimer);
    if (this.flushSoon) clearImmediate(this.flushSoon);
    let attempts = 0;
    while (this.pending > 0 && attempts++ < 3) await this.flush();
  }
}
