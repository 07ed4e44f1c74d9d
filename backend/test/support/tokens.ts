import type { KeyObject } from 'node:crypto';
import { deriveApiTokenKey } from '@taskgate/api-token';
import jwt, { SignOptions } from 'jsonwebtoken';

/** The secret the test apps run with, and the issuer/audience they expect. */
export const TEST_SECRET = 'e2e-secret-e2e-secret-e2e-secret-0001';
export const TEST_PREVIOUS_SECRET = 'e2e-previous-secret-e2e-previous-0002';
export const TEST_ISSUER = 'http://localhost:4200';
export const TEST_AUDIENCE = 'http://localhost:4200';

/** The API token key for a secret (libs/api-token pins it to API.md's known answer). */
export function derivedKey(secret = TEST_SECRET): KeyObject {
  return deriveApiTokenKey(secret);
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
