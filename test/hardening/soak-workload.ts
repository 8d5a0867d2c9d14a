// The soak's mixed workload: lookups, logins (and their logouts), profile writes, rooms created and deleted.
import type { Agent } from 'node:http';
import { call, type Reply } from './child-server.js';
import { Rng } from './fuzz-values.js';

export interface SoakUser {
  userId: string;
  username: string;
  password: string;
  headers: Record<string, string>;
}

export interface Workload {
  baseUrl: string;
  agent: Agent;
  admin: Record<string, string>;
  users: SoakUser[];
  rng: Rng;
  /** Tokens from soak logins, logged out later so the token table stays flat. */
  loggedIn: Array<Record<string, string>>;
  rooms: string[];
  serial: number;
}

/** One operation of the mix; resolves with the reply it got and what it was (for the error report). */
export async function nextOperation(w: Workload): Promise<{ name: string; reply: Reply }> {
  const { rng, users, admin } = w;
  const user = rng.pick(users);
  const other = rng.pick(users);
  const roll = rng.int(100);
  const go = (
    name: string,
    method: 'GET' | 'POST',
    path: string,
    headers: Record<string, string>,
    body?: unknown,
  ) =>
    call(w.baseUrl, method, path, { agent: w.agent, headers, ...(body !== undefined ? { body } : {}) }).then(
      (reply) => ({ name, reply }),
    );
  if (roll < 35)
    return go('users.info by username', 'GET', `/api/v1/users.info?username=${other.username}`, admin);
  if (roll < 50)
    return go(
      'users.info by id, as a user',
      'GET',
      `/api/v1/users.info?userId=${other.userId}`,
      user.headers,
    );
  if (roll < 60) return go('me', 'GET', '/api/v1/me', user.headers);
  if (roll < 68) return go('users.list', 'GET', `/api/v1/users.list?count=25&offset=${rng.int(20)}`, admin);
  if (roll < 72) {
    const result = await go(
      'login',
      'POST',
      '/api/v1/login',
      {},
      { user: user.username, password: user.password },
    );
    if (result.reply.status === 200) {
      const { userId, authToken } = result.reply.json().data as { userId: string; authToken: string };
      w.loggedIn.push({ 'x-user-id': userId, 'x-auth-token': authToken });
    }
    return result;
  }
  if (roll < 76 && w.loggedIn.length > 0)
    return go('logout', 'POST', '/api/v1/logout', w.loggedIn.shift() as Record<string, string>);
  if (roll < 88)
    return go('users.update', 'POST', '/api/v1/users.update', admin, {
      userId: other.userId,
      data: { bio: `bio ${rng.int(1e9)}` },
    });
  if (roll < 94) {
    w.serial += 1;
    const name = `soak-${w.serial}-${rng.int(1e9).toString(36)}`;
    const result = await go('channels.create', 'POST', '/api/v1/channels.create', admin, {
      name,
      members: [other.username],
    });
    if (result.reply.status === 200) w.rooms.push(name);
    return result;
  }
  if (w.rooms.length > 0)
    return go('channels.delete', 'POST', '/api/v1/channels.delete', admin, { roomName: w.rooms.shift() });
  return go('users.info by username', 'GET', `/api/v1/users.info?username=${other.username}`, admin);
}
