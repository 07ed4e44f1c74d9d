import { createSecretKey, hkdfSync, type KeyObject } from 'node:crypto';

/**
 * How both servers turn `BETTER_AUTH_SECRET` into the HS256 key of API tokens
 * (HKDF, RFC 5869), so the frontend server can sign and the backend verify
 * without ever talking to each other. The raw secret is never the key:
 * Better Auth signs its own cookies and verification tokens with it, and
 * sharing it would let one kind of token pass for the other.
 */
export const API_TOKEN_KEY_DERIVATION = {
  /** HKDF hash function. */
  hash: 'sha256',
  /** HKDF salt, UTF-8. */
  salt: 'taskgate',
  /** HKDF info: names the purpose and version of the key. */
  info: 'taskgate/api-jwt/hs256/v1',
  /** Key length in bytes. */
  length: 32,
} as const;

/**
 * The HS256 key of API tokens for one Better Auth secret. A KeyObject, not a
 * Buffer: jsonwebtoken tries (and fails) createPublicKey() on every verify
 * with anything else, about 50 times slower.
 */
export function deriveApiTokenKey(secret: string): KeyObject {
  const { hash, salt, info, length } = API_TOKEN_KEY_DERIVATION;
  return createSecretKey(Buffer.from(hkdfSync(hash, Buffer.from(secret, 'utf8'), salt, info, length)));
}
