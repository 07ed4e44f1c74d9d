import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listenForMetrics, type MetricsEndpoint } from '@taskgate/metrics';
import { createTestDatabase, type TestDatabase } from '@taskgate/postgres/testing';
import type pg from 'pg';
import request from 'supertest';
import { loadServerConfig } from '../config/server-config';
import { createServer } from '../create-server';
import { createHttpServer } from '../http/server-limits';
import { createLogger } from '../logger';

// Operations: GET /metrics in the Prometheus text format on FRONTEND_METRICS_PORT,
// a listener of its own; the frontend server built as main.ts builds it.

const ORIGIN = 'http://localhost:4200';
const PASSWORD = 'metrics-horse-battery-7';
/** What Prometheus sends: a scrape of the app's port must not get the app's page. */
const PROMETHEUS_ACCEPT = 'application/openmetrics-text;version=1.0.0;q=0.5,text/plain;version=0.0.4;q=0.4,*/*;q=0.1';

const environment = (databaseUrl: string, extra: Record<string, string> = {}) =>
  loadServerConfig({
    BETTER_AUTH_SECRET: 'metrics-secret-0123456789abcdef0123456789',
    DATABASE_URL: databaseUrl,
    BETTER_AUTH_URL: ORIGIN,
    LOG_LEVEL: 'silent',
    // Loopback is the proxy: each test browser gets an address of its own.
    TRUSTED_PROXIES: '127.0.0.1,::1',
    ...extra,
  });

