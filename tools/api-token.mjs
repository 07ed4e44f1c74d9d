// API tokens for the plain-Node scripts (benchmark, soak test, launcher smoke
// test): the HS256 key derived from BETTER_AUTH_SECRET as API.md says, and a
// token signed with it, as the frontend server's Better Auth issues them.
// The derivation repeats libs/api-contract's API_TOKEN_KEY_DERIVATION (these
// scripts run without a TypeScript build); the smoke test in `npm test` uses
// a token minted here against the real backend, so a drift would fail it.
import { createHmac, hkdfSync } from 'node:crypto';

/** The HS256 key of API tokens for this Better Auth secret. */
export function apiTokenKey(secret) {
  return Buffer.from(hkdfSync('sha256', secret, 'taskgate', 'taskgate/api-jwt/hs256/v1', 32));
}

const base64url = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * An API token for `sub` and session `sid`, signed with `key` (pass another
 * key to forge one). The backend refuses a lifetime longer than its
 * JWT_EXPIRES_IN.
 */
export function mintApiToken({ key, sub, sid = `${sub}-session`, issuer, audience = issuer, lifetimeSeconds }) {
  const now = Math.floor(Date.now() / 1000);
  const input = `${base64url({ alg: 'HS256', typ: 'JWT' })}.${base64url({ sub, sid, iss: issuer, aud: audience, iat: now, exp: now + lifetimeSeconds })}`;
  return `${input}.${createHmac('sha256', key).update(input).digest('base64url')}`;
}
