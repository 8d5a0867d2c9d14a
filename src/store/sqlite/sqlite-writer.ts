// What the SQLite sub-ports share: one write transaction with conflicts translated, then the change announced.
import type { ChangeTopic } from '../../core/store.js';

export interface SqliteWriter {
  /** Runs `body` in one immediate transaction (conflicts as ConflictError), then publishes `topic`. */
  write<T>(topic: ChangeTopic, body: () => T): T;
  /** Announces a topic to this process's watchers (and, through the file, to other processes). */
  publish(topic: ChangeTopic): void;
}
