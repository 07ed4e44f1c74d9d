import { API_TOKEN_MAX_BYTES } from '@taskgate/api-contract';

// RFC 6750 §2.1: the scheme is case-insensitive, then one or more spaces and a
// b64token. Anything else (Basic, two tokens, trailing junk) is malformed.
const BEARER = /^bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;
// Read once: the contract library re-exports it through a getter.
const MAX_BYTES = API_TOKEN_MAX_BYTES;
// The longest header that can carry a token of MAX_BYTES (scheme, spaces).
const MAX_HEADER_LENGTH = MAX_BYTES + 16;

/**
 * The token of an `Authorization: Bearer …` header, or null when the header
 * is missing, malformed or longer than API.md allows.
 */
export function bearerTokenFrom(request: { headers: Record<string, string | string[] | undefined> }): string | null {
  const header = request.headers['authorization'];
  if (typeof header !== 'string' || header.length > MAX_HEADER_LENGTH) return null;
  const match = BEARER.exec(header);
  // The b64token alphabet is ASCII: its length is its size in bytes.
  if (!match || match[1].length > MAX_BYTES) return null;
  return match[1];
}
