// `roster seed`: writes the deterministic synthetic data of core/setup/seed-data.ts in batches, idempotently.
import type { RoomDoc, SubscriptionDoc, UserDoc } from '../core/documents.js';
import type { Store } from '../core/store.js';
import { hashPassword } from '../core/auth/passwords.js';
import { seedRoom, seedRoomsOf, seedSubscription, seedUser, type SeedPlan } from '../core/setup/seed-data.js';
import { startProgress } from './progress.js';

export interface SeedOptions {
  users: number;
  rooms: number;
  roomsPerUser: number;
  batchSize?: number;
}

export interface SeedSummary {
  users: { inserted: number; unchanged: number };
  rooms: { inserted: number; unchanged: number };
  subscriptions: { inserted: number; unchanged: number };
}

/** Existing documents are kept as they are (`ignore`), so a second identical run changes nothing. */
export async function seedCommand(store: Store, options: SeedOptions): Promise<SeedSummary> {
  const plan: SeedPlan = { ...options, passwordHash: await hashPassword('seed-password') };
  const batchSize = options.batchSize ?? 5000;
  const summary: SeedSummary = {
    users: { inserted: 0, unchanged: 0 },
    rooms: { inserted: 0, unchanged: 0 },
    subscriptions: { inserted: 0, unchanged: 0 },
  };
  const membersPerRoom = new Uint32Array(options.rooms + 1);
  const progress = startProgress('seeding users', options.users);
  for (let start = 1; start <= options.users; start += batchSize) {
    const end = Math.min(start + batchSize - 1, options.users);
    const users: UserDoc[] = [];
    const subscriptions: SubscriptionDoc[] = [];
    for (let index = start; index <= end; index++) {
      users.push(seedUser(index, plan));
      if (options.rooms === 0) continue;
      seedRoomsOf(index, plan).forEach((room, position) => {
        membersPerRoom[room] = (membersPerRoom[room] ?? 0) + 1;
        subscriptions.push(seedSubscription(index, room, position));
      });
    }
    const counts = await store.bulkWrite({ users, subscriptions }, 'ignore');
    add(summary.users, counts.users);
    add(summary.subscriptions, counts.subscriptions);
    progress.advance(end - start + 1);
  }
  progress.stop();
  const rooms: RoomDoc[] = [];
  for (let index = 1; index <= options.rooms; index++)
    rooms.push(seedRoom(index, membersPerRoom[index] ?? 0));
  for (let start = 0; start < rooms.length; start += batchSize) {
    add(
      summary.rooms,
      (await store.bulkWrite({ rooms: rooms.slice(start, start + batchSize) }, 'ignore')).rooms,
    );
  }
  await store.refreshPlannerStatistics();
  return summary;
}

function add(
  into: { inserted: number; unchanged: number },
  from: { inserted: number; unchanged: number },
): void {
  into.inserted += from.inserted;
  into.unchanged += from.unchanged;
}
