import { createHmac } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import pg from 'pg';
import request from 'supertest';
import { createApp } from './app';
import { createAuth, migrateAuth, type Auth } from './auth/create-auth';
import { deriveApiTokenKey } from '@taskgate/api-token';
import { createLogger } from './logger';
import { createTestDatabase, type TestDatabase } from '@taskgate/postgres/testing';

const SECRET = 'a-test-secret-that-is-long-enough-0123456789';
const BASE_URL = 'http://localhost:4200';
const API_URL = 'http://localhost:3000';
const ORIGIN = BASE_URL;

let db: TestDatabase;
let pool: pg.Pool;

function buildAuth(trustedProxies: string[]): Auth {
  return createAuth({
    pool,
    secret: SECRET,
    baseUrl: BASE_URL,
    trustedOrigins: [],
    trustedProxies,
    jwtIssuer: 'https://issuer.test',
    jwtAudience: 'taskgate-api',
    tokenLifetimeSeconds: 900,
  });
}

function buildApp(auth: Auth, trustedProxies: string[]) {
  return createApp({
    checkDatabase: () => pool.query('SELECT 1'),
    auth,
    apiUrl: API_URL,
    https: false,
    trustedProxies,
    logger: createLogger('silent'),
  });
}

function decode(part: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
}

function hs256(key: Buffer | ReturnType<typeof deriveApiTokenKey>, data: string): string {
  return createHmac('sha256', key).update(data).digest('base64url');
}

function sessionCookie(res: request.Response): string {
  const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  return cookies.map((c) => c.split(';')[0]).join('; ');
}

beforeAll(async () => {
  db = await createTestDatabase();
  pool = new pg.Pool({ connectionString: db.url, max: 4 });
  await migrateAuth(buildAuth([]), pool);
}, 60_000);

afterAll(async () => {
  await pool?.end();
  await db?.drop();
});

