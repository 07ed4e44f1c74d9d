/**
 * The API token: what it carries and the rules both servers hold it to. Its
 * key and signature (node:crypto) live in `@taskgate/api-token`.
 */

/** The only JWS algorithm either side signs or accepts. */
export const API_TOKEN_ALGORITHM = 'HS256';

/** Clock skew tolerated on `exp`, `nbf` and `iat`, in seconds. */
export const API_TOKEN_CLOCK_TOLERANCE_SECONDS = 5;

/** A token longer than this (in bytes) is rejected unread. */
export const API_TOKEN_MAX_BYTES = 8 * 1024;

/** Shortest `BETTER_AUTH_SECRET` either process accepts. */
export const AUTH_SECRET_MIN_LENGTH = 32;

/** Claims of an API token (RFC 7519 names). */
export interface ApiTokenClaims {
  /** The Better Auth user id; the owner of every task the token reaches. */
  sub: string;
  /** The Better Auth session the token was fetched with (its id, never its token); v1.1. */
  sid: string;
  iss: string;
  aud: string | string[];
  iat?: number;
  nbf?: number;
  exp: number;
  email?: string;
  name?: string;
}

/** `JWT_EXPIRES_IN` when unset: see SECURITY.md, "Token lifetime". */
export const API_TOKEN_DEFAULT_LIFETIME = '15m';

const LIFETIME = /^(\d+)\s*(s|sec|secs|second|seconds|m|min|mins|minute|minutes|h|hr|hrs|hour|hours|d|day|days)?$/i;
const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

/**
 * A token lifetime as `JWT_EXPIRES_IN` writes it (`15m`, `900s`, `900`: a
 * whole number with an optional unit), in seconds; null when it is not one.
 * Both servers read the variable through this: the frontend server signs
 * with it, the backend keeps revocation records for as long.
 */
export function parseTokenLifetime(text: string): number | null {
  const match = LIFETIME.exec(text.trim());
  if (!match) return null;
  const seconds = Number(match[1]) * UNIT_SECONDS[(match[2] ?? 's')[0].toLowerCase()];
  return seconds > 0 && Number.isSafeInteger(seconds) ? seconds : null;
}
