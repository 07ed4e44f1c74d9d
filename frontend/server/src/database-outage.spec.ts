import type { Server } from 'node:http';
import type pg from 'pg';
import request from 'supertest';
import { createApp } from './app';
import { createAuth, migrateAuth } from './auth/create-auth';
import { createPool } from './database/create-pool';
import { createLogger } from './logger';
import { createTestDatabase, TcpProxy, type TestDatabase } from '@taskgate/postgres/testing';
import { reportFigure } from '@taskgate/test-report';

const SECRET = 'a-test-secret-that-is-long-enough-0123456789';
const ORIGIN = 'http://localhost:4200';
const PASSWORD = 'correct-horse-9';
/** What the UI waits for at most before it can tell the person something. */
const ANSWER_WITHIN_MS = 3_000;
/** How soon sign-in must work again once the database is back, without a restart. */
const RECOVER_WITHIN_MS = 5_000;

let db: TestDatabase;
let proxy: TcpProxy;
let pool: pg.Pool;
let server: Server;
const logLines: string[] = [];

// Each request comes from its own address (through a trusted proxy) so Better
// Auth's 3 sign-ins per 10 s per address never answers in place of the database.
let addressCounter = 1;
function signIn(email: string) {
  return request(server)
    .post('/api/auth/sign-in/email')
    .set('Origin', ORIGIN)
    .set('X-Forwarded-For', `198.51.100.${addressCounter++}`)
    .timeout(15_000)
    .send({ email, password: PASSWORD });
}

beforeAll(async () => {
  db = await createTestDatabase();
  proxy = await TcpProxy.forUrl(db.url);
  const logger = createLogger('debug', (line) => logLines.push(line));
  pool = createPool(proxy.urlFor(db.url), logger);
  const auth = createAuth({
    pool,
    secret: SECRET,
    baseUrl: ORIGIN,
    trustedOrigins: [],
    trustedProxies: ['127.0.0.1', '::1'],
    jwtIssuer: ORIGIN,
    jwtAudience: ORIGIN,
    tokenLifetimeSeconds: 900,
    logger,
  });
  await migrateAuth(auth, pool);
  const app = createApp({
    checkDatabase: () => pool.query('SELECT 1'),
    auth,
    apiUrl: 'http://localhost:3000',
    https: false,
    trustedProxies: ['127.0.0.1', '::1'],
    logger,
  });
  await new Promise<void>((resolve) => {
    server = app.listen(0, '127.0.0.1', () => resolve());
  });
}, 60_000);

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await pool?.end();
  await proxy?.close();
  await db?.drop();
});

describe.each(['refuse', 'stall'] as const)('sign-in while the database is lost (%s)', (mode) => {
  const email = `outage-${mode}@example.test`;

  beforeAll(async () => {
    const res = await request(server)
      .post('/api/auth/sign-up/email')
      .set('Origin', ORIGIN)
      .set('X-Forwarded-For', `192.0.2.${addressCounter++}`)
      .send({ name: 'Outage Tester', email, password: PASSWORD });
    expect(res.status).toBe(200);
  });

  afterEach(async () => {
    await proxy.restore();
    logLines.length = 0;
  });

  it('answers quickly with a 503 the UI can explain, then recovers without a restart', async () => {
    await (mode === 'stall' ? proxy.freeze() : proxy.cut());

    const started = Date.now();
    const failed = await signIn(email);
    const failedAfterMs = Date.now() - started;

    reportFigure(`frontend server, database ${mode === 'stall' ? 'frozen' : 'refusing'}`, `sign-in answered ${failed.status} after ${failedAfterMs} ms`);
    expect(failedAfterMs).toBeLessThan(ANSWER_WITHIN_MS);
    expect(failed.status).toBe(503);
    expect(failed.headers['retry-after']).toMatch(/^\d+$/);
    expect(failed.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(failed.body).toEqual({
      type: 'about:blank',
      title: 'Service Unavailable',
      status: 503,
      detail: expect.stringMatching(/try again/i),
      instance: '/api/auth/sign-in/email',
      code: 'SERVICE_UNAVAILABLE',
      message: expect.stringMatching(/try again/i),
    });
    for (const leak of ['postgres', db.url, String(proxy.port), 'ECONN', 'SELECT', ' at ', 'stack']) {
      expect(failed.text).not.toContain(leak);
    }
    // A load balancer's health check sees it too, and stops sending sign-ins here.
    const ready = await request(server).get('/health/ready').timeout(5_000);
    expect(ready.status).toBe(503);
    expect(ready.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((await request(server).get('/health/live')).status).toBe(200);
    // The operator sees why in the log.
    expect(logLines.map((line) => JSON.parse(line))).toContainEqual(
      expect.objectContaining({ level: 'error', msg: 'database unavailable', path: '/api/auth/sign-in/email' }),
    );

    await proxy.restore();
    const restored = Date.now();
    let status = 0;
    while (Date.now() - restored < RECOVER_WITHIN_MS) {
      status = (await signIn(email)).status;
      if (status === 200) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const recoveredAfterMs = Date.now() - restored;
    expect((await request(server).get('/health/ready')).status).toBe(200);
    reportFigure(`frontend server, database ${mode === 'stall' ? 'frozen' : 'refusing'}`, `sign-in ${status === 200 ? 'worked again' : `still ${status}`} ${recoveredAfterMs} ms after the database came back`);
    expect(status).toBe(200);
  });
});
