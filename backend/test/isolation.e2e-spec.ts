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

  it("never lets labels, filters or bulk reach another user's tasks", async () => {
    const alice = apiUser(t.http, 'alice');
    const bob = apiUser(t.http, 'bob');
    const secret = await alice.createTask({ title: "Alice's secret", labels: ['Private'] });
    const bobLabels = `/api/${encodeURIComponent(bob.id)}/labels`;

    expect((await t.http.get(bobLabels).set(bob.auth)).body).toEqual([]);
    expect((await t.http.put(`${bobLabels}/private`).set(bob.auth).send({ name: 'mine' })).status).toBe(404);
    expect((await t.http.delete(`${bobLabels}/private`).set(bob.auth)).status).toBe(404);
    const filtered = await bob.list('?labels=private');
    expect(filtered.body).toEqual([]);
    expect(filtered.headers['x-total-count']).toBe('0');
    for (const action of ['complete', 'delete', 'removeLabel']) {
      const body = action === 'removeLabel' ? { action, ids: [secret.id], label: 'private' } : { action, ids: [secret.id] };
      const response = await t.http.post(`${bob.base}/bulk`).set(bob.auth).send(body);
      expect(response.body).toEqual({ changed: [], notFound: [secret.id] });
    }
    // Bob's own label of the same name is his alone.
    await bob.createTask({ title: 'his', labels: ['PRIVATE'] });
    expect((await t.http.get(bobLabels).set(bob.auth)).body).toEqual([{ name: 'PRIVATE', taskCount: 1 }]);

    expect((await alice.get(secret.id)).body).toEqual(secret);
    expect((await t.http.get(`/api/${encodeURIComponent(alice.id)}/labels`).set(alice.auth)).body).toEqual([{ name: 'Private', taskCount: 1 }]);
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
    expect((await t.http.post(`${alice.base}/bulk`).set(bob.auth).send({ action: 'delete', ids: [task.id] })).status).toBe(403);
    expect((await t.http.get(`/api/${encodeURIComponent(alice.id)}/labels`).set(bob.auth)).status).toBe(403);
    expect((await t.http.delete(`/api/${encodeURIComponent(alice.id)}/labels/x`).set(bob.auth)).status).toBe(403);
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
