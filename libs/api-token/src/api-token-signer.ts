import { createHmac, type KeyObject } from 'node:crypto';
import { API_TOKEN_ALGORITHM, type ApiTokenClaims } from '@taskgate/api-contract';

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A compact JWS, HS256, over the claims exactly as given (nothing added). */
export function signApiToken(claims: object, key: KeyObject): string {
  const signingInput = `${base64url({ alg: API_TOKEN_ALGORITHM, typ: 'JWT' })}.${base64url(claims)}`;
  return `${signingInput}.${createHmac('sha256', key).update(signingInput).digest('base64url')}`;
}

export interface MintApiTokenOptions {
  key: KeyObject;
  sub: string;
  /** The session the token belongs to; default `<sub>-session`. */
  sid?: string;
  issuer: string;
  /** Default: the issuer, as the frontend server sets it. */
  audience?: string;
  lifetimeSeconds: number;
  /** Profile claims, as the frontend server adds them. */
  email?: string;
  name?: string;
}

/**
 * An API token shaped as the frontend server issues them, for the scripts
 * and tests that stand in for it (benchmark, soak test, launcher smoke test).
 * Pass another secret's key to forge one.
 */
export function mintApiToken(options: MintApiTokenOptions): string {
  const { key, sub, sid = `${sub}-session`, issuer, audience = issuer, lifetimeSeconds, email, name } = options;
  const iat = Math.floor(Date.now() / 1000);
  const claims: ApiTokenClaims = { sub, sid, iss: issuer, aud: audience, iat, exp: iat + lifetimeSeconds, email, name };
  return signApiToken(claims, key);
}
