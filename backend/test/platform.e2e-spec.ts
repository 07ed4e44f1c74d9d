import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { startTestApp, TestApp } from './support/test-app';
import { apiUser } from './support/tasks-client';

describe('health, docs, CORS and framework errors', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ CORS_ORIGINS: 'http://localhost:4200,https://tasks.example' });
  });
  afterAll(() => t.close());

  describe('GET /api/health/*', () => {
    it('answers live and ready without a token', async () => {
      expect((await t.http.get('/api/health/live')).body).toEqual({ status: 'ok' });
      const ready = await t.http.get('/api/health/ready');
      expect(ready.status).toBe(200);
      expect(ready.body.status).toBe('ok');
    });
  });

  describe('GET /api/docs and /api/docs-json', () => {
    it('serves Swagger UI without a token', async () => {
      const response = await t.http.get('/api/docs');
      expect(response.status).toBe(200);
      expect(response.text).toContain('swagger-ui');
    });

    it('serves an OpenAPI document that a validator accepts and that documents the whole contract', async () => {
      const response = await t.http.get('/api/docs-json');
      expect(response.status).toBe(200);
      const document = response.body;
      const verdict = JSON.parse(
        execFileSync(process.execPath, [join(__dirname, 'support/validate-openapi.mjs')], { input: JSON.stringify(document) }).toString(),
      );
      expect(verdict).toEqual(expect.objectContaining({ valid: true }));

      expect(document.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
      const paths = document.paths;
      const operations = {
        '/api/{user_id}/tasks': ['get', 'post'],
        '/api/{user_id}/tasks/{id}': ['get', 'put', 'delete'],
        '/api/{user_id}/tasks/{id}/complete': ['patch'],
        '/api/health/live': ['get'],
        '/api/health/ready': ['get'],
      };
      for (const [path, methods] of Object.entries(operations)) {
        expect(Object.keys(paths[path]).sort()).toEqual([...methods].sort());
      }
      const list = paths['/api/{user_id}/tasks'].get;
      expect(list.parameters.map((p: { name: string }) => p.name).sort()).toEqual(
        ['cursor', 'limit', 'offset', 'order', 'priority', 'q', 'sort', 'status', 'user_id'].sort(),
      );
      expect(Object.keys(list.responses['200'].headers).sort()).toEqual(['Link', 'X-Total-Count']);
      const create = paths['/api/{user_id}/tasks'].post;
      expect(create.parameters.map((p: { name: string }) => p.name)).toContain('Idempotency-Key');
      expect(Object.keys(create.responses).sort()).toEqual(['201', '400', '401', '403', '409', '413', '415', '422', '429', '503']);
      expect(create.responses['201'].headers).toHaveProperty('Location');
      expect(create.responses['401'].content['application/problem+json']).toBeDefined();
      const put = paths['/api/{user_id}/tasks/{id}'].put;
      expect(put.parameters.map((p: { name: string }) => p.name)).toContain('If-Match');
      expect(Object.keys(put.responses)).toEqual(expect.arrayContaining(['200', '400', '404', '412', '413', '415']));
      expect(document.components.schemas.CreateTaskDto.required).toEqual(['title']);
      expect(document.components.schemas.TaskResponseDto.properties).toHaveProperty('completedAt');
    });
  });

  describe('CORS', () => {
    it('allows a configured origin, exposing the API headers', async () => {
      const user = apiUser(t.http);
      const response = await user.list().set('Origin', 'https://tasks.example');
      expect(response.headers['access-control-allow-origin']).toBe('https://tasks.example');
      expect(response.headers['access-control-expose-headers']).toBe(
        'ETag, Location, X-Total-Count, Link, Retry-After, X-Next-Task-Id, Content-Disposition',
      );
    });

    it('answers a preflight with the allowed methods and headers', async () => {
      const response = await t.http
        .options('/api/u/tasks')
        .set('Origin', 'http://localhost:4200')
        .set('Access-Control-Request-Method', 'PUT')
        .set('Access-Control-Request-Headers', 'authorization,content-type,if-match,idempotency-key');
      expect(response.status).toBe(204);
      expect(response.headers['access-control-allow-origin']).toBe('http://localhost:4200');
      expect(response.headers['access-control-allow-methods'].split(/, ?/)).toEqual(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);
      expect(response.headers['access-control-allow-headers'].split(/, ?/)).toEqual(['Authorization', 'Content-Type', 'If-Match', 'Idempotency-Key']);
    });

    const corsHeaders = (headers: Record<string, string>) => Object.keys(headers).filter((name) => name.startsWith('access-control-'));

    it('gives other origins no CORS headers', async () => {
      const user = apiUser(t.http);
      for (const response of [
        await t.http.get('/api/health/live').set('Origin', 'https://evil.example'),
        await user.list().set('Origin', 'https://evil.example'),
        await t.http.get('/api/u/tasks').set('Origin', 'https://evil.example'),
      ]) {
        expect(corsHeaders(response.headers)).toEqual([]);
        expect(response.headers['vary']).toBe('Origin');
      }
    });

    it('gives requests without an Origin (not from a browser page) no CORS headers', async () => {
      const response = await apiUser(t.http).list();
      expect(response.status).toBe(200);
      expect(corsHeaders(response.headers)).toEqual([]);
    });

    it("does not answer another origin's preflight with CORS headers", async () => {
      const response = await t.http
        .options('/api/u/tasks')
        .set('Origin', 'https://evil.example')
        .set('Access-Control-Request-Method', 'PUT');
      expect(response.status).toBeLessThan(500);
      expect(corsHeaders(response.headers)).toEqual([]);
    });
  });

  describe('security headers', () => {
    it('gives API answers the REST set: no caching, no framing, no sniffing, no other content', async () => {
      const user = apiUser(t.http);
      for (const response of [await user.list(), await t.http.get('/api/u/tasks'), await t.http.get('/api/health/live')]) {
        expect(response.headers).toMatchObject({
          'cache-control': 'no-store',
          'content-security-policy': "default-src 'none';frame-ancestors 'none'",
          'x-frame-options': 'DENY',
          'x-content-type-options': 'nosniff',
          'strict-transport-security': 'max-age=31536000; includeSubDomains',
          'referrer-policy': 'no-referrer',
          'cross-origin-resource-policy': 'same-origin',
        });
        // Headers that only act on HTML documents are not sent with JSON.
        expect(response.headers['x-xss-protection']).toBeUndefined();
        expect(response.headers['origin-agent-cluster']).toBeUndefined();
      }
    });

    it("gives Swagger UI a document CSP that lets it load its own scripts and styles", async () => {
      const page = await t.http.get('/api/docs');
      expect(page.status).toBe(200);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.headers['content-security-policy']).toContain("script-src 'self'");
      expect(page.headers['content-security-policy']).toContain("style-src 'self' 'unsafe-inline'");
      expect(page.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(page.headers['x-content-type-options']).toBe('nosniff');
      const document = await t.http.get('/api/docs-json');
      expect(document.headers['content-security-policy']).toContain("script-src 'self'");
    });
  });

  describe('framework errors are problem+json too', () => {
    it('answers an unknown path outside /api with 404 problem+json', async () => {
      const response = await t.http.get('/nowhere');
      expect(response.status).toBe(404);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body).toMatchObject({ status: 404, title: 'Not Found', instance: '/nowhere' });
    });

    it('answers an unknown method on a task route with 404 after the token check', async () => {
      const user = apiUser(t.http);
      expect((await t.http.patch(user.base).set(user.auth)).status).toBe(404);
    });

    it('answers a broken percent-encoding with 400 problem+json', async () => {
      const user = apiUser(t.http);
      const response = await t.http.get(`${user.base}/%E0%A4%A`).set(user.auth);
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    });

    it('sends security headers and a request id', async () => {
      const response = await t.http.get('/api/health/live');
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      expect((await t.http.get('/api/health/live').set('X-Request-Id', 'trace-42')).headers['x-request-id']).toBe('trace-42');
    });
  });
});

