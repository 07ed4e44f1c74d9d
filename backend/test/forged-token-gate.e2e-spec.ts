import { randomBytes } from 'node:crypto';
import { API_TOKEN_MAX_BYTES } from '@taskgate/api-contract';
import { JwtStrategy } from '../src/auth/jwt.strategy';
import { bearer, newUserId, tokenFor } from './support/tokens';
import { startTestApp, TestApp } from './support/test-app';

// A token whose signature no configured key made.
function forgedTokenFor(user: string): string {
  const [header, payload] = tokenFor(user).split('.');
  return `${header}.${payload}.${randomBytes(32).toString('base64url')}`;
}

// What may differ between two answers to the same request: the request id and
// what Node's HTTP server adds (inject() has no socket, so none of these).
const PER_RESPONSE = new Set(['x-request-id', 'date', 'connection', 'keep-alive', 'transfer-encoding']);
const comparable = (headers: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(headers).filter(([name]) => !PER_RESPONSE.has(name)));

interface Probe {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: (user: string) => string;
  headers: (user: string) => Record<string, string>;
  body?: string;
}

const PROBES: Record<string, Probe> = {
  'a forged signature on the list': { method: 'GET', path: (u) => `/api/${u}/tasks?limit=5`, headers: (u) => bearer(forgedTokenFor(u)) },
  'a forged signature on a create with a body': {
    method: 'POST',
    path: (u) => `/api/${u}/tasks`,
    headers: (u) => ({ ...bearer(forgedTokenFor(u)), 'Content-Type': 'application/json' }),
    body: JSON.stringify({ title: 'never stored' }),
  },
  'a forged signature on a toggle': {
    method: 'PATCH',
    path: (u) => `/api/${u}/tasks/8b0a1c1e-6a39-4f57-9a53-5a1f2d3c4b5a/complete`,
    headers: (u) => bearer(forgedTokenFor(u)),
  },
  'no token at all': { method: 'DELETE', path: (u) => `/api/${u}/tasks/8b0a1c1e-6a39-4f57-9a53-5a1f2d3c4b5a`, headers: () => ({}) },
  'another scheme': { method: 'GET', path: (u) => `/api/${u}/tasks`, headers: () => ({ Authorization: 'Basic dXNlcjpwYXNz' }) },
  'a malformed bearer header': { method: 'GET', path: (u) => `/api/${u}/tasks`, headers: () => ({ Authorization: 'Bearer a b' }) },
  'a bearer header of spaces only': { method: 'GET', path: (u) => `/api/${u}/tasks`, headers: () => ({ Authorization: 'Bearer    ' }) },
  'a tab after the scheme': { method: 'GET', path: (u) => `/api/${u}/tasks`, headers: (u) => ({ Authorization: `Bearer\t${forgedTokenFor(u)}` }) },
  'a header too long for any token': {
    method: 'GET',
    path: (u) => `/api/${u}/tasks`,
    headers: () => ({ Authorization: `Bearer ${'a'.repeat(API_TOKEN_MAX_BYTES + 16)}` }),
  },
};

describe.each([
  ['a list of origins', 'http://localhost:4200,https://tasks.example'],
  ['any origin (*)', '*'],
])('The forged-token gate, with CORS_ORIGINS for %s', (_label, corsOrigins) => {
  let t: TestApp;
  // passport runs the strategy on an object that inherits it: the spy sees every run.
  let verifyRequest: jest.SpyInstance;
  beforeAll(async () => {
    t = await startTestApp({ CORS_ORIGINS: corsOrigins });
    verifyRequest = jest.spyOn(t.app.get(JwtStrategy), 'authenticate');
  });
  afterAll(() => t.close());
  beforeEach(() => verifyRequest.mockClear());

  describe.each(Object.entries(PROBES))('for %s', (_name, probe) => {
    it.each([
      ['no Origin', {}],
      ['an allowed Origin', { Origin: 'https://tasks.example' }],
      ['another Origin', { Origin: 'https://evil.example' }],
      ['an empty Origin', { Origin: '' }],
    ])('answers with %s the very 401 Fastify gives, before the token verifier runs', async (_origin, origin) => {
      const user = newUserId();
      const headers = { ...probe.headers(user), ...origin };
      const url = probe.path(user);

      const gated = await t.http[probe.method.toLowerCase() as 'get'](url)
        .set(headers)
        .send(probe.body);
      expect(verifyRequest).not.toHaveBeenCalled();

      // inject() enters Fastify directly, past the gate: the framework's own answer.
      const framework = await t.app.inject({ method: probe.method, url, headers, payload: probe.body });
      expect(verifyRequest).toHaveBeenCalled();

      expect(gated.status).toBe(401);
      expect(framework.statusCode).toBe(401);
      expect(gated.text).toBe(framework.body);
      expect(comparable(gated.headers)).toEqual(comparable(framework.headers));
      expect(gated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    });
  });

  it('keeps a caller’s sane X-Request-Id, as Fastify does', async () => {
    const user = newUserId();
    const response = await t.http.get(`/api/${user}/tasks`).set({ ...bearer(forgedTokenFor(user)), 'X-Request-Id': 'trace-42' });
    expect(response.status).toBe(401);
    expect(response.headers['x-request-id']).toBe('trace-42');
  });

  it('answers 401 to a verified token’s signature under another payload, itself', async () => {
    const user = newUserId();
    const token = tokenFor(user);
    expect((await t.http.get(`/api/${user}/tasks`).set(bearer(token))).status).toBe(200);
    const [header, , signature] = token.split('.');
    const [, otherPayload] = tokenFor(newUserId()).split('.');
    verifyRequest.mockClear();

    const response = await t.http.get(`/api/${user}/tasks`).set(bearer(`${header}.${otherPayload}.${signature}`));

    expect(response.status).toBe(401);
    expect(response.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
    expect(verifyRequest).not.toHaveBeenCalled();
  });

  it('lets a validly signed token through to the verifier (its claims still decide)', async () => {
    const user = newUserId();
    expect((await t.http.get(`/api/${user}/tasks`).set(bearer(tokenFor(user)))).status).toBe(200);
    const expired = tokenFor(user, {}, { expiresIn: -60 });
    expect((await t.http.get(`/api/${user}/tasks`).set(bearer(expired))).status).toBe(401);
    expect(verifyRequest).toHaveBeenCalledTimes(2);
  });

  it('leaves public routes, preflights and unknown routes to Fastify', async () => {
    const forged = bearer(forgedTokenFor('anyone'));
    expect((await t.http.get('/api/health/ready').set(forged)).status).toBe(200);
    const preflight = await t.http
      .options('/api/anyone/tasks')
      .set({ Origin: 'http://localhost:4200', 'Access-Control-Request-Method': 'GET' });
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('http://localhost:4200');
    expect((await t.http.get('/outside-the-api').set(forged)).status).toBe(404);
    // An unknown route under /api: still a 401, from the guards.
    expect((await t.http.get('/api/no/such/route').set(forged)).status).toBe(401);
  });

  it('stores nothing for a forged create', async () => {
    const user = newUserId();
    await t.http.post(`/api/${user}/tasks`).set(bearer(forgedTokenFor(user))).send({ title: 'forged' });
    const list = await t.http.get(`/api/${user}/tasks`).set(bearer(tokenFor(user)));
    expect(list.body).toEqual([]);
  });
});
