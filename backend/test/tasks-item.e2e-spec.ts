import { startTestApp, TestApp } from './support/test-app';
import { apiUser } from './support/tasks-client';

const NO_SUCH_TASK = '3f0c6c1e-8a6f-4a7e-9a51-0c2f3b8f2d11';

describe('a single task', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  describe('GET /api/{user_id}/tasks/{id}', () => {
    it('answers the task with its ETag', async () => {
      const user = apiUser(t.http);
      const task = await user.createTask({ title: 'Read me' });
      const response = await user.get(task.id);
      expect(response.status).toBe(200);
      expect(response.body).toEqual(task);
      expect(response.headers['etag']).toMatch(/^"[^"]+"$/);
    });

    it('answers 404 problem+json for an unknown id and 400 for a non-UUID', async () => {
      const user = apiUser(t.http);
      const missing = await user.get(NO_SUCH_TASK);
      expect(missing.status).toBe(404);
      expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
      const malformed = await user.get('not-a-uuid');
      expect(malformed.status).toBe(400);
      expect(malformed.body.errors).toEqual([{ field: 'id', message: 'must be a UUID' }]);
    });
  });

  describe('PUT /api/{user_id}/tasks/{id}', () => {
    it('changes only the given fields, moves updatedAt and the ETag, and stores the change', async () => {
      const user = apiUser(t.http);
      const task = await user.createTask({ title: 'Draft', description: 'keep me', priority: 'low' });
      const before = await user.get(task.id);
      const response = await user.put(task.id, { title: '  Final  ', dueDate: '2027-01-15' });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ title: 'Final', description: 'keep me', priority: 'low', dueDate: '2027-01-15' });
      expect(Date.parse(response.body.updatedAt)).toBeGreaterThan(Date.parse(task.updatedAt as string));
      expect(response.body.createdAt).toBe(task.createdAt);
      expect(response.headers['etag']).not.toBe(before.headers['etag']);
      const [stored] = await t.db.query('SELECT title, due_date::text AS due FROM tasks WHERE id = $1', [task.id]);
      expect(stored).toEqual({ title: 'Final', due: '2027-01-15' });
    });

    it('clears description and dueDate with null, and an empty description is null', async () => {
      const user = apiUser(t.http);
      const task = await user.createTask({ title: 'x', description: 'text', dueDate: '2026-01-01' });
      expect((await user.put(task.id, { description: null, dueDate: null })).body).toMatchObject({ description: null, dueDate: null });
      await user.put(task.id, { description: 'again' });
      expect((await user.put(task.id, { description: '' })).body.description).toBeNull();
    });

    it('sets completedAt when completed becomes true, clears it when false, keeps it otherwise', async () => {
      const user = apiUser(t.http);
      const task = await user.createTask({ title: 'x' });
      const done = await user.put(task.id, { completed: true });
      expect(done.body.completedAt).not.toBeNull();
      const renamed = await user.put(task.id, { title: 'y', completed: true });
      expect(renamed.body.completedAt).toBe(done.body.completedAt);
      expect((await user.put(task.id, { completed: false })).body.completedAt).toBeNull();
    });

    it('leaves updatedAt and the ETag alone when nothing changes', async () => {
      const user = apiUser(t.http);
      const task = await user.createTask({ title: 'Same' });
      const etag = (await user.get(task.id)).headers['etag'];
      const response = await user.put(task.id, { title: 'Same' });
      expect(response.status).toBe(200);
      expect(response.body.updatedAt).toBe(task.updatedAt);
      expect(response.headers['etag']).toBe(etag);
    });

    it.each([
      ['{}', {}],
      ['an unknown field', { title: 'x', done: true }],
      ['an id', { id: NO_SUCH_TASK }],
      ['a null title', { title: null }],
      ['a blank title', { title: ' ' }],
      ['completed null', { completed: null }],
      ['priority null', { priority: null }],
      ['a bad dueDate', { dueDate: '2026-02-31' }],
      ['dueDate ""', { dueDate: '' }],
    ])('answers 400 for %s and changes nothing', async (_name, body) => {
      const user = apiUser(t.http);
      const task = await user.createTask({ title: 'Untouched' });
      const response = await user.put(task.id, body);
      expect(response.status).toBe(400);
      expect((await user.get(task.id)).body).toEqual(task);
    });

    it('answers 404 for an unknown task', async () => {
      const user = apiUser(t.http);
      expect((await user.put(NO_SUCH_TASK, { title: 'x' })).status).toBe(404);
    });
  });

  describe('DELETE /api/{user_id}/tasks/{id}', () => {
    it('answers 204 with no body and the task is gone', async () => {
      const user = apiUser(t.http);
      const task = await user.createTask();
      const response = await user.remove(task.id);
      expect(response.status).toBe(204);
      expect(response.text).toBe('');
      expect((await user.get(task.id)).status).toBe(404);
      expect(await t.db.query('SELECT 1 FROM tasks WHERE id = $1', [task.id])).toHaveLength(0);
      expect((await user.remove(task.id)).status).toBe(404);
    });
  });

  describe('PATCH /api/{user_id}/tasks/{id}/complete', () => {
    it('flips completed when there is no body', async () => {
      const user = apiUser(t.http);
      const task = await user.createTask();
      const first = await user.complete(task.id);
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ completed: true, completedAt: expect.any(String) });
      const second = await user.complete(task.id);
      expect(second.body).toMatchObject({ completed: false, completedAt: null });
    });

    it('sets completed from the body, idempotently', async () => {
      const user = apiUser(t.http);
      const task = await user.createTask();
      const once = await user.complete(task.id, { completed: true });
      const twice = await user.complete(task.id, { completed: true });
      expect(twice.body).toEqual(once.body);
      expect(twice.headers['etag']).toBe(once.headers['etag']);
      expect((await user.complete(task.id, { completed: false })).body.completed).toBe(false);
    });

    it.each([
      ['{}', {}],
      ['completed as a string', { completed: 'yes' }],
      ['completed null', { completed: null }],
      ['an extra field', { completed: true, title: 'x' }],
    ])('answers 400 for %s and changes nothing', async (_name, body) => {
      const user = apiUser(t.http);
      const task = await user.createTask();
      expect((await user.complete(task.id, body)).status).toBe(400);
      expect((await user.get(task.id)).body).toEqual(task);
    });

    it('answers 415 for a non-JSON body', async () => {
      const user = apiUser(t.http);
      const task = await user.createTask();
      const response = await t.http.patch(`${user.base}/${task.id}/complete`).set(user.auth).set('Content-Type', 'text/plain').send('true');
      expect(response.status).toBe(415);
      expect((await user.get(task.id)).body.completed).toBe(false);
    });

    it('loses no toggle when 20 run at once', async () => {
      const user = apiUser(t.http);
      const task = await user.createTask();
      const responses = await Promise.all(Array.from({ length: 20 }, () => user.complete(task.id)));
      expect(responses.every((response) => response.status === 200)).toBe(true);
      // An even number of flips lands where it started; each saw a distinct version.
      expect((await user.get(task.id)).body.completed).toBe(false);
      expect(new Set(responses.map((response) => response.headers['etag'])).size).toBe(20);
      const [{ version }] = await t.db.query<{ version: number }>('SELECT version FROM tasks WHERE id = $1', [task.id]);
      expect(version).toBe(21);
    });
  });

  describe('If-Match', () => {
    it('proceeds with the current ETag or *, answers 412 for a stale or weak one and changes nothing', async () => {
      const user = apiUser(t.http);
      const task = await user.createTask({ title: 'v1' });
      const etag = (await user.get(task.id)).headers['etag'];
      const ok = await t.http.put(`${user.base}/${task.id}`).set(user.auth).set('If-Match', etag).send({ title: 'v2' });
      expect(ok.status).toBe(200);
      const stale = await t.http.put(`${user.base}/${task.id}`).set(user.auth).set('If-Match', etag).send({ title: 'v3' });
      expect(stale.status).toBe(412);
      expect(stale.headers['content-type']).toMatch(/^application\/problem\+json/);
      const weak = await t.http.put(`${user.base}/${task.id}`).set(user.auth).set('If-Match', `W/${ok.headers['etag']}`).send({ title: 'v3' });
      expect(weak.status).toBe(412);
      const garbage = await t.http.put(`${user.base}/${task.id}`).set(user.auth).set('If-Match', 'garbage').send({ title: 'v3' });
      expect(garbage.status).toBe(412);
      expect((await user.get(task.id)).body.title).toBe('v2');
      const star = await t.http.put(`${user.base}/${task.id}`).set(user.auth).set('If-Match', '*').send({ title: 'v4' });
      expect(star.status).toBe(200);
      const list = await t.http.put(`${user.base}/${task.id}`).set(user.auth).set('If-Match', `"nope", ${star.headers['etag']}`).send({ title: 'v5' });
      expect(list.status).toBe(200);
    });

    it('guards DELETE and PATCH too', async () => {
      const user = apiUser(t.http);
      const task = await user.createTask();
      const etag = (await user.get(task.id)).headers['etag'];
      await user.complete(task.id);
      expect((await t.http.patch(`${user.base}/${task.id}/complete`).set(user.auth).set('If-Match', etag)).status).toBe(412);
      expect((await t.http.delete(`${user.base}/${task.id}`).set(user.auth).set('If-Match', etag)).status).toBe(412);
      expect((await user.get(task.id)).body.completed).toBe(true);
      const current = (await user.get(task.id)).headers['etag'];
      expect((await t.http.delete(`${user.base}/${task.id}`).set(user.auth).set('If-Match', current)).status).toBe(204);
    });

    it('answers 404 rather than 412 for a task that does not exist', async () => {
      const user = apiUser(t.http);
      expect((await t.http.put(`${user.base}/${NO_SUCH_TASK}`).set(user.auth).set('If-Match', '"1"').send({ title: 'x' })).status).toBe(404);
    });

    it('lets exactly one of many writers with the same ETag win', async () => {
      const user = apiUser(t.http);
      const task = await user.createTask({ title: 'contested' });
      const etag = (await user.get(task.id)).headers['etag'];
      const responses = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          t.http.put(`${user.base}/${task.id}`).set(user.auth).set('If-Match', etag).send({ title: `writer ${i}` }),
        ),
      );
      const statuses = responses.map((response) => response.status).sort();
      expect(statuses.filter((status) => status === 200)).toHaveLength(1);
      expect(statuses.filter((status) => status === 412)).toHaveLength(9);
      const winner = responses.find((response) => response.status === 200)!;
      expect((await user.get(task.id)).body.title).toBe(winner.body.title);
    });
  });
});
