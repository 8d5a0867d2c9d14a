// What the PostgreSQL sub-ports share: reads on the pool, and write transactions that notify other instances.
import type { ChangeTopic } from '../../core/store.js';
import type { Queryable } from './postgres-queryable.js';

export interface PostgresAccess {
  /** A read on any pooled connection, with driver errors translated (a NUL in a value finds nothing). */
  read<T>(body: (db: Queryable) => Promise<T>): Promise<T>;
  /** One write transaction that also notifies other instances, then the change announced to this one's watchers. */
  write<T>(topic: ChangeTopic, body: (db: Queryable) => Promise<T>): Promise<T>;
  /** A single statement on the pool with driver errors translated, never announced (the lookup audit). */
  unannounced<T>(body: (db: Queryable) => Promise<T>): Promise<T>;
  /** Announces a topic to this instance's watchers only. */
  publish(topic: ChangeTopic): void;
}
