// A real `roster serve` child process for the load suites: start it on a database, talk JSON to it, read /proc.
import { readdirSync, readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { startServer, type ServerProcess } from '../helpers/cli-process.js';

export const ADMIN_PASSWORD = 'hardening-admin-password';

export interface Reply {
  status: number;
  body: string;
  json: () => Record<string, unknown>;
}

/** One JSON request; rejects with the socket error (ECONNREFUSED, ECONNRESET, …) when there is no answer. */
export function call(
  baseUrl: string,
  method: 'GET' | 'POST',
  path: string,
  options: { agent?: Agent | false; headers?: Record<string, string>; body?: unknown } = {},
): Promise<Reply> {
  const url = new URL(path, baseUrl);
  const payload = options.body === undefined ? undefined : Buffer.from(JSON.stringify(options.body));
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        method,
        path: `${url.pathname}${url.search}`,
        agent: options.agent ?? false,
        headers: { ...(payload ? { 'content-type': 'application/json' } : {}), ...options.headers },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: response.statusCode ?? 0,
            body,
            json: () => JSON.parse(body) as Record<string, unknown>,
          });
        });
        response.on('error', reject);
      },
    );
    req.setTimeout(60_000, () => req.destroy(new Error('client timeout')));
    req.on('error', reject);
    req.end(payload);
  });
}

export interface Session {
  server: ServerProcess;
  headers: Record<string, string>;
}

/** Starts `roster serve` on `dir/roster.db`, logs in as admin and switches the rate limiter off. */
export async function startSession(dir: string): Promise<Session> {
  const server = await startServer(['--db', join(dir, 'roster.db')], {
    ROSTER_ADMIN_PASSWORD: ADMIN_PASSWORD,
  });
  const login = await call(server.baseUrl, 'POST', '/api/v1/login', {
    body: { user: 'admin', password: ADMIN_PASSWORD },
  });
  if (login.status !== 200) throw new Error(`admin login failed: ${login.status} ${login.body}`);
  const { userId, authToken } = login.json().data as { userId: string; authToken: string };
  const headers = { 'x-user-id': userId, 'x-auth-token': authToken };
  const off = await call(server.baseUrl, 'POST', '/api/v1/settings/API_Enable_Rate_Limiter', {
    headers,
    body: { value: false },
  });
  if (off.status !== 200) throw new Error(`could not switch the rate limiter off: ${off.body}`);
  return { server, headers };
}

/** Resident set size of a process, bytes (VmRSS in /proc/<pid>/status). */
export function rssBytes(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(match?.[1] ?? 0) * 1024;
}

/** Open file descriptors of a process (sockets, the database, its WAL, pipes). */
export function openHandles(pid: number): number {
  return readdirSync(`/proc/${pid}/fd`).length;
}

export async function stopServer(server: ServerProcess): Promise<void> {
  if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGTERM');
  await server.exited;
}
