// Turns (seed, index) into one hostile HTTP request: a well-formed one for node:http, or raw bytes for a socket.
import { ENDPOINTS, type Endpoint } from './fuzz-endpoints.js';
import { hostileValue, plausibleValue, type Pools, Rng } from './fuzz-values.js';

export interface Identity {
  userId: string;
  token: string;
}

/** Sent through node:http with a keep-alive agent (headers may repeat: an array value sends several lines). */
export interface HttpCase {
  kind: 'http';
  label: string;
  method: string;
  path: string;
  headers: Record<string, string | string[]>;
  body?: Buffer;
}

/** Bytes written on a fresh socket; `mayDrop` when the server may rightly close without answering. */
export interface RawCase {
  kind: 'raw';
  label: string;
  bytes: Buffer;
  mayDrop?: boolean;
}

export type FuzzCase = HttpCase | RawCase;

export interface FuzzState {
  pools: Pools;
  admin: Identity;
  user: Identity;
}

function encode(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return '%ED%A0%80';
  }
}

const BROKEN_ESCAPES = [
  '%',
  '%zz',
  '%E0%A4%A',
  '%00',
  '%C0%AF',
  '%FF%FE',
  '%25%',
  '+%2',
  '%u0041',
  '%ED%A0%80',
];

function queryFor(rng: Rng, endpoint: Endpoint, state: FuzzState): string {
  const pairs: string[] = [];
  for (const [key, kind] of Object.entries(endpoint.fields)) {
    if (rng.chance(0.4)) continue;
    const raw = rng.chance(0.6) ? plausibleValue(rng, kind, state.pools) : hostileValue(rng);
    const value = typeof raw === 'string' ? raw : (JSON.stringify(raw) ?? '');
    switch (rng.int(10)) {
      case 0:
        pairs.push(`${key}=${encode(value)}`, `${key}=${encode(String(rng.int(9)))}`);
        break;
      case 1:
        pairs.push(`${key}[]=${encode(value)}`);
        break;
      case 2:
        pairs.push(`${key}[a][b][c][d][e][f][g]=${encode(value)}`);
        break;
      case 3:
        pairs.push(`${key}[${rng.pick(['0', '9999', '__proto__', 'constructor', '$ne'])}]=${encode(value)}`);
        break;
      case 4:
        pairs.push(`${key}=${encode(value)}${rng.pick(BROKEN_ESCAPES)}`);
        break;
      case 5:
        pairs.push(`${key}=${'A'.repeat(1000 + rng.int(14_000))}`);
        break;
      default:
        pairs.push(`${key}=${encode(value)}`);
    }
  }
  if (rng.chance(0.1))
    pairs.push(`${rng.pick(['__proto__[x]', 'constructor[prototype][x]', 'x'.repeat(300), '&&', '='])}=1`);
  if (rng.chance(0.01)) pairs.push(...Array.from({ length: 1200 }, (_, i) => `p${i}=${i}`));
  return pairs.length ? `?${pairs.join('&')}` : rng.chance(0.1) ? '?' : '';
}

function bodyObject(rng: Rng, endpoint: Endpoint, state: FuzzState): Record<string, unknown> {
  const fill = (fields: Record<string, import('./fuzz-endpoints.js').FieldKind>) => {
    const body: Record<string, unknown> = {};
    for (const [key, kind] of Object.entries(fields)) {
      if (rng.chance(0.3)) continue;
      body[key] = rng.chance(0.7) ? plausibleValue(rng, kind, state.pools) : hostileValue(rng);
    }
    return body;
  };
  const body = fill(endpoint.fields);
  if (endpoint.nested)
    body[endpoint.nested.key] = rng.chance(0.8) ? fill(endpoint.nested.fields) : hostileValue(rng);
  if (rng.chance(0.1)) body[rng.pick(['extra', 'services', '_id', 'roles', '$set'])] = hostileValue(rng);
  return body;
}

function nested(depth: number, open: string, close: string): string {
  return open.repeat(depth) + close.repeat(depth);
}