/** The value of the one sample `series` (name and labels, as written) in an exposition; undefined when absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('GET /metrics on FRONTEND_METRICS_PORT', () => {
  let db: TestDatabase;
  let pool: pg.Pool;
  let server: Server;
  let endpoint: MetricsEndpoint;
  let browserDir: string;
  let addresses = 0;
  /** Requests from an address of their own, as a browser behind the trusted proxy. */
  const from = (address = `198.51.100.${(addresses += 1)}`) => ({
    post: (path: string, body: object) => request(server).post(path).set('Origin', ORIGIN).set('X-Forwarded-For', address).send(body),
    get: (path: string, accept = 'text/html') => request(server).get(path).set('Accept', accept).set('X-Forwarded-For', address),
  });
  const scrape = async () => {
    const response = await fetch(`http://127.0.0.1:${endpoint.port}/metrics`);
    expect(response.status).toBe(200);
    return response.text();
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    browserDir = mkdtempSync(join(tmpdir(), 'taskgate-metrics-web-'));
    writeFileSync(join(browserDir, 'index.html'), '<!doctype html><title>Taskgate</title>');
    writeFileSync(join(browserDir, 'main-ABCDEFGH.js'), 'console.log("app")');
    const config = environment(db.url, { FRONTEND_METRICS_PORT: '0' });
    const built = await createServer(config, createLogger('silent'), browserDir);
    pool = built.pool;
    if (!built.metrics || !config.metrics) throw new Error('FRONTEND_METRICS_PORT set, yet no metrics');
    endpoint = await listenForMetrics(built.metrics.registry, config.metrics, 'FRONTEND_METRICS_PORT');
    server = createHttpServer(built.app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  }, 60_000);

  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await endpoint?.close();
    await pool?.end();
    await db?.drop();
    rmSync(browserDir, { recursive: true, force: true });
  });

  it("counts requests by Better Auth's endpoint and the app's routes, never by the raw path", async () => {
    const email = 'metrics.reader@example.test';
    expect((await from().post('/api/auth/sign-up/email', { name: 'Metrics Reader', email, password: PASSWORD })).status).toBe(200);
    expect((await from().post('/api/auth/sign-in/email', { email, password: 'not-the-password-1' })).status).toBe(401);
    expect((await from().get('/api/auth/no-such-endpoint')).status).toBe(404);
    expect((await from().get('/app-config.json')).status).toBe(200);
    expect((await from().get('/tasks/3f2c')).status).toBe(200);
    expect((await from().get('/main-ABCDEFGH.js', '*/*')).status).toBe(200);
    expect((await from().get('/api/no-such-route')).status).toBe(404);

    const text = await scrape();
    expect(sample(text, 'http_requests_total{method="POST",route="/api/auth/sign-up/email",status="200"}')).toBe(1);
    expect(sample(text, 'http_requests_total{method="POST",route="/api/auth/sign-in/email",status="401"}')).toBe(1);
    expect(sample(text, 'http_requests_total{method="GET",route="/app-config.json",status="200"}')).toBe(1);
    expect(sample(text, 'http_requests_total{method="GET",route="*",status="200"}')).toBe(1);
    expect(sample(text, 'http_requests_total{method="GET",route="static",status="200"}')).toBe(1);
    expect(sample(text, 'http_requests_total{method="GET",route="unmatched",status="404"}')).toBe(2);
    expect(sample(text, 'http_request_duration_seconds_count{method="POST",route="/api/auth/sign-up/email",status="200"}')).toBe(1);
    for (const raw of ['no-such-endpoint', 'no-such-route', '3f2c', 'main-ABCDEFGH', email]) expect(text).not.toContain(raw);
  });

  it("counts the refusals of Better Auth's per-address limit as limiter=\"auth\"", async () => {
    const before = await scrape();
    expect(sample(before, 'taskgate_rate_limit_rejections_total{limiter="auth"}')).toBe(0);
    // Better Auth allows three sign-ins per address in ten seconds.
    const browser = from();
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 4; attempt += 1) {
      statuses.push((await browser.post('/api/auth/sign-in/email', { email: 'nobody@example.test', password: `guess-${attempt}-abcdef` })).status);
    }
    expect(statuses).toEqual([401, 401, 401, 429]);

    const text = await scrape();
    expect(sample(text, 'taskgate_rate_limit_rejections_total{limiter="auth"}')).toBe(1);
    expect(sample(text, 'taskgate_rate_limit_rejections_total{limiter="sign_in_account"}')).toBe(0);
  });

  it('counts the refusals of the per-account sign-in limit as limiter="sign_in_account"', async () => {
    const email = 'metrics.victim@example.test';
    expect((await from().post('/api/auth/sign-up/email', { name: 'Victim', email, password: PASSWORD })).status).toBe(200);
    const before = sample(await scrape(), 'taskgate_rate_limit_rejections_total{limiter="auth"}');
    // Five failures from five addresses; the sixth attempt must wait.
    for (let attempt = 0; attempt < 5; attempt += 1) {
      expect((await from().post('/api/auth/sign-in/email', { email, password: `wrong-guess-${attempt}` })).status).toBe(401);
    }
    const sixth = await from().post('/api/auth/sign-in/email', { email, password: 'sixth-guess-abc' });
    expect(sixth.status).toBe(429);

    const text = await scrape();
    expect(sample(text, 'taskgate_rate_limit_rejections_total{limiter="sign_in_account"}')).toBe(1);
    expect(sample(text, 'taskgate_rate_limit_rejections_total{limiter="auth"}')).toBe(before);
  });

  it("reports Better Auth's pool as it is at the scrape", async () => {
    const held = await pool.connect();
    try {
      const text = await scrape();
      const total = sample(text, 'taskgate_db_pool_connections{state="total"}') ?? NaN;
      const idle = sample(text, 'taskgate_db_pool_connections{state="idle"}') ?? NaN;
      expect(total).toBe(pool.totalCount);
      expect(total - idle).toBeGreaterThanOrEqual(1);
      expect(sample(text, 'taskgate_db_pool_connections{state="waiting"}')).toBe(0);
    } finally {
      held.release();
    }
  });

  it("is not served on the app's port: there /metrics is answered as any unknown path", async () => {
    for (const accept of [PROMETHEUS_ACCEPT, 'text/plain']) {
      const metrics = await from().get('/metrics', accept);
      const unknown = await from().get('/no-such-page', accept);
      expect([metrics.status, metrics.headers['content-type']]).toEqual([unknown.status, unknown.headers['content-type']]);
      expect(metrics.text).not.toContain('http_requests_total');
    }
    // Prometheus also accepts */*, so it would get the app's page; a plain-text client the 404 problem.
    expect((await from().get('/metrics', 'text/plain')).status).toBe(404);
  });
});

describe('without FRONTEND_METRICS_PORT', () => {
  it('has no metrics to serve, and /metrics on the app port is still the 404 of an unknown path', async () => {
    const db = await createTestDatabase();
    const built = await createServer(environment(db.url), createLogger('silent'));
    try {
      expect(built.metrics).toBeUndefined();
      const response = await request(built.app).get('/metrics').set('Accept', PROMETHEUS_ACCEPT);
      expect(response.status).toBe(404);
    } finally {
      await built.pool.end();
      await db.drop();
    }
  });
});
