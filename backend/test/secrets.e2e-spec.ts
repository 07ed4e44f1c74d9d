import { randomBytes } from 'node:crypto';
import { deriveApiTokenKey } from '@taskgate/api-token';
import jwt from 'jsonwebtoken';
import { ListeningApp, startAppOn } from './support/app-on-database';
import { BuiltBackend, ensureBuiltBackend, startBuiltBackend } from './support/built-backend';
import { createTestDatabase, type TestDatabase } from '@taskgate/postgres/testing';
import { derivedKey, newUserId, TEST_AUDIENCE, TEST_ISSUER } from './support/tokens';
import { reportFigure } from '@taskgate/test-report';

/** A fresh secret of 48 characters, unlike any other in the run. */
const newSecret = () => `rot-${randomBytes(33).toString('base64url')}`;

/** An API token for `sub` signed with the key derived from `secret`, as the frontend server issues them. */
function tokenSignedWith(secret: string, sub: string, claims: Record<string, unknown> = {}, options: jwt.SignOptions = {}): string {
  return jwt.sign({ sub, sid: `session-of-${sub}`, ...claims }, derivedKey(secret), {
    algorithm: 'HS256',
    expiresIn: '15m',
    issuer: TEST_ISSUER,
    audience: TEST_AUDIENCE,
    ...options,
  });
}

async function statusOf(app: ListeningApp | BuiltBackend, user: string, token: string, init: RequestInit = {}): Promise<number> {
  const response = await fetch(`${app.url}/api/${encodeURIComponent(user)}/tasks`, {
    ...init,
    headers: { Authorization: `Bearer ${token}`, ...(init.headers as Record<string, string> | undefined) },
  });
  await response.arrayBuffer();
  return response.status;
}

describe('secret rotation (BETTER_AUTH_PREVIOUS_SECRETS), one database, instances restarted', () => {
  let db: TestDatabase;
  const oldSecret = newSecret();
  const newSecretValue = newSecret();
  const user = newUserId('rotation');
  const oldToken = tokenSignedWith(oldSecret, user);
  const newToken = tokenSignedWith(newSecretValue, user);
  const apps: ListeningApp[] = [];
  const start = async (env: Record<string, string>) => {
    const app = await startAppOn(db.url, env);
    apps.push(app);
    return app;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    await db?.drop();
  });

  it('before: the old secret signs tokens the backend accepts; tokens of the next secret are refused', async () => {
    const app = await start({ BETTER_AUTH_SECRET: oldSecret });
    expect(await statusOf(app, user, oldToken, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"title":"before the rotation"}' })).toBe(201);
    expect(await statusOf(app, user, newToken)).toBe(401);
    await app.close();
  });

  it('during: with the old secret in BETTER_AUTH_PREVIOUS_SECRETS, old and new tokens both work, on two instances at once', async () => {
    // Instance A: already rotated. Instance B: the old secret still current but
    // the new one accepted in advance (the zero-downtime order of SECURITY.md).
    const rotated = await start({ BETTER_AUTH_SECRET: newSecretValue, BETTER_AUTH_PREVIOUS_SECRETS: oldSecret });
    const preparing = await start({ BETTER_AUTH_SECRET: oldSecret, BETTER_AUTH_PREVIOUS_SECRETS: newSecretValue });
    for (const app of [rotated, preparing]) {
      expect(await statusOf(app, user, oldToken)).toBe(200);
      expect(await statusOf(app, user, newToken)).toBe(200);
      // Neither a third secret nor the raw old secret (no HKDF) is accepted.
      expect(await statusOf(app, user, tokenSignedWith(newSecret(), user))).toBe(401);
      const rawSecretToken = jwt.sign({ sub: user }, oldSecret, { algorithm: 'HS256', expiresIn: '15m', issuer: TEST_ISSUER, audience: TEST_AUDIENCE });
      expect(await statusOf(app, user, rawSecretToken)).toBe(401);
    }
    const listed = await fetch(`${rotated.url}/api/${encodeURIComponent(user)}/tasks`, { headers: { Authorization: `Bearer ${oldToken}` } });
    expect(((await listed.json()) as { title: string }[]).map((task) => task.title)).toEqual(['before the rotation']);
    await rotated.close();
    await preparing.close();
  });

  it('after: once the old secret is removed, its tokens answer 401 and the new ones keep working', async () => {
    const app = await start({ BETTER_AUTH_SECRET: newSecretValue });
    const refused = await fetch(`${app.url}/api/${encodeURIComponent(user)}/tasks`, { headers: { Authorization: `Bearer ${oldToken}` } });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
    expect(await statusOf(app, user, newToken)).toBe(200);
    await app.close();
  });
});

/** Every way the secret could be written down: raw, and the derived key as hex, base64 and base64url. */
function secretForms(secret: string): string[] {
  const key = deriveApiTokenKey(secret).export();
  return [secret, key.toString('hex'), key.toString('base64'), key.toString('base64url'), key.toString('base64').replace(/=+$/, '')];
}

