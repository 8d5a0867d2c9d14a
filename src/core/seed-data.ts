// Deterministic synthetic users, rooms and subscriptions for trying Roster out and for benchmarks.
import type { RoomDoc, SubscriptionDoc, UserDoc } from './documents.js';

const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTWXYZabcdefghijkmnopqrstuvwxyz';
/** Seeded documents are dated from this instant, one second apart, so every run writes identical documents. */
const EPOCH = Date.UTC(2024, 0, 1);

export interface SeedPlan {
  users: number;
  rooms: number;
  roomsPerUser: number;
  /** The bcrypt hash of `seed-password`, computed once by the caller and shared by every user. */
  passwordHash: string;
}

/**
 * A stable 17-character Rocket.Chat-style id derived from a name: two 32-bit FNV-1a/murmur-mixed hashes
 * (cheap enough for ten million subscriptions; ids need to be spread, not secret).
 */
export function seedId(name: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x9747b28c;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
  }
  let id = '';
  for (let i = 0; i < 17; i++) {
    h1 = Math.imul(h1 ^ (h1 >>> 15), 0x2c1b3c6d) ^ h2;
    h2 = Math.imul(h2 ^ (h2 >>> 13), 0x297a2d39) + i;
    id += ALPHABET[(h1 >>> 0) % ALPHABET.length];
  }
  return id;
}

export const seedUserId = (index: number): string => seedId(`seed-user-${index}`);
export const seedRoomId = (index: number): string => seedId(`seed-room-${index}`);

function at(offsetSeconds: number): string {
  return new Date(EPOCH + offsetSeconds * 1000).toISOString();
}

export function seedUser(index: number, plan: SeedPlan): UserDoc {
  return {
    _id: seedUserId(index),
    createdAt: at(index),
    username: `user${index}`,
    emails: [{ address: `user${index}@example.com`, verified: true }],
    type: 'user',
    status: 'offline',
    active: true,
    roles: ['user'],
    name: `User ${index}`,
    importIds: [`import-${index}`],
    freeSwitchExtension: String(100000 + index),
    requirePasswordChange: false,
    utcOffset: 0,
    services: { password: { bcrypt: plan.passwordHash } },
    _updatedAt: at(index),
  };
}

/** Room j (1-based) is a public channel when j is odd, a private group when even. */
export function seedRoom(index: number, usersCount: number): RoomDoc {
  const name = `room-${index}`;
  return {
    _id: seedRoomId(index),
    t: index % 2 === 1 ? 'c' : 'p',
    name,
    fname: name,
    msgs: 0,
    usersCount,
    u: { _id: 'rocket.cat', username: 'rocket.cat' },
    ts: at(0),
    ro: false,
    default: false,
    sysMes: true,
    _updatedAt: at(0),
  };
}

/** The 1-based room indexes user `index` is subscribed to: `roomsPerUser` distinct rooms spread evenly. */
export function seedRoomsOf(index: number, plan: Pick<SeedPlan, 'rooms' | 'roomsPerUser'>): number[] {
  const count = Math.min(plan.roomsPerUser, plan.rooms);
  const stride = Math.max(1, Math.floor(plan.rooms / Math.max(count, 1)));
  const rooms: number[] = [];
  for (let k = 0; k < count; k++) rooms.push(((index + k * stride) % plan.rooms) + 1);
  return rooms;
}

export function seedSubscription(userIndex: number, roomIndex: number, position: number): SubscriptionDoc {
  const name = `room-${roomIndex}`;
  const unread = (userIndex + position) % 7;
  return {
    _id: seedId(`seed-sub-${userIndex}-${roomIndex}`),
    rid: seedRoomId(roomIndex),
    name,
    fname: name,
    t: roomIndex % 2 === 1 ? 'c' : 'p',
    u: { _id: seedUserId(userIndex), username: `user${userIndex}` },
    open: true,
    alert: unread > 0,
    unread,
    userMentions: 0,
    groupMentions: 0,
    ts: at(userIndex),
    ...(position === 0 ? { roles: ['owner'] } : {}),
    _updatedAt: at(userIndex),
  };
}
