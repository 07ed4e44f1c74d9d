import { ConfigService } from '@nestjs/config';
import { ApiTokenClaims } from '@taskgate/api-contract';
import * as jwt from 'jsonwebtoken';
import { Configuration } from '../config/configuration';
import { deriveApiTokenKey } from '@taskgate/api-token';
import { ApiTokenVerifier } from './api-token-verifier';
import { RevocationFeed } from './revocation-feed';

const NOW_SECONDS = 1_800_000_000;
const SECRET = 's'.repeat(32);
const ISSUER = 'http://localhost:4200';

/** The revocation feed's answers, as a test sets them. */
class HeardRevocations {
  sessions = new Set<string>();
  users = new Set<string>();
  heard = true;
  isRevoked(sessionId: string, userId: string) {
    return this.sessions.has(sessionId) || this.users.has(userId);
  }
  vouches() {
    return this.heard;
  }
}

function verifierWith(revocations = new HeardRevocations(), lifetime = 900) {
  const auth = { secret: SECRET, previousSecrets: [], issuer: ISSUER, audience: ISSUER, tokenLifetimeSeconds: lifetime };
  const config = { get: () => auth } as unknown as ConfigService<Configuration, true>;
  return { verifier: new ApiTokenVerifier(config, revocations as unknown as RevocationFeed), revocations };
}

const valid: Partial<ApiTokenClaims> = { sub: 'user-1', sid: 'session-1', exp: NOW_SECONDS + 900, iat: NOW_SECONDS };
const sign = (claims: object, header: object = {}, secret = SECRET) =>
  jwt.sign(claims, deriveApiTokenKey(secret), { algorithm: 'HS256', header: { alg: 'HS256', ...header } as jwt.JwtHeader });

beforeEach(() => jest.spyOn(Date, 'now').mockReturnValue(NOW_SECONDS * 1000));
afterEach(() => jest.restoreAllMocks());

describe('ApiTokenVerifier.keyFor', () => {
  it('hands over the key that verifies a token it signed', () => {
    const { verifier } = verifierWith();
    const token = sign(valid);
    expect(jwt.verify(token, verifier.keyFor(token) as never, { algorithms: ['HS256'] })).toMatchObject({ sub: 'user-1' });
  });

  it('hands a token another secret signed the current key, which its signature then fails', () => {
    const { verifier } = verifierWith();
    const forged = sign(valid, {}, 'x'.repeat(32));
    expect(() => jwt.verify(forged, verifier.keyFor(forged) as never, { algorithms: ['HS256'] })).toThrow(/invalid signature/);
  });

  it('refuses a header with crit, even correctly signed (RFC 7515 §4.1.11)', () => {
    const { verifier } = verifierWith();
    expect(verifier.keyFor(sign(valid, { crit: ['exp'] }))).toBeNull();
  });
});

describe('ApiTokenVerifier.admit', () => {
  // jsonwebtoken has accepted the token by now; only its claims matter here.
  const admit = (claims: Partial<ApiTokenClaims>, setup = verifierWith()) => setup.verifier.admit('header.payload.signature', claims);

  it('returns the user and session of valid claims, with email and name when strings', () => {
    expect(admit({ ...valid, email: 'ada@example.com', name: 'Ada', role: 'admin' } as Partial<ApiTokenClaims>)).toStrictEqual({
      id: 'user-1',
      sessionId: 'session-1',
      email: 'ada@example.com',
      name: 'Ada',
    });
    expect(admit({ ...valid, email: 42 } as unknown as Partial<ApiTokenClaims>)).toStrictEqual({ id: 'user-1', sessionId: 'session-1' });
  });

  it.each([
    ['without exp', { exp: undefined }],
    ['with a non-numeric exp', { exp: String(NOW_SECONDS + 900) }],
    ['with an exp further away than the lifetime allows', { exp: NOW_SECONDS + 900 + 6 }],
    ['with an iat more than 5 s ahead', { iat: NOW_SECONDS + 6 }],
    ['with a non-numeric iat', { iat: String(NOW_SECONDS) }],
    ['without sid', { sid: undefined }],
    ['with an empty sid', { sid: ' ' }],
    ['with a sid holding NUL', { sid: 's\u00001' }],
    ['without sub', { sub: undefined }],
    ['with a sub holding a newline', { sub: 'user\n1' }],
    ['with a sub that is not a string', { sub: 42 }],
  ])('refuses claims %s', (_label, change) => {
    expect(admit({ ...valid, ...change } as unknown as Partial<ApiTokenClaims>)).toBeNull();
  });

  it('accepts no iat, and an iat up to 5 s ahead (clock tolerance)', () => {
    expect(admit({ ...valid, iat: undefined })).not.toBeNull();
    expect(admit({ ...valid, iat: NOW_SECONDS + 5 })).not.toBeNull();
  });

  it('refuses a token of an ended session or a deleted account', () => {
    const ended = verifierWith();
    ended.revocations.sessions.add('session-1');
    expect(admit(valid, ended)).toBeNull();
    expect(admit({ ...valid, sid: 'session-2' }, ended)).not.toBeNull();

    const deleted = verifierWith();
    deleted.revocations.users.add('user-1');
    expect(admit({ ...valid, sid: 'session-9' }, deleted)).toBeNull();
  });
});

describe('ApiTokenVerifier.remembered and mayBeValid', () => {
  it('remembers an admitted token until its session ends', () => {
    const { verifier, revocations } = verifierWith();
    const token = sign(valid);
    expect(verifier.remembered(token)).toBeUndefined();
    verifier.admit(token, valid);
    expect(verifier.remembered(token)).toEqual({ id: 'user-1', sessionId: 'session-1' });
    expect(verifier.mayBeValid(token)).toBe(true);

    revocations.sessions.add('session-1');
    expect(verifier.remembered(token)).toBeUndefined();
    expect(verifier.mayBeValid(token)).toBe(false);
  });

  it('takes any token our key signed as possibly valid, and no other', () => {
    const { verifier } = verifierWith();
    expect(verifier.mayBeValid(sign({ sub: 'anything' }))).toBe(true);
    expect(verifier.mayBeValid(sign(valid, {}, 'x'.repeat(32)))).toBe(false);
    expect(verifier.mayBeValid('not-a-token')).toBe(false);
  });
});
