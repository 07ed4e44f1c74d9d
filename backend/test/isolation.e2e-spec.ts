import { startTestApp, TestApp } from './support/test-app';
import { apiUser } from './support/tasks-client';

/** Two users, every endpoint: neither can see, change or learn of the other's tasks. */
describe('isolation between users', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it("answers 404 on every endpoint for another user's task under one's own path, and changes nothing", async () => {
    const alice = apiUser(t.http, 'alice');
    const bob = apiUser(t.http, 'bob');
    const secret = await alice.createTask({ title: "Alice's secret", priority: 'high' });

    expect((await bob.get(secret.id)).status).toBe(404);
    expect((await bob.put(secret.id, { title: 'pwned' })).status).toBe(404);
    expect((await bob.complete(secret.id)).status).toBe(404);
    expect((await bob.complete(secret.id, { completed: true })).status).toBe(404);
    expect((await bob.remove(secret.id)).status).toBe(404);
    const list = await bob.list('?q=secret');
    expect(list.body).toEqual([]);
    expect(list.headers['x-total-count']).toBe('0');

    expect((await alice.get(secret.id)).body).toEqual(secret);
  });

  it("answers 403 on every endpoint under another user's path", async () => {
    const alice = apiUser(t.http, 'alice');
    const bob = apiUser(t.http, 'bob');
    const task = await alice.createTask();
    const path = `${alice.base}/${task.id}`;
    expect((await t.http.get(alice.base).set(bob.auth)).status).toBe(403);
    expect((await t.http.post(alice.base).set(bob.auth).send({ title: 'planted' })).status).toBe(403);
    expect((await t.http.get(path).set(bob.auth)).status).toBe(403);
    expect((await t.http.put(path).set(bob.auth).send({ title: 'pwned' })).status).toBe(403);
    expect((await t.http.patch(`${path}/complete`).set(bob.auth)).status).toBe(403);
    expect((await t.http.delete(path).set(bob.auth)).status).toBe(403);
    expect((await alice.list()).body).toEqual([task]);
  });

  it("never lets a user's idempotency key reveal another's task", async () => {
    const alice = apiUser(t.http, 'alice');
    const bob = apiUser(t.http, 'bob');
    const a = await t.http.post(alice.base).set(alice.auth).set('Idempotency-Key', 'same').send({ title: 'same' });
    const b = await t.http.post(bob.base).set(bob.auth).set('Idempotency-Key', 'same').send({ title: 'same' });
    expect(b.body.userId).toBe(bob.id);
    expect(b.body.id).not.toBe(a.body.id);
  });

  it('stores userId from the token, never from the body', async () => {
    const alice = apiUser(t.http, 'alice');
    expect((await alice.create({ title: 'x', userId: 'bob' })).status).toBe(400);
    const task = await alice.createTask({ title: 'mine' });
    expect(task.userId).toBe(alice.id);
  });
});
