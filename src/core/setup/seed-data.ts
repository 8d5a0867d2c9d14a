// Deterministic synthetic users, rooms and subscriptions for trying Roster out and for benchmarks.
import type { RoomDoc, SubscriptionDoc, UserDoc } from '../documents.js';

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
 * Fixed-width base-55 in the id alphabet, which is in ascending character order: ids sort in the order they
 * are generated. Rocket.Chat ids are random, but seeded ones are written in order into B-tree indexes, and
 * appending keeps a ten-million-row seed from thrashing the page cache with random inserts.
 */
function ordered(value: number, width: number): string {
  let text = '';
  for (let rest = value; text.length < width; rest = Math.floor(rest / ALPHABET.length)) {
    text = ALPHABET[rest % ALPHABET.length] + text;
  }
  return text;
}

/** 17-character Rocket.Chat-style ids: a kind letter, then the index in order. */
export const seedUserId = (index: number): string => `u${ordered(index, 16)}`;
export const seedRoomId = (index: number): string => `r${ordered(index, 16)}`;
const seedSubscriptionId = (userIndex: number, roomIndex: number): string =>
  `s${ordered(userIndex, 10)}${ordered(roomIndex, 6)}`;

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
    _id: seedSubscriptionId(userIndex, roomIndex),
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
