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
