import { generateKeyPairSync, createHmac } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { bearer, derivedKey, newUserId, TEST_AUDIENCE, TEST_ISSUER, TEST_PREVIOUS_SECRET, TEST_SECRET, tokenFor } from './support/tokens';
import { startTestApp, TestApp } from './support/test-app';

const b64url = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
const now = () => Math.floor(Date.now() / 1000);

/** Signs header.payload with HMAC-SHA256 by hand, for tokens jsonwebtoken refuses to make. */
function handSigned(header: object, payload: object, key = derivedKey()): string {
  const input = `${b64url(header)}.${b64url(payload)}`;
  return `${input}.${createHmac('sha256', key).update(input).digest('base64url')}`;
}

function claimsFor(sub: string, extra: Record<string, unknown> = {}) {
  return { sub, sid: `session-of-${sub}`, iss: TEST_ISSUER, aud: TEST_AUDIENCE, iat: now(), exp: now() + 600, ...extra };
}

describe('Authentication of /api/{user_id}/tasks', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('accepts a valid token for its own path', async () => {
    const user = newUserId();
    const response = await t.http.get(`/api/${user}/tasks`).set(bearer(tokenFor(user)));
    expect(response.status).toBe(200);
    expect(response.body).toEqual([]);
  });

  it('accepts the scheme name in any case', async () => {
    const user = newUserId();
    for (const scheme of ['bearer', 'BEARER', 'BeArEr']) {
      const response = await t.http.get(`/api/${user}/tasks`).set('Authorization', `${scheme} ${tokenFor(user)}`);
      expect(response.status).toBe(200);
    }
  });

  it('answers 401 with WWW-Authenticate: Bearer and no error when no token is sent', async () => {
    const response = await t.http.get(`/api/${newUserId()}/tasks`);
    expect(response.status).toBe(401);
    expect(response.headers['www-authenticate']).toBe('Bearer');
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ type: 'about:blank', title: 'Unauthorized', status: 401 });
  });

  const user = 'victim-user';
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const valid = () => tokenFor(user);
  const hostile: [string, () => string][] = [
    ['alg none, unsigned', () => `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url(claimsFor(user))}.`],
    ['alg none with a signature', () => `${b64url({ alg: 'none' })}.${b64url(claimsFor(user))}.${b64url('sig')}`],
    ['alg "None" spelled otherwise', () => `${b64url({ alg: 'None' })}.${b64url(claimsFor(user))}.`],
    ['HS384 with the derived key', () => jwt.sign(claimsFor(user), derivedKey(), { algorithm: 'HS384' })],
    ['HS512 with the derived key', () => jwt.sign(claimsFor(user), derivedKey(), { algorithm: 'HS512' })],
    ['RS256 with an attacker key', () => jwt.sign(claimsFor(user), rsa.privateKey, { algorithm: 'RS256' })],
    ['ES256 with an attacker key', () => jwt.sign(claimsFor(user), ec.privateKey, { algorithm: 'ES256' })],
    ['header says RS256, HMAC-signed with the derived key (alg confusion)', () => handSigned({ alg: 'RS256', typ: 'JWT' }, claimsFor(user))],
    ['HS256 with another secret', () => jwt.sign(claimsFor(user), 'another-secret-another-secret-another', { algorithm: 'HS256' })],
    ['HS256 with the raw, underived BETTER_AUTH_SECRET', () => jwt.sign(claimsFor(user), TEST_SECRET, { algorithm: 'HS256' })],
    ['HS256 with an empty key', () => handSigned({ alg: 'HS256' }, claimsFor(user), Buffer.alloc(0) as never)],
    ['no exp', () => handSigned({ alg: 'HS256' }, { sub: user, iss: TEST_ISSUER, aud: TEST_AUDIENCE, iat: now() })],
    ['exp as a string', () => handSigned({ alg: 'HS256' }, claimsFor(user, { exp: String(now() + 600) }))],
    ['expired beyond the 5 s tolerance', () => handSigned({ alg: 'HS256' }, claimsFor(user, { iat: now() - 100, exp: now() - 10 }))],
    ['nbf in the future', () => handSigned({ alg: 'HS256' }, claimsFor(user, { nbf: now() + 60 }))],
    ['iat in the future', () => handSigned({ alg: 'HS256' }, claimsFor(user, { iat: now() + 60 }))],
    ['iat not a number', () => handSigned({ alg: 'HS256' }, claimsFor(user, { iat: 'yesterday' }))],
    ['wrong iss', () => handSigned({ alg: 'HS256' }, claimsFor(user, { iss: 'https://evil.example' }))],
    ['no iss', () => handSigned({ alg: 'HS256' }, claimsFor(user, { iss: undefined }))],
    ['wrong aud', () => handSigned({ alg: 'HS256' }, claimsFor(user, { aud: 'some-other-api' }))],
    ['no aud', () => handSigned({ alg: 'HS256' }, claimsFor(user, { aud: undefined }))],
    ['no sub', () => handSigned({ alg: 'HS256' }, claimsFor(user, { sub: undefined }))],
    ['empty sub', () => handSigned({ alg: 'HS256' }, claimsFor(user, { sub: '' }))],
    ['sub not a string', () => handSigned({ alg: 'HS256' }, claimsFor(user, { sub: 12345 }))],
    ['sub with a NUL', () => handSigned({ alg: 'HS256' }, claimsFor(user, { sub: `${user}\u0000` }))],
    ['payload tampered after signing', () => {
      const [header, , signature] = valid().split('.');
      return `${header}.${b64url(claimsFor(user, { admin: true }))}.${signature}`;
    }],
    ['signature stripped', () => valid().split('.').slice(0, 2).join('.') + '.'],
    ['signature of another token', () => {
      const [header, payload] = valid().split('.');
      return `${header}.${payload}.${tokenFor('someone-else').split('.')[2]}`;
    }],
    ['over 8 KiB', () => tokenFor(user, { padding: 'x'.repeat(9000) })],
    ['not a JWT at all', () => 'not-a-token'],
    ['two segments only', () => valid().split('.').slice(0, 2).join('.')],
    ['payload not JSON', () => `${b64url({ alg: 'HS256' })}.${b64url('not json')}.sig`],
    ['JWE-shaped, five segments', () => `${valid()}.x.y`],
  ];

  it.each(hostile)('rejects a token with %s: 401 invalid_token, no detail', async (_name, make) => {
    const response = await t.http.get(`/api/${user}/tasks`).set('Authorization', `Bearer ${make()}`);
    expect(response.status).toBe(401);
    expect(response.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
    expect(response.body.detail).toBe('A valid bearer token is required.');
  });

  it.each([
    ['Basic credentials', () => `Basic ${Buffer.from('a:b').toString('base64')}`],
    ['a bare token without scheme', () => valid()],
  ])('answers the bare challenge to credentials of another scheme: %s', async (_name, make) => {
    const response = await t.http.get(`/api/${user}/tasks`).set('Authorization', make());
    expect(response.status).toBe(401);
    expect(response.headers['www-authenticate']).toBe('Bearer');
  });

  it.each([
    ['the scheme without a token', () => 'Bearer'],
    ['two tokens', () => `Bearer ${valid()} ${valid()}`],
    ['a token followed by junk', () => `Bearer ${valid()} junk`],
    ['a token in quotes', () => `Bearer "${valid()}"`],
  ])('rejects a malformed Authorization header: %s', async (_name, make) => {
    const response = await t.http.get(`/api/${user}/tasks`).set('Authorization', make());
    expect(response.status).toBe(401);
    expect(response.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
  });

  it('tolerates 5 s of clock skew on exp and nbf, not more', async () => {
    const skewed = handSigned({ alg: 'HS256' }, claimsFor(user, { iat: now() - 600, exp: now() - 3, nbf: now() + 3 }));
    expect((await t.http.get(`/api/${user}/tasks`).set(bearer(skewed))).status).toBe(200);
  });

  it('accepts an audience list that contains the expected audience', async () => {
    const token = handSigned({ alg: 'HS256', typ: 'JWT' }, claimsFor(user, { aud: ['other', TEST_AUDIENCE] }));
    expect((await t.http.get(`/api/${user}/tasks`).set(bearer(token))).status).toBe(200);
  });

  it('accepts tokens of a previous secret during a rotation (BETTER_AUTH_PREVIOUS_SECRETS)', async () => {
    const token = jwt.sign(claimsFor(user), derivedKey(TEST_PREVIOUS_SECRET), { algorithm: 'HS256' });
    expect((await t.http.get(`/api/${user}/tasks`).set(bearer(token))).status).toBe(200);
  });

  it('rejects the raw previous secret all the same', async () => {
    const token = jwt.sign(claimsFor(user), TEST_PREVIOUS_SECRET, { algorithm: 'HS256' });
    expect((await t.http.get(`/api/${user}/tasks`).set(bearer(token))).status).toBe(401);
  });

  it('answers 403 when the path names another user, after the token is accepted', async () => {
    const response = await t.http.get(`/api/someone-else/tasks`).set(bearer(tokenFor(user)));
    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({ status: 403, title: 'Forbidden' });
  });
});

describe('Authentication without previous secrets', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ BETTER_AUTH_PREVIOUS_SECRETS: '' });
  });
  afterAll(() => t.close());

  it('stops accepting the old key once the rotation is over', async () => {
    const user = newUserId();
    const old = jwt.sign(claimsFor(user), derivedKey(TEST_PREVIOUS_SECRET), { algorithm: 'HS256' });
    expect((await t.http.get(`/api/${user}/tasks`).set(bearer(old))).status).toBe(401);
    expect((await t.http.get(`/api/${user}/tasks`).set(bearer(tokenFor(user)))).status).toBe(200);
  });
});
