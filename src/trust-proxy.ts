// ROSTER_TRUST_PROXY: which reverse proxies may name the client in X-Forwarded-For (Meteor's HTTP_FORWARDED_COUNT).
import { isIP } from 'node:net';

/** Fastify's `trustProxy`: off, every hop, a hop count, or the proxies' addresses/CIDR ranges. */
export type TrustProxy = boolean | number | string[];

/**
 * `false` (default): the connection's address is the client, X-Forwarded-For is ignored. `true`: the left-most
 * X-Forwarded-For address (only safe when every request passes a proxy that overwrites the header). A whole
 * number: that many proxies in front, as Meteor's HTTP_FORWARDED_COUNT. Otherwise a comma-separated list of
 * proxy addresses or CIDR ranges. Null for anything else.
 */
export function parseTrustProxy(value: string): TrustProxy | null {
  const text = value.trim();
  if (text === 'false') return false;
  if (text === 'true') return true;
  if (/^\d+$/.test(text)) return Number(text);
  const entries = text.split(',').map((entry) => entry.trim());
  return entries.length > 0 && entries.every(isAddressOrRange) ? entries : null;
}

function isAddressOrRange(entry: string): boolean {
  const [address = '', bits, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  const maxBits = family === 4 ? 32 : 128;
  return /^\d+$/.test(bits) && Number(bits) <= maxBits;
}
