// roster.users.lookup (a Roster extension): many users.info lookups in one call, each answered as users.info would.
import type { Context } from '../context.js';
import type { UserDoc } from '../documents.js';
import { findUsersInfo, type LookupKey } from './users-info.js';

/** One entry of `users`: exactly one users.info lookup key (the route's schema checks it). */
export type LookupEntry = Partial<Record<LookupKey, string>>;

const USER_START = '{"user":';
const USER_END = ',"success":true}';

/**
 * `{"users":[…],"success":true}`: per entry, in request order, the `user` of the users.info body this caller
 * would get for that key (the same cached bytes), or `null` where users.info answers "User not found.", a gated
 * key refused included. Lookups run concurrently, as that many users.info requests would.
 */
export async function usersLookup(
  context: Context,
  caller: UserDoc,
  entries: readonly LookupEntry[],
  includeUserRooms: boolean,
): Promise<string> {
  const rooms = includeUserRooms ? { includeUserRooms: 'true' } : {};
  const answers = await Promise.all(
    entries.map((entry) => findUsersInfo(context, caller, { ...entry, ...rooms })),
  );
  const users = answers.map((answer) =>
    answer === null ? 'null' : answer.body.slice(USER_START.length, -USER_END.length),
  );
  return `{"users":[${users.join(',')}],"success":true}`;
}