// Every test gets its own pretend client address (through a trusted proxy),
// because Better Auth allows only 3 sign-ins per 10 s per address.
describe('Better Auth behind the frontend server', () => {
  const PROXY = ['127.0.0.1', '::1'];
  let server: Server;
  let agent: request.Agent;
  let addressCounter = 10;

  beforeAll((done) => {
    server = buildApp(buildAuth(PROXY), PROXY).listen(0, '127.0.0.1', done);
  });
  afterAll((done) => {
    server.close(done);
  });

  function client() {
    const ip = `203.0.113.${addressCounter++}`;
    agent = request.agent(server);
    const post = (path: string) =>
      agent.post(path).set('Origin', ORIGIN).set('X-Forwarded-For', ip);
    const get = (path: string) => agent.get(path).set('X-Forwarded-For', ip);
    return { post, get };
  }

  async function signUp(email: string) {
    const c = client();
    const res = await c
      .post('/api/auth/sign-up/email')
      .send({ name: 'Ada Lovelace', email, password: 'correct-horse-9' });
    return { c, res };
  }

  it('signs up, then issues an HS256 token signed with the derived key only', async () => {
    const { c, res } = await signUp('ada@example.test');
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ email: 'ada@example.test', name: 'Ada Lovelace' });
    const cookie = sessionCookie(res);
    expect(cookie).toContain('better-auth.session_token=');
    expect(([] as string[]).concat(res.headers['set-cookie'])[0]).toMatch(/HttpOnly/i);

    const tokenRes = await c.get('/api/auth/token').set('Cookie', cookie);
    expect(tokenRes.status).toBe(200);
    const token: string = tokenRes.body.token;
    const [header, payload, signature] = token.split('.');

    expect(decode(header)).toEqual({ alg: 'HS256', typ: 'JWT' });
    const derived = deriveApiTokenKey(SECRET);
    expect(hs256(derived, `${header}.${payload}`)).toBe(signature);
    expect(hs256(Buffer.from(SECRET), `${header}.${payload}`)).not.toBe(signature);

    const claims = decode(payload);
    expect(Object.keys(claims).sort()).toEqual(['aud', 'email', 'exp', 'iat', 'iss', 'name', 'sid', 'sub']);
    const session = await c.get('/api/auth/get-session').set('Cookie', cookie);
    expect(claims).toMatchObject({
      sub: res.body.user.id,
      sid: session.body.session.id,
      iss: 'https://issuer.test',
      aud: 'taskgate-api',
      email: 'ada@example.test',
      name: 'Ada Lovelace',
    });
    expect((claims['exp'] as number) - (claims['iat'] as number)).toBe(15 * 60);
    expect(Math.abs((claims['iat'] as number) - Date.now() / 1000)).toBeLessThan(30);
  });

  it('never puts the session token in a JSON body a script could read (the cookie is HttpOnly)', async () => {
    const { c, res } = await signUp('hopper@example.test');
    const cookie = sessionCookie(res);
    const sessionToken = decodeURIComponent(cookie.split('better-auth.session_token=')[1].split(';')[0]).split('.')[0];
    expect(res.body).not.toHaveProperty('token');
    const signIn = await c.post('/api/auth/sign-in/email').send({ email: 'hopper@example.test', password: 'correct-horse-9' });
    expect(signIn.status).toBe(200);
    expect(signIn.body).not.toHaveProperty('token');
    expect(signIn.body.user.email).toBe('hopper@example.test');
    const session = await c.get('/api/auth/get-session').set('Cookie', cookie);
    expect(session.status).toBe(200);
    expect(session.body.user.email).toBe('hopper@example.test');
    expect(session.body.session).not.toHaveProperty('token');
    for (const body of [res.text, signIn.text, session.text]) expect(body).not.toContain(sessionToken);
  });

  it('refuses a taken email', async () => {
    await signUp('taken@example.test');
    const { res } = await signUp('taken@example.test');
    expect(res.status).toBe(422);
    expect(res.body.code).toMatch(/USER_ALREADY_EXISTS/);
  });

  it('signs in with the right password and refuses a wrong one', async () => {
    await signUp('grace@example.test');
    const c = client();
    const wrong = await c
      .post('/api/auth/sign-in/email')
      .send({ email: 'grace@example.test', password: 'not-the-password' });
    expect(wrong.status).toBe(401);
    const right = await c
      .post('/api/auth/sign-in/email')
      .send({ email: 'grace@example.test', password: 'correct-horse-9' });
    expect(right.status).toBe(200);
    const token = await c.get('/api/auth/token').set('Cookie', sessionCookie(right));
    expect(token.status).toBe(200);
  });

  it('cannot fetch a token after sign-out, even replaying the old cookie', async () => {
    const { c, res } = await signUp('linus@example.test');
    const cookie = sessionCookie(res);
    expect((await c.get('/api/auth/token').set('Cookie', cookie)).status).toBe(200);
    const out = await c.post('/api/auth/sign-out').set('Cookie', cookie).send({});
    expect(out.status).toBe(200);
    const after = await client().get('/api/auth/token').set('Cookie', cookie);
    expect(after.status).toBe(401);
  });

  it('answers /token with 401 without a session', async () => {
    expect((await client().get('/api/auth/token')).status).toBe(401);
  });

  it('rejects a sign-in POST from an untrusted origin', async () => {
    await signUp('origin@example.test');
    const res = await client()
      .post('/api/auth/sign-in/email')
      .set('Origin', 'https://evil.example')
      .send({ email: 'origin@example.test', password: 'correct-horse-9' });
    expect(res.status).toBe(403);
  });

  it('serves the runtime config and strict security headers', async () => {
    const res = await client().get('/app-config.json');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ apiUrl: API_URL });
    const csp = res.headers['content-security-policy'];
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain(`connect-src 'self' ${API_URL}`);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });
});

describe('sign-in rate limit without a trusted proxy', () => {
  let server: Server;

  beforeAll((done) => {
    server = buildApp(buildAuth([]), []).listen(0, '127.0.0.1', done);
  });
  afterAll((done) => {
    server.close(done);
  });

  it('counts a client by its socket address, whatever X-Forwarded-For says', async () => {
    const port = (server.address() as AddressInfo).port;
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await request(`http://127.0.0.1:${port}`)
        .post('/api/auth/sign-in/email')
        .set('Origin', ORIGIN)
        .set('X-Forwarded-For', `198.51.100.${i + 1}`)
        .send({ email: 'nobody@example.test', password: 'wrong-password-1' });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
    expect(statuses.slice(3)).toEqual([429, 429]);
  });
});
