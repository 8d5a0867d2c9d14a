// `serve --workers N` without Redis: the workers' rate-limit and failed-login counts live in the primary (IPC).
import cluster, { type Worker } from 'node:cluster';
import {
  InMemoryRateLimitCounter,
  type RateLimitCounter,
  type WindowCount,
} from '../core/rate-limit/rate-limit-counter.js';

/** Marks Roster's counter messages among any other IPC traffic of the cluster. */
const CHANNEL = 'roster-rate-limit';
/** A primary that does not answer in this long is treated as unavailable (the caller then counts alone). */
const ANSWER_TIMEOUT_MS = 1000;

type Operation =
  | { op: 'hit'; key: string; windowMs: number; now: number }
  | { op: 'peek'; key: string; now: number }
  | { op: 'reset'; key: string };

type Request = { channel: typeof CHANNEL; id: number } & Operation;
interface Answer {
  channel: typeof CHANNEL;
  id: number;
  result: WindowCount | null;
}

function isRequest(message: unknown): message is Request {
  return typeof message === 'object' && message !== null && (message as Request).channel === CHANNEL;
}

function isAnswer(message: unknown): message is Answer {
  return (
    typeof message === 'object' &&
    message !== null &&
    (message as Answer).channel === CHANNEL &&
    'result' in message
  );
}

/**
 * Runs in the primary: one in-memory counter answers every worker, so N workers on one machine count as one
 * process does (security F5: without this, each worker counted alone and a guesser got N times the failed-login
 * budget by opening new connections). Returns a function that stops answering.
 */
export function serveWorkerRateLimits(): () => void {
  const counter = new InMemoryRateLimitCounter();
  const answer = async (worker: Worker, message: unknown): Promise<void> => {
    if (!isRequest(message)) return;
    let result: WindowCount | null = null;
    if (message.op === 'hit') result = await counter.hit(message.key, message.windowMs, message.now);
    else if (message.op === 'peek') result = await counter.peek(message.key, message.now);
    else await counter.reset(message.key);
    const reply: Answer = { channel: CHANNEL, id: message.id, result };
    // A worker that died meanwhile has no channel left; its request died with it.
    if (worker.isConnected()) worker.send(reply);
  };
  const listener = (worker: Worker, message: unknown) => void answer(worker, message);
  cluster.on('message', listener);
  return () => cluster.off('message', listener);
}

/**
 * Runs in a worker: every call is a round trip to the primary's counter. It rejects when the primary does not
 * answer, so wrap it in FallbackRateLimitCounter: the worker then counts alone meanwhile.
 */
export class WorkerRateLimitCounter implements RateLimitCounter {
  private nextId = 0;
  private readonly pending = new Map<
    number,
    { resolve: (result: WindowCount | null) => void; reject: (error: Error) => void }
  >();

  private readonly onMessage = (message: unknown): void => {
    if (!isAnswer(message)) return;
    this.pending.get(message.id)?.resolve(message.result);
    this.pending.delete(message.id);
  };
  private readonly onDisconnect = (): void => this.failAll(new Error('the cluster primary is gone'));

  constructor() {
    process.on('message', this.onMessage);
    process.on('disconnect', this.onDisconnect);
  }

  /** Stops listening: a 'message' listener keeps the IPC channel (so the worker) alive after its server closed. */
  close(): void {
    process.off('message', this.onMessage);
    process.off('disconnect', this.onDisconnect);
    this.failAll(new Error('the rate-limit counter was closed'));
  }

  async hit(key: string, windowMs: number, now: number): Promise<WindowCount> {
    return (await this.ask({ op: 'hit', key, windowMs, now })) as WindowCount;
  }

  peek(key: string, now: number): Promise<WindowCount | null> {
    return this.ask({ op: 'peek', key, now });
  }

  async reset(key: string): Promise<void> {
    await this.ask({ op: 'reset', key });
  }

  private ask(operation: Operation): Promise<WindowCount | null> {
    const send = process.send?.bind(process);
    if (!send || !process.connected) return Promise.reject(new Error('no cluster primary to count with'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error('the cluster primary did not answer a rate-limit call in time'));
      }, ANSWER_TIMEOUT_MS);
      timer.unref();
      this.pending.set(id, {
        resolve: (result) => {
          clearTimeout(timer);
          resolve(result);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      const request: Request = { channel: CHANNEL, id, ...operation };
      send(request, undefined, {}, (error: Error | null) => {
        if (!error) return;
        this.pending.get(id)?.reject(error);
        this.pending.delete(id);
      });
    });
  }

  private failAll(error: Error): void {
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }
}
