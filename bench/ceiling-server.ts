// The ceiling: a minimal node:http server answering one precomputed body — the physical limit of Node here.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RunningServer {
  url: string;
  pid: number;
  close(): Promise<void>;
}

/** Serves `body` with the same headers Roster sends, to every request, on 127.0.0.1. */
export async function startCeiling(body: Buffer): Promise<RunningServer> {
  const headers = {
    'content-type': 'application/json',
    'cache-control': 'no-store',
    pragma: 'no-cache',
    'content-length': String(body.length),
  };
  const server = createServer((_request, response) => {
    response.writeHead(200, headers);
    response.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    pid: process.pid,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
