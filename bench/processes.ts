// Child processes for the benchmark: Roster or the ceiling, each on 127.0.0.1 with an ephemeral port.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface ServerProcess {
  url: string;
  pid: number;
  /** Peak resident set size so far, MB (VmHWM). */
  peakRssMb(): number;
  /** CPU seconds the process has used so far (user, system), from /proc/<pid>/stat. */
  cpuSeconds(): { user: number; system: number };
  /** Where the process's stdout and stderr go (its log). */
  logFile: string;
  stop(): Promise<void>;
}

const CLI = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));
const CEILING = fileURLToPath(new URL('./ceiling-process.js', import.meta.url));
const FASTIFY_FLOOR = fileURLToPath(new URL('./fastify-floor-process.js', import.meta.url));
/** Linux's USER_HZ: /proc/<pid>/stat counts CPU time in these ticks. */
const TICKS_PER_SECOND = 100;

/**
 * `cli`: another build's dist/src/cli/main.js, to measure what a change bought against the same databases.
 * Served at the default log level (issue 20: the budget includes the request log line), logging to a file.
 */
export function startRoster(
  args: string[],
  env: Record<string, string> = {},
  cli = CLI,
): Promise<ServerProcess> {
  return startProcess([cli, 'serve', '--port', '0', '--host', '127.0.0.1', ...args], env);
}

export function startCeilingProcess(bodyFile: string): Promise<ServerProcess> {
  return startProcess([CEILING, bodyFile], {});
}

export function startFastifyFloorProcess(bodyFile: string): Promise<ServerProcess> {
  return startProcess([FASTIFY_FLOOR, bodyFile], {});
}

/**
 * Starts a node process and waits for its "listening on <url>" line. Its stdout and stderr go to a file, as a
 * server's log does in production: a pipe to this process would make the load generator's process pay for
 * reading every request log line.
 */
export async function startProcess(args: string[], env: Record<string, string>): Promise<ServerProcess> {
  const logFile = join(mkdtempSync(join(tmpdir(), 'roster-bench-log-')), 'output.log');
  const fd = openSync(logFile, 'w');
  const child: ChildProcess = spawn(process.execPath, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  let exitedEarly = false;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exitedEarly = true;
      resolve();
    }),
  );
  const output = () => readFileSync(logFile, 'utf8');
  const started = Date.now();
  let url: string | undefined;
  while (url === undefined) {
    if (exitedEarly) throw new Error(`exited:\n${output()}`);
    if (Date.now() - started > 60_000) throw new Error(`did not start:\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
    url = /listening on (http:\/\/[^\s]+)/.exec(output())?.[1];
  }
  const pid = child.pid ?? 0;
  return {
    url,
    pid,
    logFile,
    peakRssMb: () => {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
      return Math.round(kb / 1024);
    },
    cpuSeconds: () => {
      // Fields after the command name (which may hold spaces): utime is the 14th field, stime the 15th.
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      return {
        user: Number(fields[11]) / TICKS_PER_SECOND,
        system: Number(fields[12]) / TICKS_PER_SECOND,
      };
    },
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