describe('no secret or token in any log line (the built backend at LOG_LEVEL=trace)', () => {
  let db: TestDatabase;
  let backend: BuiltBackend;
  const secret = newSecret();
  const previous = newSecret();

  beforeAll(async () => {
    await ensureBuiltBackend();
    db = await createTestDatabase();
    backend = await startBuiltBackend(db.url, { BETTER_AUTH_SECRET: secret, BETTER_AUTH_PREVIOUS_SECRETS: previous, LOG_LEVEL: 'trace' });
  }, 240_000);
  afterAll(async () => {
    await backend?.stop();
    await db?.drop();
  });

  it('logs each request (by id) but none of the secrets, their derived keys or the tokens sent', async () => {
    const user = newUserId('logs');
    const now = Math.floor(Date.now() / 1000);
    const tokens = {
      valid: tokenSignedWith(secret, user),
      previous: tokenSignedWith(previous, user),
      otherUser: tokenSignedWith(secret, `${user}-other`),
      badSignature: tokenSignedWith(newSecret(), user),
      expired: jwt.sign({ sub: user, iss: TEST_ISSUER, aud: TEST_AUDIENCE, iat: now - 3600, exp: now - 600 }, derivedKey(secret), { algorithm: 'HS256' }),
      wrongAudience: tokenSignedWith(secret, user, {}, { audience: 'https://elsewhere.example' }),
      algNone: `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify({ sub: user, exp: now + 900 })).toString('base64url')}.`,
      oversized: tokenSignedWith(secret, user, { pad: 'p'.repeat(9000) }),
    };
    const base = `${backend.url}/api/${encodeURIComponent(user)}/tasks`;
    let marker = 0;
    const markers: string[] = [];
    const call = async (url: string, init: RequestInit & { headers?: Record<string, string> } = {}) => {
      marker += 1;
      const requestId = `secrets-probe-${marker}`;
      markers.push(requestId);
      const response = await fetch(url, { ...init, headers: { 'X-Request-Id': requestId, ...(init.headers ?? {}) } });
      await response.arrayBuffer();
      return response.status;
    };
    const json = { 'Content-Type': 'application/json' };
    const statuses: Record<string, number> = {};
    for (const [name, token] of Object.entries(tokens)) {
      statuses[`${name} list`] = await call(base, { headers: { Authorization: `Bearer ${token}` } });
      statuses[`${name} lower-case`] = await call(base, { headers: { Authorization: `bearer ${token}` } });
      statuses[`${name} bad body`] = await call(base, { method: 'POST', headers: { Authorization: `Bearer ${token}`, ...json }, body: `{"title": "${token}", "secret": "${secret}"` });
      statuses[`${name} unknown field`] = await call(base, { method: 'POST', headers: { Authorization: `Bearer ${token}`, ...json }, body: JSON.stringify({ title: 'x', [token.slice(0, 200)]: secret }) });
    }
    statuses['token as title'] = await call(base, { method: 'POST', headers: { Authorization: `Bearer ${tokens.valid}`, ...json }, body: JSON.stringify({ title: tokens.valid.slice(0, 200) }) });
    statuses['token in query'] = await call(`${base}?access_token=${tokens.valid}`, { headers: { Authorization: `Bearer ${tokens.valid}` } });
    statuses['token in cookie'] = await call(base, { headers: { Cookie: `better-auth.session_token=${tokens.valid}; token=${secret}` } });
    statuses['secret as Basic'] = await call(base, { headers: { Authorization: `Basic ${Buffer.from(`${user}:${secret}`).toString('base64')}` } });
    statuses['huge body'] = await call(base, { method: 'POST', headers: { Authorization: `Bearer ${tokens.valid}`, ...json }, body: JSON.stringify({ title: tokens.valid, description: secret.repeat(2000) }) });
    statuses['not JSON'] = await call(base, { method: 'POST', headers: { Authorization: `Bearer ${tokens.valid}`, 'Content-Type': 'text/plain' }, body: secret });
    statuses['bad id'] = await call(`${base}/${tokens.valid.slice(0, 100)}`, { headers: { Authorization: `Bearer ${tokens.valid}` } });

    // The requests did what they should (so the log had something to say about each).
    expect(statuses['valid list']).toBe(200);
    expect(statuses['previous list']).toBe(200);
    expect(statuses['otherUser list']).toBe(403);
    for (const name of ['badSignature', 'expired', 'wrongAudience', 'algNone', 'oversized']) expect(statuses[`${name} list`]).toBe(401);
    expect(statuses['token as title']).toBe(201);
    expect(statuses['huge body']).toBe(413);

    await backend.stop();
    const output = backend.output();
    const lines = output.split('\n').filter(Boolean);
    reportFigure('secrets in the backend log', `${marker} requests at LOG_LEVEL=trace left ${lines.length} log lines (${output.length} bytes) holding no secret, derived key or token`);
    // The capture works: every request left a line carrying its id.
    expect(markers.filter((id) => !output.includes(`"${id}"`))).toEqual([]);
    const forbidden: [string, string][] = [
      ...secretForms(secret).map((form): [string, string] => ['the secret or its derived key', form]),
      ...secretForms(previous).map((form): [string, string] => ['the previous secret or its derived key', form]),
      ...Object.entries(tokens).flatMap(([name, token]): [string, string][] => [
        [`the ${name} token`, token],
        [`the ${name} token's signature`, token.split('.')[2] || token.split('.')[1]],
      ]),
    ];
    const leaks = forbidden.filter(([, value]) => value.length >= 16 && output.includes(value)).map(([what]) => what);
    expect(leaks).toEqual([]);
  }, 60_000);
});
