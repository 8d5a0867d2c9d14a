// Child processes for the benchmark: Roster or the ceiling, each on 127.0.0.1 with an ephemeral port.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface ServerProcess {
  url: string;
  pid: number;
  /** Peak resident set size so far, MB (VmHWM). */
  peakRssMb(): number;
  stop(): Promise<void>;
}

const CLI = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));
const CEILING = fileURLToPath(new URL('./ceiling-process.js', import.meta.url));
const FASTIFY_FLOOR = fileURLToPath(new URL('./fastify-floor-process.js', import.meta.url));

/** `cli`: another build's dist/src/cli/main.js, to measure what a change bought against the same databases. */
export function startRoster(
  args: string[],
  env: Record<string, string> = {},
  cli = CLI,
): Promise<ServerProcess> {
  return startProcess(
    [cli, 'serve', '--port', '0', '--host', '127.0.0.1', '--log-level', 'warn', ...args],
    env,
  );
}

export function startCeilingProcess(bodyFile: string): Promise<ServerProcess> {
  return startProcess([CEILING, bodyFile], {});
}

export function startFastifyFloorProcess(bodyFile: string): Promise<ServerProcess> {
  return startProcess([FASTIFY_FLOOR, bodyFile], {});
}

async function startProcess(args: string[], env: Record<string, string>): Promise<ServerProcess> {
  const child: ChildProcess = spawn(process.execPath, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`did not start:\n${output}`)), 60_000);
    child.stdout?.on('data', () => {
      const match = /listening on (http:\/\/[^\s]+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    void exited.then(() => reject(new Error(`exited:\n${output}`)));
  });
  const pid = child.pid ?? 0;
  return {
    url,
    pid,
    peakRssMb: () => {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
      return Math.round(kb / 1024);
    },
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
