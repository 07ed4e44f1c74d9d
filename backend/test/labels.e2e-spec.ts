import { Task } from '@taskgate/api-contract';
import { startTestApp, TestApp } from './support/test-app';
import { apiUser, ApiUser } from './support/tasks-client';

/** API.md "Tasks, v1.1": GET, PUT and DELETE /api/{user_id}/labels[/{name}]. */
describe('/api/{user_id}/labels', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const labelsOf = (user: ApiUser) => t.http.get(`/api/${encodeURIComponent(user.id)}/labels`).set(user.auth);
  const rename = (user: ApiUser, name: string, body: unknown) =>
    t.http.put(`/api/${encodeURIComponent(user.id)}/labels/${encodeURIComponent(name)}`).set(user.auth).send(body as object);
  const remove = (user: ApiUser, name: string) =>
    t.http.delete(`/api/${encodeURIComponent(user.id)}/labels/${encodeURIComponent(name)}`).set(user.auth);
  const stored = async (user: ApiUser) =>
    (await t.db.query<{ title: string; labels: string[] }>(`SELECT title, labels FROM tasks WHERE user_id = $1 ORDER BY title`, [user.id])).map(
      (row) => `${row.title}:${row.labels.join('|')}`,
    );

  describe('GET', () => {
    it('answers every label on at least one task with its count, sorted by lower-case name, and nothing of other users', async () => {
      const user = apiUser(t.http);
      await user.createTask({ title: 'a', labels: ['work', 'Zeta'] });
      await user.createTask({ title: 'b', labels: ['Work', 'alpha'] });
      const gone = await user.createTask({ title: 'c', labels: ['gone'] });
      await user.remove(gone.id);
      await apiUser(t.http).createTask({ title: 'x', labels: ['theirs'] });
      const response = await labelsOf(user);
      expect(response.status).toBe(200);
      expect(response.body).toEqual([
        { name: 'alpha', taskCount: 1 },
        { name: 'work', taskCount: 2 },
        { name: 'Zeta', taskCount: 1 },
      ]);
    });

    it('answers [] for a user without labels', async () => {
      expect((await labelsOf(apiUser(t.http))).body).toEqual([]);
    });
  });

  describe('PUT /labels/{name}', () => {
    it('renames the label on every task, moving their updatedAt and ETag, and answers the label after the change', async () => {
      const user = apiUser(t.http);
      const a = await user.createTask({ title: 'a', labels: ['work', 'x'] });
      const b = await user.createTask({ title: 'b', labels: ['work'] });
      const untouched = await user.createTask({ title: 'c', labels: ['x'] });
      const response = await rename(user, 'WORK', { name: 'Job' });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ name: 'Job', taskCount: 2 });
      expect(await stored(user)).toEqual(['a:Job|x', 'b:Job', 'c:x']);
      for (const task of [a, b]) {
        const after = await user.get(task.id);
        expect(Date.parse(after.body.updatedAt)).toBeGreaterThan(Date.parse(task.updatedAt));
      }
      expect((await user.get(untouched.id)).body).toEqual(untouched);
      expect((await labelsOf(user)).body).toEqual([
        { name: 'Job', taskCount: 2 },
        { name: 'x', taskCount: 2 },
      ]);
    });

    it('merges into an existing label, which keeps its spelling; a task with both ends up with one', async () => {
      const user = apiUser(t.http);
      await user.createTask({ title: 'a', labels: ['urgent', 'Work'] });
      await user.createTask({ title: 'b', labels: ['urgent'] });
      await user.createTask({ title: 'c', labels: ['Work'] });
      const response = await rename(user, 'urgent', { name: 'work' });
      expect(response.body).toEqual({ name: 'Work', taskCount: 3 });
      expect(await stored(user)).toEqual(['a:Work', 'b:Work', 'c:Work']);
      expect((await labelsOf(user)).body).toEqual([{ name: 'Work', taskCount: 3 }]);
    });

    it('changes the kept spelling when renamed to another spelling of itself', async () => {
      const user = apiUser(t.http);
      const task = await user.createTask({ title: 'a', labels: ['work'] });
      expect((await rename(user, 'work', { name: '  WORK ' })).body).toEqual({ name: 'WORK', taskCount: 1 });
      expect((await user.get(task.id)).body.labels).toEqual(['WORK']);
      expect((await user.createTask({ title: 'b', labels: ['Work'] })).labels).toEqual(['WORK']);
      // The same spelling again changes nothing.
      const before = await user.get(task.id);
      expect((await rename(user, 'work', { name: 'WORK' })).body).toEqual({ name: 'WORK', taskCount: 2 });
      expect((await user.get(task.id)).headers['etag']).toBe(before.headers['etag']);
    });

    it('answers 404 problem+json for a label the user does not have (another user\'s included), and changes nothing', async () => {
      const user = apiUser(t.http);
      const other = apiUser(t.http);
      await other.createTask({ title: 'theirs', labels: ['secret'] });
      const response = await rename(user, 'secret', { name: 'mine' });
      expect(response.status).toBe(404);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect((await labelsOf(other)).body).toEqual([{ name: 'secret', taskCount: 1 }]);
    });

    it.each([
      ['an empty name', { name: '' }],
      ['a comma', { name: 'a,b' }],
      ['51 characters', { name: 'x'.repeat(51) }],
      ['no name', {}],
      ['an unknown field', { name: 'ok', color: 'red' }],
    ])('answers 400 for a body with %s, and changes nothing', async (_case, body) => {
      const user = apiUser(t.http);
      await user.createTask({ title: 'a', labels: ['keep'] });
      const response = await rename(user, 'keep', body);
      expect(response.status).toBe(400);
      expect(await stored(user)).toEqual(['a:keep']);
    });

    it('answers 400 for a path name no label can have (a comma, 51 characters), before the body', async () => {
      const user = apiUser(t.http);
      const comma = await rename(user, 'a,b', { name: 'ok' });
      expect(comma.status).toBe(400);
      expect(comma.body.errors[0].field).toBe('name');
      expect((await rename(user, 'x'.repeat(51), '{bad')).status).toBe(400);
    });

    it('answers 415 for a body that is not JSON', async () => {
      const user = apiUser(t.http);
      await user.createTask({ title: 'a', labels: ['keep'] });
      const response = await t.http
        .put(`/api/${encodeURIComponent(user.id)}/labels/keep`)
        .set(user.auth)
        .set('Content-Type', 'text/plain')
        .send('name=x');
      expect(response.status).toBe(415);
    });
  });

  describe('DELETE /labels/{name}', () => {
    it('removes the label from every task (any spelling of the path), moves their updatedAt, and answers 204', async () => {
      const user = apiUser(t.http);
      const a = await user.createTask({ title: 'a', labels: ['Old', 'keep'] });
      await user.createTask({ title: 'b', labels: ['old'] });
      const response = await remove(user, 'OLD');
      expect(response.status).toBe(204);
      expect(response.text).toBe('');
      expect(await stored(user)).toEqual(['a:keep', 'b:']);
      expect(Date.parse((await user.get(a.id)).body.updatedAt)).toBeGreaterThan(Date.parse(a.updatedAt));
      expect((await labelsOf(user)).body).toEqual([{ name: 'keep', taskCount: 1 }]);
      expect((await user.list('?labels=old')).headers['x-total-count']).toBe('0');
    });

    it('answers 404 for an unknown label and 400 for an invalid name', async () => {
      const user = apiUser(t.http);
      expect((await remove(user, 'nothing')).status).toBe(404);
      expect((await remove(user, ' ')).status).toBe(400);
    });
  });

  it('keeps counts exact when renames, deletes and task writes of one user run at once', async () => {
    const user = apiUser(t.http);
    const tasks: Task[] = [];
    for (let i = 0; i < 10; i++) tasks.push(await user.createTask({ title: `t${i}`, labels: ['a', i % 2 ? 'b' : 'c'] }));
    const responses = await Promise.all([
      rename(user, 'b', { name: 'c' }),
      ...tasks.slice(0, 5).map((task) => user.put(task.id, { labels: ['a', 'd'] })),
      ...tasks.slice(5, 8).map((task) => user.remove(task.id)),
      remove(user, 'a'),
    ]);
    expect(responses.every((response) => response.status < 500)).toBe(true);
    const counted = await t.db.query<{ name: string; tasks: string }>(
      `SELECT name, tasks::text FROM task_labels WHERE user_id = $1 ORDER BY key`,
      [user.id],
    );
    const actual = await t.db.query<{ name: string; tasks: string }>(
      `SELECT label AS name, count(*)::text AS tasks FROM tasks, unnest(labels) AS label WHERE user_id = $1 GROUP BY 1 ORDER BY lower(label)`,
      [user.id],
    );
    expect(counted).toEqual(actual);
    // The stored keys the filter reads follow every change.
    const stale = await t.db.query(`SELECT id FROM tasks WHERE user_id = $1 AND label_keys <> task_label_keys(labels)`, [user.id]);
    expect(stale).toEqual([]);
    for (const { name, tasks } of counted) {
      expect((await user.list(`?labels=${encodeURIComponent(name.toUpperCase())}`)).headers['x-total-count']).toBe(tasks);
    }
  });
});
