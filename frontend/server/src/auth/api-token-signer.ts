import { createHmac, createSecretKey, hkdfSync, type KeyObject } from 'node:crypto';
import { API_TOKEN_ALGORITHM, API_TOKEN_KEY_DERIVATION } from '@taskgate/api-contract';

/**
 * The HS256 key for API tokens. Derived, never the raw secret: Better Auth
 * signs its own cookies and email-verification tokens with the raw secret, so
 * sharing it would let one kind of token pass for the other (see API.md).
 */
export function deriveApiTokenKey(secret: string): KeyObject {
  const { hash, salt, info, length } = API_TOKEN_KEY_DERIVATION;
  return createSecretKey(Buffer.from(hkdfSync(hash, secret, salt, info, length)));
}

function base64url(input: string | Buffer): string {
  return Buffer.from(input).toString('base64url');
}

/** Compact JWS, HS256, over the claims exactly as given. */
export function signApiToken(claims: Record<string, unknown>, key: KeyObject): string {
  const header = base64url(JSON.stringify({ alg: API_TOKEN_ALGORITHM, typ: 'JWT' }));
  const payload = base64url(JSON.stringify(claims));
  const signature = createHmac('sha256', key).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${signature}`;
}
