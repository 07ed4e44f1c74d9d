import { startTestApp, TestApp } from './support/test-app';
import { apiUser } from './support/tasks-client';
import { bearer, tokenFor } from './support/tokens';

const NO_SUCH_TASK = '3f0c6c1e-8a6f-4a7e-9a51-0c2f3b8f2d11';
const HUGE = JSON.stringify({ title: 'x', description: 'y'.repeat(80 * 1024) });

/** API.md: "Checks run in this order, and the first that fails answers." */
describe('the order of checks', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('1. 401 before everything: no token, a foreign path, a bad id, a huge non-JSON body', async () => {
    const response = await t.http.put(`/api/someone/tasks/not-a-uuid`).set('Content-Type', 'text/plain').send(HUGE);
    expect(response.status).toBe(401);
  });

  it('1. 401 for an unknown route without a token, 404 with one', async () => {
    expect((await t.http.get('/api/no/such/route')).status).toBe(401);
    const user = apiUser(t.http);
    const response = await t.http.get('/api/no/such/route').set(user.auth);
    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('2. 403 before a bad id, a bad query or a bad body', async () => {
    const user = apiUser(t.http);
    const foreign = `/api/someone-else/tasks`;
    expect((await t.http.put(`${foreign}/not-a-uuid`).set(user.auth).set('Content-Type', 'text/plain').send(HUGE)).status).toBe(403);
    expect((await t.http.get(`${foreign}?status=nope`).set(user.auth)).status).toBe(403);
    expect((await t.http.post(foreign).set(user.auth).set('Content-Type', 'application/json').send('{bad')).status).toBe(403);
  });

  it('4. 400 for a non-UUID id before 413, 415 or a body error', async () => {
    const user = apiUser(t.http);
    const huge = await t.http.put(`${user.base}/not-a-uuid`).set(user.auth).set('Content-Type', 'application/json').send(HUGE);
    expect(huge.status).toBe(400);
    expect(huge.body.errors).toEqual([{ field: 'id', message: 'must be a UUID' }]);
    const text = await t.http.patch(`${user.base}/not-a-uuid/complete`).set(user.auth).set('Content-Type', 'text/plain').send('x');
    expect(text.status).toBe(400);
    expect(text.body.errors[0].field).toBe('id');
  });

  it('5. 413 before 415: a huge body that is not JSON', async () => {
    const user = apiUser(t.http);
    const task = await user.createTask();
    const response = await t.http.put(`${user.base}/${task.id}`).set(user.auth).set('Content-Type', 'text/plain').send(HUGE);
    expect(response.status).toBe(413);
  });

  it('6. 415 before a malformed body', async () => {
    const user = apiUser(t.http);
    const response = await t.http.post(user.base).set(user.auth).set('Content-Type', 'text/plain').send('{bad');
    expect(response.status).toBe(415);
  });

  it('7. 400 for an invalid body before 404 for an unknown task', async () => {
    const user = apiUser(t.http);
    const response = await t.http.put(`${user.base}/${NO_SUCH_TASK}`).set(user.auth).send({ title: '' });
    expect(response.status).toBe(400);
  });

  it('8. 404 before 412: an unknown task with a stale If-Match', async () => {
    const user = apiUser(t.http);
    const response = await t.http.delete(`${user.base}/${NO_SUCH_TASK}`).set(user.auth).set('If-Match', '"999"');
    expect(response.status).toBe(404);
  });

  it('v1.1 routes: 401, then 403, then a bad label name (400), then 413, 415, a bad body (400), then 404', async () => {
    const user = apiUser(t.http);
    const labels = `/api/${encodeURIComponent(user.id)}/labels`;
    const foreign = '/api/someone-else';
    expect((await t.http.put(`${labels}/a%2Cb`).set('Content-Type', 'text/plain').send(HUGE)).status).toBe(401);
    expect((await t.http.put(`${foreign}/labels/a%2Cb`).set(user.auth).set('Content-Type', 'text/plain').send(HUGE)).status).toBe(403);
    expect((await t.http.post(`${foreign}/tasks/bulk`).set(user.auth).set('Content-Type', 'text/plain').send(HUGE)).status).toBe(403);
    const badName = await t.http.put(`${labels}/a%2Cb`).set(user.auth).set('Content-Type', 'text/plain').send(HUGE);
    expect(badName.status).toBe(400);
    expect(badName.body.errors[0].field).toBe('name');
    expect((await t.http.put(`${labels}/nothing`).set(user.auth).set('Content-Type', 'text/plain').send(HUGE)).status).toBe(413);
    expect((await t.http.post(`${user.base}/bulk`).set(user.auth).set('Content-Type', 'text/plain').send(HUGE)).status).toBe(413);
    expect((await t.http.put(`${labels}/nothing`).set(user.auth).set('Content-Type', 'text/plain').send('x')).status).toBe(415);
    expect((await t.http.post(`${user.base}/bulk`).set(user.auth).set('Content-Type', 'text/plain').send('x')).status).toBe(415);
    // An invalid body before an unknown label.
    expect((await t.http.put(`${labels}/nothing`).set(user.auth).send({ name: '' })).status).toBe(400);
    expect((await t.http.put(`${labels}/nothing`).set(user.auth).send({ name: 'ok' })).status).toBe(404);
    expect((await t.http.delete(`${labels}/nothing`).set(user.auth)).status).toBe(404);
  });

  it('v1.1: a PUT that would leave a recurring task without a due date is a 400 only for a task that exists and matches If-Match', async () => {
    const user = apiUser(t.http);
    expect((await t.http.put(`${user.base}/${NO_SUCH_TASK}`).set(user.auth).send({ recurrence: { every: 'day', interval: 1 } })).status).toBe(404);
    const task = await user.createTask({ title: 'x', dueDate: '2026-01-01', recurrence: { every: 'day', interval: 1 } });
    const stale = await t.http.put(`${user.base}/${task.id}`).set(user.auth).set('If-Match', '"999"').send({ dueDate: null });
    expect(stale.status).toBe(412);
    expect((await t.http.put(`${user.base}/${task.id}`).set(user.auth).send({ dueDate: null })).status).toBe(400);
  });

  it('9. 412 once everything else holds', async () => {
    const user = apiUser(t.http);
    const task = await user.createTask();
    const response = await t.http.put(`${user.base}/${task.id}`).set(user.auth).set('If-Match', '"999"').send({ title: 'y' });
    expect(response.status).toBe(412);
  });
});

describe('the order of checks with rate limiting (RATE_LIMIT_PER_MINUTE=3)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ RATE_LIMIT_PER_MINUTE: '3' });
  });
  afterAll(() => t.close());

  it('3. limits each user separately, answering 429 problem+json with Retry-After, after 401 and 403', async () => {
    const user = apiUser(t.http);
    for (let i = 0; i < 3; i++) expect((await user.list()).status).toBe(200);
    const limited = await user.list();
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
    // 429 comes before a bad id or body...
    expect((await t.http.put(`${user.base}/not-a-uuid`).set(user.auth).send('{bad')).status).toBe(429);
    // ...but after 401 and 403.
    expect((await t.http.get(user.base)).status).toBe(401);
    expect((await t.http.get('/api/someone-else/tasks').set(user.auth)).status).toBe(403);
    // Another user is not affected.
    expect((await apiUser(t.http).list()).status).toBe(200);
  });

  it('never limits the health probes', async () => {
    for (let i = 0; i < 6; i++) expect((await t.http.get('/api/health/live')).status).toBe(200);
  });

  it('counts a user by token subject, not by token', async () => {
    const user = apiUser(t.http);
    for (let i = 0; i < 3; i++) await t.http.get(user.base).set(bearer(tokenFor(user.id, { jti: String(i) })));
    expect((await t.http.get(user.base).set(bearer(tokenFor(user.id, { jti: 'fresh' })))).status).toBe(429);
  });
});

describe('the order of checks with a malformed Content-Type', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('answers 401 without a token and 415 with one', async () => {
    const user = apiUser(t.http);
    const unauthenticated = await t.http.post(user.base).set('Content-Type', 'not a media type').send('{"title":"x"}');
    expect(unauthenticated.status).toBe(401);
    const authenticated = await t.http.post(user.base).set(user.auth).set('Content-Type', 'not a media type').send('{"title":"x"}');
    expect(authenticated.status).toBe(415);
    expect(authenticated.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});
