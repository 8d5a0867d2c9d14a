// Tells watchers about commits: this process's at once, other processes' within one poll of PRAGMA data_version.
import type { Database } from 'better-sqlite3';
import type { ChangeTopic } from '../../core/store.js';

type Listener = (topic: ChangeTopic) => void;

export class ChangeFeed {
  private readonly listeners = new Set<Listener>();
  private timer: NodeJS.Timeout | undefined;
  private lastVersion = 0;

  constructor(
    private readonly db: Database,
    private readonly pollMs: number,
  ) {}

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    this.startPolling();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.stop();
    };
  }

  publish(topic: ChangeTopic): void {
    for (const listener of this.listeners) listener(topic);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** data_version changes only when another connection commits, so a change here is always foreign. */
  private startPolling(): void {
    if (this.timer) return;
    this.lastVersion = this.readVersion();
    this.timer = setInterval(() => {
      if (!this.db.open) return this.stop();
      const version = this.readVersion();
      if (version !== this.lastVersion) {
        this.lastVersion = version;
        this.publish('all');
      }
    }, this.pollMs);
    this.timer.unref();
  }

  private readVersion(): number {
    return this.db.pragma('data_version', { simple: true }) as number;
  }
}
