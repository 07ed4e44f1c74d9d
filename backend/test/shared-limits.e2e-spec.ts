import { createTestDatabase, type TestDatabase } from '@taskgate/postgres/testing';
import { ListeningApp, startAppOn } from './support/app-on-database';
import { bearer, newUserId, tokenFor } from './support/tokens';

// RATE_LIMIT_PER_MINUTE counted in Redis (REDIS_URL): N replicas enforce one
// limit. A real Redis: the machine's (CI starts one) or 127.0.0.1:6379.
const REDIS_URL = process.env['REDIS_URL'] || 'redis://127.0.0.1:6379';
const LIMIT = 10;

describe('the per-user limit with REDIS_URL', () => {
  let db: TestDatabase;
  const apps: ListeningApp[] = [];
  const start = async (redisUrl: string) => {
    const app = await startAppOn(db.url, { REDIS_URL: redisUrl, RATE_LIMIT_PER_MINUTE: String(LIMIT) });
    apps.push(app);
    return app;
  };
  const list = async (app: ListeningApp, user: string) => {
    const started = performance.now();
    const res = await fetch(`${app.url}/api/${user}/tasks`, { headers: bearer(tokenFor(user)) });
    return { status: res.status, ms: performance.now() - started, retryAfter: res.headers.get('retry-after') };
  };

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    await db?.drop();
  });

  it('is one limit across two replicas, not one each', async () => {
    const [first, second] = [await start(REDIS_URL), await start(REDIS_URL)];
    const user = newUserId('shared');
    const answers = [];
    for (let i = 0; i < LIMIT + 5; i++) answers.push(await list(i % 2 ? second : first, user));
    expect(answers.map((a) => a.status)).toEqual([...Array(LIMIT).fill(200), ...Array(5).fill(429)]);
    expect(Number(answers[LIMIT].retryAfter)).toBeGreaterThan(0);
    // Another user has a budget of their own.
    expect((await list(second, newUserId('other'))).status).toBe(200);
  });

  it('keeps serving when Redis cannot be reached, limiting each replica on its own, without waiting', async () => {
    const app = await start('redis://127.0.0.1:1');
    const user = newUserId('no-redis');
    const answers = [];
    for (let i = 0; i < LIMIT + 2; i++) answers.push(await list(app, user));
    expect(answers.map((a) => a.status)).toEqual([...Array(LIMIT).fill(200), 429, 429]);
    expect(Math.max(...answers.map((a) => a.ms))).toBeLessThan(1_000);
  });
});
