import { createSecretKey, hkdfSync, KeyObject } from 'node:crypto';
import { API_TOKEN_KEY_DERIVATION } from '@taskgate/api-contract';
import jwt, { SignOptions } from 'jsonwebtoken';

/** The secret the test apps run with, and the issuer/audience they expect. */
export const TEST_SECRET = 'e2e-secret-e2e-secret-e2e-secret-0001';
export const TEST_PREVIOUS_SECRET = 'e2e-previous-secret-e2e-previous-0002';
export const TEST_ISSUER = 'http://localhost:4200';
export const TEST_AUDIENCE = 'http://localhost:4200';

/** Derives the API token key exactly as API.md specifies (independently of the backend's code). */
export function derivedKey(secret = TEST_SECRET): KeyObject {
  const { hash, salt, info, length } = API_TOKEN_KEY_DERIVATION;
  return createSecretKey(Buffer.from(hkdfSync(hash, secret, salt, info, length)));
}

/** A valid API token for `sub`, as the frontend server issues them; claims and options may be overridden. */
export function tokenFor(sub: string, claims: Record<string, unknown> = {}, options: SignOptions = {}): string {
  return jwt.sign({ sub, sid: `session-of-${sub}`, email: `${sub}@example.test`, name: sub, ...claims }, derivedKey(), {
    algorithm: 'HS256',
    expiresIn: '15m',
    issuer: TEST_ISSUER,
    audience: TEST_AUDIENCE,
    ...options,
  });
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** A fresh user id per test, so tests never share state. */
let counter = 0;
export function newUserId(label = 'user'): string {
  counter += 1;
  return `${label}-${process.pid}-${Date.now().toString(36)}-${counter}`;
}