describe('when the database is unreachable', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await allowConnections(true);
    await t.close();
  });

  async function allowConnections(allowed: boolean) {
    // Refuse new connections to the app's database and cut the ones it has.
    await t.db.adminQuery(`ALTER DATABASE ${t.db.name} WITH ALLOW_CONNECTIONS ${allowed}`);
    if (!allowed) {
      await t.db.adminQuery(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1`, [t.db.name]);
    }
  }

  it('answers 503 problem+json with Retry-After, ready says 503, and it recovers by itself', async () => {
    const user = apiUser(t.http);
    await user.createTask({ title: 'before the outage' });
    await allowConnections(false);

    const started = Date.now();
    const during = await user.list();
    expect(during.status).toBe(503);
    expect(during.headers['retry-after']).toBe('5');
    expect(during.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.stringify(during.body)).not.toMatch(/SELECT|pg_|at .*\.js/);
    expect(Date.now() - started).toBeLessThan(2000);
    expect((await user.create({ title: 'during' })).status).toBe(503);
    expect((await t.http.get('/api/health/ready')).status).toBe(503);
    expect((await t.http.get('/api/health/live')).status).toBe(200);

    await allowConnections(true);
    const after = await user.list();
    expect(after.status).toBe(200);
    expect(after.body.map((task: { title: string }) => task.title)).toEqual(['before the outage']);
    expect((await t.http.get('/api/health/ready')).status).toBe(200);
  });
});

describe('CORS on answers the token check gives', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ CORS_ORIGINS: 'http://localhost:4200' });
  });
  afterAll(() => t.close());

  it('lets the frontend read a 401 (so it can renew its token)', async () => {
    const response = await t.http.get('/api/someone/tasks').set('Origin', 'http://localhost:4200').set('Authorization', 'Bearer expired.token.value');
    expect(response.status).toBe(401);
    expect(response.headers['access-control-allow-origin']).toBe('http://localhost:4200');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-request-id']).toBeDefined();
  });
});
