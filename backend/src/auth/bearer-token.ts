import { API_TOKEN_MAX_BYTES } from '@taskgate/api-contract';

// RFC 6750 §2.1: the scheme is case-insensitive, then one or more spaces and a
// b64token. Anything else (Basic, two tokens, trailing junk) is malformed.
const BEARER = /^bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;
const BEARER_SCHEME = /^bearer +/i;
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

/**
 * What follows `Bearer ` in an Authorization header (trailing whitespace
 * dropped), without checking its characters, or null when the header does
 * not start with the scheme or is too long to hold a token. Only for asking
 * whether one of our keys signed those bytes (the forged-token gate): a
 * header this accepts and {@link bearerTokenFrom} refuses carries no valid
 * token either way, so the answer, a 401, is the same. It spares the
 * strict pattern's pass over every character of the token: about 2 % of the
 * instructions a forged-token 401 costs (valgrind's callgrind, bench/).
 */
export function presentedBearerToken(authorization: string | undefined): string | null {
  if (typeof authorization !== 'string' || authorization.length > MAX_HEADER_LENGTH) return null;
  const scheme = BEARER_SCHEME.exec(authorization);
  return scheme === null ? null : authorization.slice(scheme[0].length).trimEnd();
}
