import { ConfigService } from '@nestjs/config';
import { ApiTokenClaims } from '@taskgate/api-contract';
import * as jwt from 'jsonwebtoken';
import type { KeyObject } from 'node:crypto';
import { Configuration } from '../config/configuration';
import { deriveApiTokenKey } from './api-token-keys';
import { JwtStrategy } from './jwt.strategy';

const NOW_SECONDS = 1_800_000_000;

function strategy(): JwtStrategy {
  const auth = {
    secret: 's'.repeat(32),
    previousSecrets: [],
    issuer: 'http://localhost:4200',
    audience: 'http://localhost:4200',
  };
  return new JwtStrategy({ get: () => auth } as unknown as ConfigService<Configuration, true>);
}

describe('JwtStrategy.validate', () => {
  const valid: Partial<ApiTokenClaims> = { sub: 'user-1', exp: NOW_SECONDS + 900, iat: NOW_SECONDS };

  beforeEach(() => jest.spyOn(Date, 'now').mockReturnValue(NOW_SECONDS * 1000));
  afterEach(() => jest.restoreAllMocks());

  it('returns the user of valid claims', () => {
    expect(strategy().validate(valid)).toEqual({ id: 'user-1' });
  });

  it('copies email and name when they are strings', () => {
    expect(strategy().validate({ ...valid, email: 'ada@example.com', name: 'Ada' })).toEqual({
      id: 'user-1',
      email: 'ada@example.com',
      name: 'Ada',
    });
  });

  it('ignores email and name that are not strings', () => {
    const claims = { ...valid, email: 42, name: { first: 'Ada' } } as unknown as Partial<ApiTokenClaims>;

    expect(strategy().validate(claims)).toStrictEqual({ id: 'user-1' });
  });

  it('copies no other claim', () => {
    const claims = { ...valid, role: 'admin', iss: 'x', aud: 'y' } as Partial<ApiTokenClaims>;

    expect(strategy().validate(claims)).toStrictEqual({ id: 'user-1' });
  });

  it('rejects claims without exp', () => {
    expect(strategy().validate({ sub: 'user-1', iat: NOW_SECONDS })).toBe(false);
  });

  it('rejects a non-numeric exp', () => {
    expect(strategy().validate({ ...valid, exp: String(NOW_SECONDS + 900) as unknown as number })).toBe(false);
  });

  it('accepts claims without iat', () => {
    expect(strategy().validate({ sub: 'user-1', exp: NOW_SECONDS + 900 })).toEqual({ id: 'user-1' });
  });

  it('accepts an iat up to 5 s in the future (clock tolerance)', () => {
    expect(strategy().validate({ ...valid, iat: NOW_SECONDS + 5 })).toEqual({ id: 'user-1' });
  });

  it('rejects an iat more than 5 s in the future', () => {
    expect(strategy().validate({ ...valid, iat: NOW_SECONDS + 6 })).toBe(false);
  });

  it('rejects a non-numeric iat', () => {
    expect(strategy().validate({ ...valid, iat: String(NOW_SECONDS) as unknown as number })).toBe(false);
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['blank', '   '],
    ['not a string', 42],
    ['containing NUL', 'user\u00001'],
    ['containing a newline', 'user\n1'],
    ['containing DEL', 'user\u007f1'],
  ])('rejects a sub that is %s', (_label, sub) => {
    expect(strategy().validate({ ...valid, sub: sub as string })).toBe(false);
  });
});

describe('JwtStrategy.verifyRequest', () => {
  const key = deriveApiTokenKey('s'.repeat(32));
  const ISSUER = 'http://localhost:4200';
  const sign = (claims: object, signingKey: KeyObject = key) =>
    jwt.sign({ iss: ISSUER, aud: ISSUER, ...claims }, signingKey, { algorithm: 'HS256', noTimestamp: true });
  const requestWith = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });
  const at = (seconds: number) => jest.spyOn(Date, 'now').mockReturnValue(seconds * 1000);

  afterEach(() => jest.restoreAllMocks());

  it('accepts a valid token, and the same token again', async () => {
    at(NOW_SECONDS);
    const verifier = strategy();
    const token = sign({ sub: 'user-1', iat: NOW_SECONDS, exp: NOW_SECONDS + 900 });

    await expect(verifier.verifyRequest(requestWith(token))).resolves.toEqual({ id: 'user-1' });
    await expect(verifier.verifyRequest(requestWith(token))).resolves.toEqual({ id: 'user-1' });
  });

  it('answers a token it has verified before exactly as a fresh verification would, as it nears and passes exp', async () => {
    at(NOW_SECONDS);
    const remembering = strategy();
    const token = sign({ sub: 'user-1', iat: NOW_SECONDS, exp: NOW_SECONDS + 60 });
    await expect(remembering.verifyRequest(requestWith(token))).resolves.toEqual({ id: 'user-1' });

    // exp + 5 s of clock tolerance: still good 4 s after exp, no longer at 5.
    for (const [later, expected] of [
      [-1, { id: 'user-1' }],
      [4, { id: 'user-1' }],
      [5, null],
      [3600, null],
    ] as const) {
      at(NOW_SECONDS + 60 + later);
      const fresh = await strategy().verifyRequest(requestWith(token));
      const remembered = await remembering.verifyRequest(requestWith(token));
      expect({ later, fresh, remembered }).toEqual({ later, fresh: expected, remembered: expected });
    }
  });

  it('refuses a token that differs from a verified one only by its signature', async () => {
    at(NOW_SECONDS);
    const verifier = strategy();
    const claims = { sub: 'user-1', iat: NOW_SECONDS, exp: NOW_SECONDS + 900 };
    await verifier.verifyRequest(requestWith(sign(claims)));

    const forged = sign(claims, deriveApiTokenKey('another secret, another key'));

    await expect(verifier.verifyRequest(requestWith(forged))).resolves.toBeNull();
  });

  it('refuses a token whose claims it refused before, every time', async () => {
    at(NOW_SECONDS);
    const verifier = strategy();
    const noSubject = sign({ iat: NOW_SECONDS, exp: NOW_SECONDS + 900 });

    await expect(verifier.verifyRequest(requestWith(noSubject))).resolves.toBeNull();
    await expect(verifier.verifyRequest(requestWith(noSubject))).resolves.toBeNull();
  });
});
