// Seeded random values for the fuzzer: plausible ones drawn from live data, and hostile ones of every shape.
import type { FieldKind } from './fuzz-endpoints.js';

/** mulberry32: a small, fast, seedable PRNG, so any request can be regenerated from (seed, index). */
export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }
}

/** Live identifiers the fuzzer mixes in, so requests reach the code behind the lookups too. */
export interface Pools {
  userIds: string[];
  usernames: string[];
  emails: string[];
  roomIds: string[];
  roomNames: string[];
  tokens: string[];
}

const HOSTILE_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\uD800',
  '💥🧨',
  '\u202Eevil',
  '../../../../etc/passwd',
  "' OR 1=1 --",
  '"; DROP TABLE users; --',
  '%00',
  '%zz',
  '${jndi:ldap://x}',
  '<script>alert(1)</script>',
  '__proto__',
  'constructor',
  'prototype',
  '$where',
  'admin',
  'rocket.cat',
  '\r\nX-Injected: 1',
  'ä'.repeat(300),
  // Just past Roster's bounds (README "Limits"): PAT name 100, nickname/statusText 120, bio 260, names 255.
  'x'.repeat(101),
  'n'.repeat(121),
  'b'.repeat(261),
  'u'.repeat(256),
  'Mal\u0000lory',
  'lone\uDC00low',
  'a<b>/c\\d',
  '%3Cscript%3E',
  '1e999',
  '-1',
  'NaN',
  'null',
  'true',
  '[]',
  '{}',
];

const ROLES = [
  'admin',
  'user',
  'bot',
  'guest',
  'owner',
  'moderator',
  'leader',
  'anonymous',
  'livechat-agent',
  'nope',
];
const PERMISSIONS = [
  'view-full-other-user-info',
  'create-user',
  'delete-user',
  'edit-other-user-info',
  'view-d-room',
];

function randomText(rng: Rng, max: number): string {
  const length = rng.int(max);
  let text = '';
  for (let i = 0; i < length; i += 1) {
    const r = rng.next();
    text += String.fromCharCode(r < 0.7 ? 0x20 + rng.int(95) : r < 0.9 ? rng.int(0x800) : rng.int(0x10000));
  }
  return text;
}

export function hostileValue(rng: Rng, depth = 0): unknown {
  switch (rng.int(14)) {
    case 0:
      return rng.pick(HOSTILE_STRINGS);
    case 1:
      return randomText(rng, 40);
    case 2:
      return 'x'.repeat(rng.chance(0.2) ? 1000 + rng.int(20_000) : 1 + rng.int(600));
    case 3:
      return rng.pick([0, -1, 1.5, 2 ** 53 + 1, -(2 ** 31), 1e308, -0]);
    case 4:
      return rng.pick([true, false, null]);
    case 5:
      return [];
    case 6:
      return depth < 3 ? [hostileValue(rng, depth + 1), hostileValue(rng, depth + 1)] : ['x'];
    case 7:
      return {};
    case 8:
      return depth < 3 ? { $regex: '.*', $ne: hostileValue(rng, depth + 1) } : { $gt: '' };
    case 9:
      // API_User_Limit is 500: lists on both sides of it.
      return Array.from(
        { length: rng.chance(0.2) ? rng.pick([500, 501, 200 + rng.int(2000)]) : 2 + rng.int(20) },
        (_, i) => `v${i}`,
      );
    case 10:
      return Object.fromEntries(
        Array.from({ length: rng.chance(0.2) ? 50 + rng.int(500) : 1 + rng.int(10) }, (_, i) => [`k${i}`, i]),
      );
    case 11:
      return rng.pick(ROLES);
    case 12:
      return JSON.stringify({ deep: [1, { x: 'y' }] });
    default:
      return randomText(rng, 400);
  }
}

export function plausibleValue(rng: Rng, kind: FieldKind, pools: Pools): unknown {
  const fromPool = (pool: string[], fallback: string): string => (pool.length ? rng.pick(pool) : fallback);
  switch (kind) {
    case 'userId':
      return fromPool(pools.userIds, 'nobody');
    case 'username':
      return rng.chance(0.5) ? fromPool(pools.usernames, 'admin') : `fz${rng.int(1e9).toString(36)}`;
    case 'email':
      return rng.chance(0.5) ? fromPool(pools.emails, 'a@b.c') : `fz${rng.int(1e9)}@example.com`;
    case 'name':
      return randomText(rng, 30) || 'Name';
    case 'password':
      return rng.chance(0.3) ? 'admin-test-password' : randomText(rng, 30);
    case 'token':
      return fromPool(pools.tokens, 'tok');
    case 'bool':
      return rng.chance(0.5);
    case 'int':
      // 2^53 and past it: users.list offsets are clamped (security F21); 501 is past API_User_Limit.
      return rng.pick([0, 1, 10, 50, 100, 501, 1000, -1, 2 ** 53, '99999999999999999999999']);
    case 'text':
      return randomText(rng, 20);
    case 'roomId':
      return fromPool(pools.roomIds, 'GENERAL');
    case 'roomName':
      return rng.chance(0.5) ? fromPool(pools.roomNames, 'general') : `room-${rng.int(1e9).toString(36)}`;
    case 'role':
      return rng.pick(ROLES);
    case 'permission':
      return rng.pick(PERMISSIONS);
    case 'usernames':
      return [fromPool(pools.usernames, 'admin'), fromPool(pools.usernames, 'admin')];
    case 'roles':
      return [rng.pick(ROLES)];
    case 'object':
      return rng.chance(0.5)
        ? { [rng.pick(['username', 'name', 'emails.address', '_id'])]: rng.pick([1, 0, { $regex: 'a' }]) }
        : [{ _id: rng.pick(PERMISSIONS), roles: [rng.pick(ROLES)] }];
    case 'sort':
      return JSON.stringify({
        [rng.pick(['username', 'name', 'status', 'createdAt', '$where'])]: rng.pick([1, -1, 0, 'x']),
      });
    case 'date':
      return rng.pick([new Date(0).toISOString(), 'yesterday', '2024-13-45T99:99:99Z', '']);
  }
}