function bodyFor(
  rng: Rng,
  endpoint: Endpoint,
  state: FuzzState,
): { body: Buffer; type?: string; label: string } {
  const json = JSON.stringify(bodyObject(rng, endpoint, state));
  const roll = rng.int(100);
  if (roll < 60)
    return {
      body: Buffer.from(json),
      type: rng.pick(['application/json', 'application/json; charset=utf-8', 'Application/JSON']),
      label: 'json',
    };
  if (roll < 66)
    return {
      body: Buffer.from(json.slice(0, rng.int(json.length))),
      type: 'application/json',
      label: 'truncated-json',
    };
  if (roll < 68) {
    // MAX_JSON_DEPTH is 32: depths on both sides of it, and far past it.
    const depth = rng.pick([31, 32, 33, 40, 100, 1000, 10_000, 100_000, 400_000]);
    const text = rng.chance(0.5) ? nested(depth, '[', ']') : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
    return { body: Buffer.from(text), type: 'application/json', label: `nested-json-${depth}` };
  }
  if (roll < 76) {
    const type = rng.pick([
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/xml',
      'application/jsonx',
      '',
      'application/json; charset=latin1',
    ]);
    return { body: Buffer.from(rng.chance(0.5) ? json : 'a=1&b=2'), type, label: 'content-type' };
  }
  if (roll < 80)
    return {
      body: Buffer.from([0xff, 0xfe, 0x7b, 0xc3, 0x28, 0x22, 0x7d, 0xed, 0xa0, 0x80]),
      type: 'application/json',
      label: 'invalid-utf8',
    };
  if (roll < 84)
    return {
      body: Buffer.from(
        rng.pick([
          '"str"',
          '123',
          'null',
          '[]',
          'true',
          '[{}]',
          '\ufeff{}',
          '{"__proto__":{"admin":true}}',
          '{"constructor":{"prototype":{"x":1}}}',
          '{"a":1,"a":2}',
          '',
        ]),
      ),
      type: 'application/json',
      label: 'json-scalar',
    };
  if (roll < 85)
    return {
      body: Buffer.alloc(1_048_576 + 1 + rng.int(100_000), 0x20),
      type: 'application/json',
      label: 'huge-body',
    };
  if (roll < 86) {
    // Login, logout and PAT bodies are limited to 8 KiB (security F8): JSON on both sides of that bound.
    const size = rng.pick([8192, 8193, 9000, 64_000]);
    const padded = JSON.stringify({ ...bodyObject(rng, endpoint, state), pad: '' });
    const text = `${padded.slice(0, -2)}${'p'.repeat(Math.max(0, size - padded.length))}"}`;
    return { body: Buffer.from(text), type: 'application/json', label: `body-${size}` };
  }
  if (roll < 88)
    return { body: Buffer.from(json.replace(/"/, '"\u0000')), type: 'application/json', label: 'nul-json' };
  return { body: Buffer.from(json), type: 'application/json', label: 'json' };
}

function authHeaders(
  rng: Rng,
  state: FuzzState,
): { headers: Record<string, string | string[]>; label: string } {
  const { admin, user } = state;
  switch (rng.int(12)) {
    case 0:
      return { headers: {}, label: 'no-auth' };
    case 1:
      return {
        headers: { 'x-user-id': admin.userId, 'x-auth-token': [admin.token, user.token] },
        label: 'dup-token',
      };
    case 2:
      return {
        headers: { 'x-user-id': [user.userId, admin.userId], 'x-auth-token': admin.token },
        label: 'dup-user',
      };
    case 3:
      return { headers: { 'x-user-id': user.userId, 'x-auth-token': admin.token }, label: 'crossed' };
    case 4:
      return {
        headers: { 'x-user-id': 'x'.repeat(rng.int(8000)), 'x-auth-token': 'ÿ'.repeat(rng.int(200)) },
        label: 'garbage-auth',
      };
    case 5:
      return { headers: { 'x-user-id': '', 'x-auth-token': '' }, label: 'empty-auth' };
    case 6:
    case 7:
      return { headers: { 'x-user-id': user.userId, 'x-auth-token': user.token }, label: 'user' };
    default:
      return { headers: { 'x-user-id': admin.userId, 'x-auth-token': admin.token }, label: 'admin' };
  }
}

function mutatePath(rng: Rng, path: string): string {
  switch (rng.int(30)) {
    case 0:
      return `${path}/`;
    case 1:
      return path.replace('/api/', '//api/');
    case 2:
      return path.toUpperCase();
    case 3:
      return `${path}/extra`;
    case 4:
      return path.replace('/v1/', '/v1/%2e%2e/');
    case 5:
      return `${path}${rng.pick(BROKEN_ESCAPES)}`;
    case 6:
      return `/api/v1/settings/${rng.pick(['%zz', 'x'.repeat(600), '%00', '..', '__proto__', 'Site_Url%FF'])}`;
    case 7:
      return `${path};jsessionid=1`;
    default:
      return path;
  }
}

const RAW_TEMPLATES: Array<(rng: Rng, auth: string) => { text: string | Buffer; mayDrop?: boolean }> = [
  (_, a) => ({ text: `GET /api/v1/users.info?username=a\u0000b HTTP/1.1\r\nHost: x\r\n${a}\r\n` }),
  (_, a) => ({ text: `GET /api/v1/me HTTP/1.1\r\nHost: x\r\n${a}X-Auth-Token: a\u0000b\r\n\r\n` }),
  () => ({ text: 'GET /api/v1/me HTTP/1.1\r\nHost: x\r\nX-User-Id: a\rb\r\n\r\n' }),
  () => ({ text: 'GET /api/v1/me HTTP/1.1\r\nHost: x\r\nNoColonHere\r\n\r\n' }),
  () => ({ text: 'GET /api/v1/me HTTP/1.1\r\nHost: x\r\nX-User-Id : a\r\n\r\n' }),
  () => ({ text: 'GET /api/v1/me HTTP/1.1\r\nHost: x\r\nX-User-Id: a\r\n folded\r\n\r\n' }),
  () => ({ text: 'G T /api/info HTTP/1.1\r\nHost: x\r\n\r\n' }),
  () => ({ text: 'BREW /api/info HTTP/1.1\r\nHost: x\r\n\r\n' }),
  () => ({ text: 'GET /api/info HTTP/9.9\r\nHost: x\r\n\r\n' }),
  () => ({ text: 'GET /api/info HTTP/1.0\r\n\r\n' }),
  () => ({ text: 'GET /api/info\r\n\r\n' }),
  () => ({ text: 'GET api/info HTTP/1.1\r\nHost: x\r\n\r\n' }),
  () => ({ text: 'GET http://evil.example/api/info HTTP/1.1\r\nHost: x\r\n\r\n' }),
  () => ({ text: 'GET /api/info%zz HTTP/1.1\r\nHost: x\r\n\r\n' }),
  () => ({ text: 'GET /api/v1/users.info?username=%E0%A4%A&userId=%zz HTTP/1.1\r\nHost: x\r\n\r\n' }),
  () => ({ text: 'GET /api/v1/settings/%E0%A4%A HTTP/1.1\r\nHost: x\r\n\r\n' }),
  (_, a) => ({
    text: `POST /api/v1/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n${a}\r\n0\r\n\r\n`,
  }),
  () => ({
    text: 'POST /api/v1/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: -1\r\n\r\n',
  }),
  () => ({
    text: 'POST /api/v1/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}',
  }),
  () => ({
    text: 'POST /api/v1/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n',
  }),
  () => ({
    text: 'POST /api/v1/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n',
  }),
  () => ({
    text: 'POST /api/v1/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"user":',
    mayDrop: true,
  }),
  () => ({ text: `GET /api/info HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n` }),
  () => ({
    text: `GET /api/info HTTP/1.1\r\n${Array.from({ length: 3000 }, (_, i) => `X-H${i}: 1\r\n`).join('')}Host: x\r\n\r\n`,
  }),
  () => ({
    text: Buffer.from([0x16, 0x03, 0x01, 0x00, 0xa5, 0x01, 0x00, 0x00, 0xa1, 0x03, 0x03]),
    mayDrop: true,
  }),
  () => ({ text: 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n' }),
  (rng) => ({ text: Buffer.from(Array.from({ length: 64 }, () => rng.int(256))), mayDrop: true }),
  (_, a) => ({ text: `GET /api/v1/me HTTP/1.1\r\nHost: x\r\n${a}X-Auth-Token: \u00ff\u00fe\r\n\r\n` }),
  (_, a) => ({
    text: Buffer.concat([
      Buffer.from(`GET /api/v1/users.info?username=`),
      Buffer.from([0xc3, 0x28, 0xff]),
      Buffer.from(` HTTP/1.1\r\nHost: x\r\n${a}\r\n`),
    ]),
  }),
];

export function generateCase(seed: number, index: number, state: FuzzState): FuzzCase {
  const rng = new Rng((seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0);
  if (rng.chance(0.05)) {
    const template = rng.int(RAW_TEMPLATES.length);
    const auth = `X-User-Id: ${state.admin.userId}\r\nX-Auth-Token: ${state.admin.token}\r\n`;
    const { text, mayDrop } = (RAW_TEMPLATES[template] as (typeof RAW_TEMPLATES)[number])(rng, auth);
    const withClose = typeof text === 'string' ? Buffer.from(text, 'latin1') : text;
    return { kind: 'raw', label: `raw-${template}`, bytes: withClose, ...(mayDrop ? { mayDrop } : {}) };
  }
  const endpoint = rng.pick(ENDPOINTS);
  const methodRoll = rng.int(20);
  const method =
    methodRoll === 0
      ? rng.pick(['PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'])
      : methodRoll === 1
        ? endpoint.method === 'GET'
          ? 'POST'
          : 'GET'
        : endpoint.method;
  const auth = authHeaders(rng, state);
  const headers: Record<string, string | string[]> = { ...auth.headers };
  let path = mutatePath(rng, endpoint.path);
  let label = `${endpoint.method} ${endpoint.path} ${auth.label}`;
  let body: Buffer | undefined;
  if (endpoint.method === 'GET' || rng.chance(0.1)) path += queryFor(rng, endpoint, state);
  if (endpoint.method === 'POST' || rng.chance(0.05)) {
    const made = bodyFor(rng, endpoint, state);
    body = made.body;
    if (made.type) headers['content-type'] = made.type;
    label += ` ${made.label}`;
  }
  if (rng.chance(0.02)) headers['content-type'] = ['application/json', 'text/plain'];
  if (rng.chance(0.02)) headers['x-forwarded-for'] = rng.pick(['1.2.3.4', 'garbage', '::1, 10.0.0.1']);
  return { kind: 'http', label, method, path, headers, ...(body ? { body } : {}) };
}
