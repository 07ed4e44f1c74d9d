import type { RequestHandler } from 'express';

function normalize(address: string | undefined): string {
  if (!address) return '';
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}

/**
 * Better Auth keys its rate limits on X-Forwarded-For only, which any client
 * can write. Unless the connection comes from a proxy we trust, replace the
 * header with the socket address so a forged value cannot buy a fresh bucket.
 */
export function clientAddress(trustedProxies: readonly string[]): RequestHandler {
  const trusted = new Set(trustedProxies.map(normalize));
  return (req, _res, next) => {
    const peer = normalize(req.socket.remoteAddress);
    if (!trusted.has(peer)) {
      req.headers['x-forwarded-for'] = peer;
    }
    next();
  };
}
