import * as jwt from 'jsonwebtoken';
import { deriveApiTokenKey } from './api-token-key';
import { mintApiToken, signApiToken } from './api-token-signer';

const key = deriveApiTokenKey('a-secret-of-at-least-32-characters-0001');
const otherKey = deriveApiTokenKey('a-secret-of-at-least-32-characters-0002');

describe('signApiToken', () => {
  it('signs a token an independent JWT library verifies, with exactly the given claims', () => {
    const claims = { sub: 'u1', sid: 's1', iss: 'http://a', aud: 'http://a', iat: 1_700_000_000, exp: 4_000_000_000 };
    const token = signApiToken(claims, key);
    expect(jwt.verify(token, key, { algorithms: ['HS256'] })).toEqual(claims);
    expect(jwt.decode(token, { complete: true })?.header).toEqual({ alg: 'HS256', typ: 'JWT' });
  });

  it('is refused under another key', () => {
    expect(() => jwt.verify(signApiToken({ sub: 'u1' }, key), otherKey)).toThrow('invalid signature');
  });
});

describe('mintApiToken', () => {
  it('carries sub, sid, issuer, audience and a lifetime counted from now', () => {
    const before = Math.floor(Date.now() / 1000);
    const token = mintApiToken({ key, sub: 'u1', issuer: 'http://localhost:4200', lifetimeSeconds: 60, name: 'Ada' });
    const claims = jwt.verify(token, key, { algorithms: ['HS256'], issuer: 'http://localhost:4200', audience: 'http://localhost:4200' }) as jwt.JwtPayload;
    expect(claims).toMatchObject({ sub: 'u1', sid: 'u1-session', name: 'Ada' });
    expect(claims).not.toHaveProperty('email');
    expect(claims.iat).toBeGreaterThanOrEqual(before);
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(60);
  });
});
