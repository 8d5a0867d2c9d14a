// Sends fuzz cases over loopback: node:http with a keep-alive agent, or raw bytes on a fresh socket.
import { Agent, request } from 'node:http';
import { connect } from 'node:net';
import type { HttpCase, RawCase } from './fuzz-requests.js';

export interface Answer {
  /** 0 when the server closed without answering. */
  status: number;
  contentType: string;
  body: string;
  /** Set when the request never got an answer (reset, timeout), or the client could not send it. */
  failure?: string;
  clientRefused?: boolean;
}

export function keepAliveAgent(): Agent {
  return new Agent({ keepAlive: true, maxSockets: 64 });
}

export function sendHttp(agent: Agent, port: number, fuzz: HttpCase): Promise<Answer> {
  return new Promise((resolve) => {
    let req;
    try {
      req = request({
        agent,
        host: '127.0.0.1',
        port,
        method: fuzz.method,
        path: fuzz.path,
        // Always frame a body: without Content-Length node:http sends a HEAD body unframed, and the server
        // rightly reads it as a second (garbage) request.
        headers: fuzz.body ? { 'content-length': String(fuzz.body.length), ...fuzz.headers } : fuzz.headers,
      });
    } catch (error) {
      resolve({
        status: 0,
        contentType: '',
        body: '',
        clientRefused: true,
        failure: (error as Error).message,
      });
      return;
    }
    req.setTimeout(20_000, () => req.destroy(new Error('client timeout')));
    req.on('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          contentType: String(response.headers['content-type'] ?? ''),
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
      response.on('error', (error) =>
        resolve({ status: 0, contentType: '', body: '', failure: error.message }),
      );
    });
    req.on('error', (error) => resolve({ status: 0, contentType: '', body: '', failure: error.message }));
    req.end(fuzz.body);
  });
}

function parseRaw(data: Buffer): Answer | null {
  const end = data.indexOf('\r\n\r\n');
  if (end < 0) return null;
  const head = data.subarray(0, end).toString('latin1');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1] ?? 0);
  const contentType = /\r\ncontent-type: *([^\r]*)/i.exec(head)?.[1] ?? '';
  const length = /\r\ncontent-length: *(\d+)/i.exec(head)?.[1];
  const rest = data.subarray(end + 4);
  if (length !== undefined) {
    if (rest.length < Number(length)) return null;
    return { status, contentType, body: rest.subarray(0, Number(length)).toString('utf8') };
  }
  if (/\r\ntransfer-encoding: *chunked/i.test(head)) {
    const text = rest.toString('utf8');
    if (!text.endsWith('0\r\n\r\n')) return null;
    return {
      status,
      contentType,
      body: text.replace(/^[0-9a-f]+\r\n|\r\n[0-9a-f]+\r\n/gi, '').replace(/\r\n$/, ''),
    };
  }
  return { status, contentType, body: '' };
}

export function sendRaw(port: number, fuzz: RawCase): Promise<Answer> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let data = Buffer.alloc(0);
    let settled = false;
    const finish = (answer: Answer): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(answer);
    };
    const timer = setTimeout(
      () => finish(parseRaw(data) ?? { status: 0, contentType: '', body: '', failure: 'no answer in time' }),
      fuzz.mayDrop ? 1_000 : 15_000,
    );
    socket.on('data', (chunk: Buffer) => {
      data = Buffer.concat([data, chunk]);
      const answer = parseRaw(data);
      if (answer) finish(answer);
    });
    socket.on('error', () =>
      finish(parseRaw(data) ?? { status: 0, contentType: '', body: '', failure: 'reset' }),
    );
    socket.on('close', () =>
      finish(parseRaw(data) ?? { status: 0, contentType: '', body: '', failure: 'closed without answer' }),
    );
    socket.write(fuzz.bytes);
  });
}
