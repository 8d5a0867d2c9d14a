// One bounded load run with autocannon against a URL, cycling through a fixed list of request paths.
import autocannon from 'autocannon';

export interface LoadOptions {
  baseUrl: string;
  paths: readonly string[];
  headers?: Record<string, string>;
  method?: 'GET' | 'POST';
  body?: string;
  connections: number;
  seconds: number;
}

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  errors: number;
  non2xx: number;
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const result = await autocannon({
    url: options.baseUrl,
    connections: options.connections,
    duration: options.seconds,
    headers: options.headers ?? {},
    requests: options.paths.map((path) => ({
      method: options.method ?? 'GET',
      path,
      ...(options.body !== undefined
        ? { body: options.body, headers: { 'content-type': 'application/json' } }
        : {}),
    })),
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    errors: result.errors,
    non2xx: result.non2xx,
  };
}

export interface PrimeResult {
  /** Requests per second of the pass: every path once, so every lookup is the server's first of that path. */
  rps: number;
  non2xx: number;
}

/**
 * Requests every path exactly once, `connections` at a time, so that the measured runs after it see a server
 * that has answered each path before (its user cache holds every user of the sample). autocannon cannot do
 * this: each of its connections walks the list from the start, so in a short run most connections never reach
 * the end of a 4,000-path list and the last paths would be first requested while being measured.
 */
export async function primePaths(options: Omit<LoadOptions, 'seconds'>): Promise<PrimeResult> {
  let next = 0;
  let non2xx = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < options.paths.length) {
      const path = options.paths[next++] as string;
      const response = await fetch(`${options.baseUrl}${path}`, {
        method: options.method ?? 'GET',
        headers: {
          ...options.headers,
          ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        ...(options.body !== undefined ? { body: options.body } : {}),
      });
      await response.arrayBuffer();
      if (response.status < 200 || response.status > 299) non2xx++;
    }
  };
  await Promise.all(Array.from({ length: options.connections }, worker));
  const seconds = (performance.now() - started) / 1000;
  return { rps: options.paths.length / seconds, non2xx };
}
