import { createServer } from 'node:net';
import { listenForMetrics, type MetricsEndpoint } from './metrics-endpoint';
import { ServerMetrics, UNMATCHED_ROUTE } from './server-metrics';

/** The sample lines of `name` in an exposition, without HELP and TYPE. */
const samples = (text: string, name: string) => text.split('\n').filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `));

describe('ServerMetrics', () => {
  it('counts requests and their durations by method, route template and status', async () => {
    const metrics = new ServerMetrics([]);
    metrics.requestCompleted('GET', '/api/:user_id/tasks', 200, 0.003);
    metrics.requestCompleted('GET', '/api/:user_id/tasks', 200, 0.2);
    metrics.requestCompleted('POST', UNMATCHED_ROUTE, 401, 0.0001);
    const text = await metrics.registry.metrics();
    expect(samples(text, 'http_requests_total')).toEqual([
      'http_requests_total{method="GET",route="/api/:user_id/tasks",status="200"} 2',
      'http_requests_total{method="POST",route="unmatched",status="401"} 1',
    ]);
    expect(text).toContain('http_request_duration_seconds_bucket{le="0.005",method="GET",route="/api/:user_id/tasks",status="200"} 1');
    expect(text).toContain('http_request_duration_seconds_bucket{le="0.25",method="GET",route="/api/:user_id/tasks",status="200"} 2');
    expect(text).toContain('http_request_duration_seconds_count{method="POST",route="unmatched",status="401"} 1');
  });

  it('counts rate-limit rejections from 0 for every limiter it was told of', async () => {
    const metrics = new ServerMetrics(['auth', 'sign_in_account']);
    metrics.rateLimited('auth');
    metrics.rateLimited('auth');
    expect(samples(await metrics.registry.metrics(), 'taskgate_rate_limit_rejections_total')).toEqual([
      'taskgate_rate_limit_rejections_total{limiter="auth"} 2',
      'taskgate_rate_limit_rejections_total{limiter="sign_in_account"} 0',
    ]);
  });

  it("reads the pool's connections at each scrape", async () => {
    const metrics = new ServerMetrics([]);
    const pool = { totalCount: 3, idleCount: 2, waitingCount: 0 };
    metrics.watchPool(pool);
    expect(samples(await metrics.registry.metrics(), 'taskgate_db_pool_connections')).toEqual([
      'taskgate_db_pool_connections{state="total"} 3',
      'taskgate_db_pool_connections{state="idle"} 2',
      'taskgate_db_pool_connections{state="waiting"} 0',
    ]);
    Object.assign(pool, { totalCount: 10, idleCount: 0, waitingCount: 4 });
    expect(samples(await metrics.registry.metrics(), 'taskgate_db_pool_connections')).toEqual([
      'taskgate_db_pool_connections{state="total"} 10',
      'taskgate_db_pool_connections{state="idle"} 0',
      'taskgate_db_pool_connections{state="waiting"} 4',
    ]);
  });

  it('keeps each instance to its own registry', async () => {
    const one = new ServerMetrics([]);
    const other = new ServerMetrics([]);
    one.requestCompleted('GET', '/a', 200, 0.001);
    expect(samples(await other.registry.metrics(), 'http_requests_total')).toEqual([]);
  });
});

describe('listenForMetrics', () => {
  let endpoint: MetricsEndpoint | undefined;
  afterEach(() => endpoint?.close());

  it('serves GET /metrics in the Prometheus text format with the process metrics, and nothing else', async () => {
    const metrics = new ServerMetrics(['api']);
    endpoint = await listenForMetrics(metrics.registry, { port: 0, host: '127.0.0.1' }, 'METRICS_PORT');
    const base = `http://127.0.0.1:${endpoint.port}`;

    const scrape = await fetch(`${base}/metrics`);
    expect(scrape.status).toBe(200);
    expect(scrape.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const text = await scrape.text();
    expect(text).toMatch(/^process_cpu_user_seconds_total \d/m);
    expect(text).toContain('taskgate_rate_limit_rejections_total{limiter="api"} 0');

    expect((await fetch(`${base}/`)).status).toBe(404);
    expect((await fetch(`${base}/metrics/extra`)).status).toBe(404);
    const post = await fetch(`${base}/metrics`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });

  it('refuses an address in use with one line naming the setting', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as { port: number };
    try {
      await expect(listenForMetrics(new ServerMetrics([]).registry, { port, host: '127.0.0.1' }, 'BACKEND_METRICS_PORT')).rejects.toThrow(
        new Error(`BACKEND_METRICS_PORT: cannot listen for metrics on 127.0.0.1:${port} (EADDRINUSE)`),
      );
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });

  it('stops listening when closed, though a scraper kept its connection alive', async () => {
    endpoint = await listenForMetrics(new ServerMetrics([]).registry, { port: 0, host: '127.0.0.1' }, 'METRICS_PORT');
    const url = `http://127.0.0.1:${endpoint.port}/metrics`;
    expect((await fetch(url)).status).toBe(200);
    await endpoint.close();
    endpoint = undefined;
    await expect(fetch(url)).rejects.toThrow();
  });
});
