import { API_TOKEN_MAX_BYTES } from '@taskgate/api-contract';

// RFC 6750 §2.1: the scheme is case-insensitive, then one or more spaces and a
// b64token. Anything else (Basic, two tokens, trailing junk) is malformed.
const BEARER = /^bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;

/**
 * The token of an `Authorization: Bearer …` header, or null when the header
 * is missing, malformed or longer than API.md allows.
 */
export function bearerTokenFrom(request: { headers: Record<string, string | string[] | undefined> }): string | null {
  const header = request.headers['authorization'];
  if (typeof header !== 'string' || header.length > API_TOKEN_MAX_BYTES + 16) return null;
  const match = BEARER.exec(header);
  if (!match || Buffer.byteLength(match[1]) > API_TOKEN_MAX_BYTES) return null;
  return match[1];
}
