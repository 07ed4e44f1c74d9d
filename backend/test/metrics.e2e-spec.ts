import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:net';
import { createTestDatabase, type TestDatabase } from '@taskgate/postgres/testing';
import { REVOCATION_FEED } from '@taskgate/revocation-feed';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { MetricsListener } from '../src/metrics/metrics-listener';
import { BUILT_BACKEND, ensureBuiltBackend, freePort, PRODUCTION_NODE_FLAGS } from './support/built-backend';
import { apiUser } from './support/tasks-client';
import { startTestApp, type TestApp } from './support/test-app';
import { TEST_AUDIENCE, TEST_ISSUER, TEST_SECRET } from './support/tokens';

// Operations: GET /metrics in the Prometheus text format, on a listener of its
// own (BACKEND_METRICS_PORT), never on the API's port.

/** Listening TCP servers in this process (the app under test is in process). */
const listeningServers = () => process.getActiveResourcesInfo().filter((resource) => resource === 'TCPServerWrap').length;

/** The value of the one sample `series` (name and labels, as written) in an exposition; undefined when absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('GET /metrics on BACKEND_METRICS_PORT', () => {
  const RATE_LIMIT = 3;
  let t: TestApp;
  let metricsUrl: string;
  let listenersBefore: number;
  const scrape = async () => {
    const response = await fetch(metricsUrl);
    expect(response.status).toBe(200);
    return response.text();
  };

  beforeAll(async () => {
    listenersBefore = listeningServers();
    t = await startTestApp({ BACKEND_METRICS_PORT: '0', RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT) });
    metricsUrl = `http://127.0.0.1:${t.app.get(MetricsListener).port}/metrics`;
  });
  afterAll(() => t?.close());

  it('listens on a port of its own, in the Prometheus text format, with the process metrics', async () => {
    expect(listeningServers()).toBe(listenersBefore + 1);
    const response = await fetch(metricsUrl);
    expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(sample(await response.text(), 'process_resident_memory_bytes')).toBeGreaterThan(0);
  });

  it('counts requests and their durations by route template and status, never by the raw path', async () => {
    const user = apiUser(t.http, 'metrics');
    expect((await user.list()).status).toBe(200);
    expect((await user.get(randomUUID())).status).toBe(404);
    // No token: the forged-token gate answers before routing.
    expect((await t.http.get(user.base)).status).toBe(401);
    // A valid token on a path no route has.
    expect((await t.http.get(`/api/${user.id}/nothing-here`).set(user.auth)).status).toBe(404);

    const text = await scrape();
    expect(sample(text, 'http_requests_total{method="GET",route="/api/:user_id/tasks",status="200"}')).toBe(1);
    expect(sample(text, 'http_requests_total{method="GET",route="/api/:user_id/tasks/:id",status="404"}')).toBe(1);
    expect(sample(text, 'http_requests_total{method="GET",route="unmatched",status="401"}')).toBe(1);
    expect(sample(text, 'http_requests_total{method="GET",route="unmatched",status="404"}')).toBe(1);
    expect(sample(text, 'http_request_duration_seconds_count{method="GET",route="/api/:user_id/tasks",status="200"}')).toBe(1);
    expect(sample(text, 'http_request_duration_seconds_bucket{le="+Inf",method="GET",route="unmatched",status="401"}')).toBe(1);
    expect(text).not.toContain(user.id);
    expect(text).not.toContain('nothing-here');
  });

  it('counts what the per-user rate limit refuses, as limiter="api"', async () => {
    const before = sample(await scrape(), 'taskgate_rate_limit_rejections_total{limiter="api"}');
    expect(before).toBe(0);
    const user = apiUser(t.http, 'limited');
    const statuses: number[] = [];
    for (let call = 0; call <= RATE_LIMIT; call += 1) statuses.push((await user.list()).status);
    expect(statuses).toEqual([200, 200, 200, 429]);

    const text = await scrape();
    expect(sample(text, 'taskgate_rate_limit_rejections_total{limiter="api"}')).toBe(1);
    expect(sample(text, 'http_requests_total{method="GET",route="/api/:user_id/tasks",status="429"}')).toBe(1);
  });

  it("reports the database pool's connections as they are at the scrape", async () => {
    const runner = t.app.get(DataSource).createQueryRunner();
    await runner.connect();
    try {
      const text = await scrape();
      const total = sample(text, 'taskgate_db_pool_connections{state="total"}') ?? NaN;
      const idle = sample(text, 'taskgate_db_pool_connections{state="idle"}') ?? NaN;
      expect(total).toBeGreaterThanOrEqual(1);
      // The connection held here is in use, so not idle.
      expect(total - idle).toBeGreaterThanOrEqual(1);
      expect(sample(text, 'taskgate_db_pool_connections{state="waiting"}')).toBe(0);
    } finally {
      await runner.release();
    }
  });

  it('reports how recently the revocation feed was heard and how late its notifications arrive', async () => {
    const before = await scrape();
    expect(sample(before, 'taskgate_revocation_feed_seconds_since_heard')).toBeLessThan(5);
    expect(sample(before, 'taskgate_revocation_feed_lag_seconds_count')).toBe(0);

    // What the trigger does when a session ends: the record and its notification in one transaction.
    const client = new Client({ connectionString: t.db.url });
    await client.connect();
    try {
      await client.query('BEGIN');
      const id = randomUUID();
      const { rows } = await client.query(`INSERT INTO ${REVOCATION_FEED.table} (kind, id) VALUES ('session', $1) RETURNING revoked_at AS "revokedAt"`, [id]);
      await client.query('SELECT pg_notify($1, $2)', [REVOCATION_FEED.channel, JSON.stringify({ kind: 'session', id, revokedAt: rows[0].revokedAt })]);
      await client.query('COMMIT');
    } finally {
      await client.end();
    }

    let lagCount: number | undefined;
    for (let waited = 0; waited < 5_000 && lagCount !== 1; waited += 50) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      lagCount = sample(await scrape(), 'taskgate_revocation_feed_lag_seconds_count');
    }
    expect(lagCount).toBe(1);
    const text = await scrape();
    // Heard within the second, on one machine.
    expect(sample(text, 'taskgate_revocation_feed_lag_seconds_bucket{le="1"}')).toBe(1);
  });

  it('is not served on the API port: there /metrics is the ordinary 404 problem', async () => {
    const response = await t.http.get('/metrics');
    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('stops listening when the app closes', async () => {
    const other = await startTestApp({ BACKEND_METRICS_PORT: '0' });
    const url = `http://127.0.0.1:${other.app.get(MetricsListener).port}/metrics`;
    expect((await fetch(url)).status).toBe(200);
    await other.close();
    await expect(fetch(url)).rejects.toThrow();
  });
});

describe('without BACKEND_METRICS_PORT', () => {
  it('nothing listens for metrics, and /metrics on the API port is a 404', async () => {
    const before = listeningServers();
    const t = await startTestApp({ BACKEND_METRICS_HOST: '127.0.0.1' });
    try {
      expect(listeningServers()).toBe(before);
      expect((await t.http.get('/metrics')).status).toBe(404);
    } finally {
      await t.close();
    }
  });
});

describe('a metrics port already in use', () => {
  let taken: Server;
  let db: TestDatabase;
  beforeAll(async () => {
    await ensureBuiltBackend();
    db = await createTestDatabase();
    taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
  }, 240_000);
  afterAll(async () => {
    await new Promise((resolve) => taken?.close(resolve));
    await db?.drop();
  });

  it('stops the backend at start-up with one line naming the setting, before the API listens', async () => {
    const metricsPort = (taken.address() as { port: number }).port;
    const apiPort = await freePort();
    const child = spawn(process.execPath, [...PRODUCTION_NODE_FLAGS, BUILT_BACKEND], {
      env: {
        PATH: process.env['PATH'] ?? '',
        NODE_ENV: 'production',
        BACKEND_HOST: '127.0.0.1',
        BACKEND_PORT: String(apiPort),
        BACKEND_METRICS_PORT: String(metricsPort),
        DATABASE_URL: db.url,
        BETTER_AUTH_SECRET: TEST_SECRET,
        JWT_ISSUER: TEST_ISSUER,
        JWT_AUDIENCE: TEST_AUDIENCE,
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));

    expect(code).toBe(1);
    expect(stderr).toBe(`taskgate-backend: failed to start: BACKEND_METRICS_PORT: cannot listen for metrics on 127.0.0.1:${metricsPort} (EADDRINUSE)\n`);
    expect(stdout).toBe('');
    await expect(fetch(`http://127.0.0.1:${apiPort}/api/health/live`)).rejects.toThrow();
  }, 60_000);
});
