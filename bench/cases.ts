// The benchmark cases: what each one requests, as whom. Random users across the whole database, every time.
export type Caller = 'admin' | 'plain';

export interface BenchCase {
  name: string;
  caller: Caller;
  method: 'GET' | 'POST';
  /** Request paths, cycled by the load generator. */
  paths: (users: number) => string[];
  body?: string;
}

/** Random users per case: the paths the load generator cycles. */
export const SAMPLE = 4000;

/** SAMPLE distinct random users (with repeats only when the database holds fewer). */
function randomIndexes(users: number): number[] {
  if (users < SAMPLE) return Array.from({ length: SAMPLE }, () => 1 + Math.floor(Math.random() * users));
  const picked = new Set<number>();
  while (picked.size < SAMPLE) picked.add(1 + Math.floor(Math.random() * users));
  return [...picked];
}

const lookup = (query: (index: number) => string) => (users: number) =>
  randomIndexes(users).map((index) => `/api/v1/users.info?${query(index)}`);

export const CASES: readonly BenchCase[] = [
  {
    name: 'users.info by username',
    caller: 'admin',
    method: 'GET',
    paths: lookup((i) => `username=user${i}`),
  },
  {
    name: 'users.info with 10 rooms',
    caller: 'admin',
    method: 'GET',
    paths: lookup((i) => `username=user${i}&includeUserRooms=true`),
  },
  {
    name: 'users.info, plain caller',
    caller: 'plain',
    method: 'GET',
    paths: lookup((i) => `username=user${i}`),
  },
  { name: 'users.info by userId', caller: 'admin', method: 'GET', paths: lookup((i) => `userId=user${i}`) },
  {
    name: 'users.info by email',
    caller: 'admin',
    method: 'GET',
    paths: lookup((i) => `email=user${i}%40example.com`),
  },
  {
    name: 'users.info by freeSwitchExtension',
    caller: 'admin',
    method: 'GET',
    paths: lookup((i) => `freeSwitchExtension=${100000 + i}`),
  },
];

export const LOGIN_CASE: BenchCase = {
  name: 'login (bcrypt)',
  caller: 'plain',
  method: 'POST',
  paths: () => ['/api/v1/login'],
  body: JSON.stringify({ user: 'user1', password: 'seed-password' }),
};
