// Security F5: warns once when X-Forwarded-For arrives from a proxy-like peer while trust-proxy is off.
import type { FastifyInstance } from 'fastify';
import type { Logger } from '../core/logger.js';
import type { TrustProxy } from '../trust-proxy.js';

/** Loopback, RFC 1918, CGNAT, IPv6 unique-local and link-local peers: where a reverse proxy or NAT usually sits. */
export function isProxyLikePeer(address: string | undefined): boolean {
  if (address === undefined) return false;
  const ip = address.startsWith('::ffff:') ? address.slice(7) : address;
  const lower = ip.toLowerCase();
  if (lower === '::1' || lower.startsWith('fc') || lower.startsWith('fd') || lower.startsWith('fe80:'))
    return true;
  const octets = ip.split('.').map(Number);
  if (octets.length !== 4 || octets.some((octet) => !Number.isInteger(octet))) return false;
  const [a = 0, b = 0] = octets;
  return (
    a === 127 ||
    a === 10 ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 100 && b >= 64 && b <= 127)
  );
}

export const PROXY_WARNING =
  'X-Forwarded-For came from a private or loopback peer while trust-proxy is off: every client behind this proxy ' +
  'shares one address for the rate limiter and the failed-login IP block, so one guesser can block logins for ' +
  'all. Set --trust-proxy (ROSTER_TRUST_PROXY) to the proxy hop count or addresses.';

/**
 * With trust-proxy off, `request.ip` is the proxy's address. The first request that shows it (a forwarded header
 * from a proxy-like peer) logs one warning; the app (one per process) never repeats it.
 */
export function installProxyWarning(app: FastifyInstance, log: Logger, trust: TrustProxy): void {
  if (trust !== false) return;
  let warned = false;
  app.addHook('onRequest', (request, _reply, done) => {
    if (
      !warned &&
      request.headers['x-forwarded-for'] !== undefined &&
      isProxyLikePeer(request.socket.remoteAddress)
    ) {
      warned = true;
      log.warn({ peer: request.socket.remoteAddress }, PROXY_WARNING);
    }
    done();
  });
}
