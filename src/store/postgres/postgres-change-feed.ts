// Tells watchers about commits: this instance's at once, other instances' through LISTEN/NOTIFY.
import pg from 'pg';
import type { ChangeTopic } from '../../core/store.js';

type Listener = (topic: ChangeTopic) => void;

/** The one channel every Roster instance notifies on; the payload names the schema, so schemas stay apart. */
export const CHANGE_CHANNEL = 'roster_changes';

/** What a write's transaction sends with pg_notify. */
export interface ChangeNotice {
  schema: string;
  origin: string;
  topic: ChangeTopic;
}

/** While the listening connection is down or silent, watchers are told `all` this often (ms). */
const BLIND_TICK_MS = 250;
/** A heartbeat on the listening connection this often (ms); one unanswered for a tick means "blind". */
const HEARTBEAT_MS = 250;
/**
 * Foreign commits arriving this close together are reported as one `all` (ms): every login elsewhere writes a
 * token, and each `all` makes the caches of this instance reload.
 */
const FOREIGN_COALESCE_MS = 25;
/** A heartbeat unanswered this long means a dead connection (e.g. a silent network cut): reconnect (ms). */
const HEARTBEAT_DEAD_MS = 5000;

/**
 * Staleness bound (≤ 1 s): PostgreSQL delivers a NOTIFY to listeners when the writing transaction commits,
 * so another instance's commit reaches watchers within one network round trip. When the listening
 * connection drops or stops answering its 250 ms heartbeat, notifications may be lost: from then until it
 * is listening again, watchers are told `all` every 250 ms, and once more when it is back, so no cache
 * outlives a foreign commit by more than ~500 ms in any case. Foreign commits are reported as `all`
 * (Store.watch), coalesced over 25 ms.
 */
export class PostgresChangeFeed {
  private readonly listeners = new Set<Listener>();
  private client: pg.Client | undefined;
  private closed = false;
  private blind = true;
  private heartbeatPending = false;
  private heartbeatSentAt = 0;
  private foreignPending = false;
  private timer: NodeJS.Timeout | undefined;
  private reconnectDelayMs = 50;

  constructor(
    private readonly config: pg.ClientConfig,
    private readonly schema: string,
    readonly origin: string,
  ) {}

  /** Starts listening; resolves once LISTEN is in place so no commit after open is missed. */
  async start(): Promise<void> {
    await this.connect();
    this.timer = setInterval(() => this.tick(), Math.min(BLIND_TICK_MS, HEARTBEAT_MS));
    this.timer.unref();
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  publish(topic: ChangeTopic): void {
    for (const listener of this.listeners) listener(topic);
  }

  async stop(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    const client = this.client;
    this.client = undefined;
    if (client) await client.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ ...this.config, keepAlive: true });
    client.on('error', () => this.lost(client));
    client.on('end', () => this.lost(client));
    client.on('notification', (message) => this.receive(message.payload));
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANGE_CHANNEL}`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    if (this.closed) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.heartbeatPending = false;
    this.reconnectDelayMs = 50;
    const wasBlind = this.blind;
    this.blind = false;
    // Commits made while nobody listened were not heard: everything may have changed. Not on the first start,
    // which happens before this store wrote or read anything.
    if (wasBlind && this.timer) this.publish('all');
  }

  private lost(client: pg.Client): void {
    if (this.client !== client) return;
    this.client = undefined;
    this.blind = true;
    client.end().catch(() => undefined);
    this.publish('all');
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.closed) return;
    const delay = this.reconnectDelayMs;
    this.reconnectDelayMs = Math.min(this.reconnectDelayMs * 2, 1000);
    setTimeout(() => {
      if (this.closed || this.client) return;
      this.connect().catch(() => this.scheduleReconnect());
    }, delay).unref();
  }

  private tick(): void {
    if (this.blind || this.heartbeatPending) {
      this.blind = true;
      this.publish('all');
    }
    const client = this.client;
    if (client && this.heartbeatPending && Date.now() - this.heartbeatSentAt > HEARTBEAT_DEAD_MS) {
      return this.lost(client);
    }
    if (!client || this.heartbeatPending) return;
    this.heartbeatPending = true;
    this.heartbeatSentAt = Date.now();
    client.query('SELECT 1').then(
      () => {
        if (this.client !== client) return;
        this.heartbeatPending = false;
        this.blind = false;
      },
      () => this.lost(client),
    );
  }

  private receive(payload: string | undefined): void {
    let notice: Partial<ChangeNotice>;
    try {
      notice = JSON.parse(payload ?? '') as Partial<ChangeNotice>;
    } catch {
      return;
    }
    if (notice.schema !== this.schema || notice.origin === this.origin || this.foreignPending) return;
    this.foreignPending = true;
    setTimeout(() => {
      this.foreignPending = false;
      this.publish('all');
    }, FOREIGN_COALESCE_MS).unref();
  }
}
