import { Task } from '@taskgate/api-contract';
import { startTestApp, TestApp } from './support/test-app';
import { apiUser, ApiUser } from './support/tasks-client';

const UNKNOWN = '3f0c6c1e-8a6f-4a7e-9a51-0c2f3b8f2d11';

/** API.md "Tasks, v1.1": POST /api/{user_id}/tasks/bulk. */
describe('POST /api/{user_id}/tasks/bulk', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const bulk = (user: ApiUser, body: unknown) => t.http.post(`${user.base}/bulk`).set(user.auth).send(body as object);
  const rows = async (user: ApiUser) =>
    t.db.query<{ id: string; completed: boolean; labels: string[]; version: number }>(
      `SELECT id, completed, labels, version FROM tasks WHERE user_id = $1 ORDER BY title`,
      [user.id],
    );
  const totals = async (user: ApiUser) =>
    Number((await t.db.query<{ n: string }>(`SELECT coalesce(sum(tasks), 0) AS n FROM task_counts WHERE user_id = $1`, [user.id]))[0].n);

  /** A user with three tasks, and another user with one. */
  async function setup() {
    const user = apiUser(t.http);
    const other = apiUser(t.http);
    const mine: Task[] = [];
    for (const title of ['a', 'b', 'c']) mine.push(await user.createTask({ title, labels: ['keep'] }));
    const theirs = await other.createTask({ title: 'theirs', labels: ['keep'] });
    return { user, other, mine, theirs };
  }

  it('completes own tasks, answers foreign and unknown ids as notFound, and changes nothing of them', async () => {
    const { user, other, mine, theirs } = await setup();
    await user.complete(mine[1].id, { completed: true });
    const response = await bulk(user, { action: 'complete', ids: [mine[0].id, theirs.id, mine[1].id, UNKNOWN] });
    expect(response.status).toBe(200);
    // An own task already completed is in the wanted state: changed.
    expect(response.body).toEqual({ changed: [mine[0].id, mine[1].id], notFound: [theirs.id, UNKNOWN] });
    expect((await rows(user)).map((row) => row.completed)).toEqual([true, true, false]);
    expect((await other.get(theirs.id)).body).toEqual(theirs);
    const [first] = await rows(user);
    expect((await user.get(first.id)).body.completedAt).toEqual(expect.any(String));
  });

  it('reopens and deletes, keeping the totals and label counts exact', async () => {
    const { user, mine } = await setup();
    await bulk(user, { action: 'complete', ids: mine.map((task) => task.id) });
    const reopened = await bulk(user, { action: 'reopen', ids: [mine[0].id] });
    expect(reopened.body).toEqual({ changed: [mine[0].id], notFound: [] });
    expect((await user.get(mine[0].id)).body).toMatchObject({ completed: false, completedAt: null });
    const deleted = await bulk(user, { action: 'delete', ids: [mine[0].id, mine[1].id, UNKNOWN] });
    expect(deleted.body).toEqual({ changed: [mine[0].id, mine[1].id], notFound: [UNKNOWN] });
    expect(await rows(user)).toHaveLength(1);
    expect(await totals(user)).toBe(1);
    expect((await user.list()).headers['x-total-count']).toBe('1');
    expect((await t.http.get(`/api/${encodeURIComponent(user.id)}/labels`).set(user.auth)).body).toEqual([{ name: 'keep', taskCount: 1 }]);
  });

  it('adds a label in the spelling the user has, and removes one in any spelling, moving updatedAt only where it changed', async () => {
    const { user, mine } = await setup();
    await user.createTask({ title: 'z', labels: ['Urgent'] });
    await user.put(mine[0].id, { labels: ['keep', 'urgent'] });
    const before = await rows(user);
    const added = await bulk(user, { action: 'addLabel', ids: mine.map((task) => task.id), label: ' URGENT ' });
    expect(added.body.changed).toEqual(mine.map((task) => task.id));
    const after = await rows(user);
    expect(after.slice(0, 3).map((row) => row.labels)).toEqual([
      ['keep', 'Urgent'],
      ['keep', 'Urgent'],
      ['keep', 'Urgent'],
    ]);
    // The first already carried it: same version.
    expect(after[0].version).toBe(before[0].version);
    expect(after[1].version).toBe(before[1].version + 1);
    const removed = await bulk(user, { action: 'removeLabel', ids: [mine[1].id, mine[2].id], label: 'urgent' });
    expect(removed.status).toBe(200);
    expect((await rows(user)).map((row) => row.labels.join('|'))).toEqual(['keep|Urgent', 'keep', 'keep', 'Urgent']);
    expect((await t.http.get(`/api/${encodeURIComponent(user.id)}/labels`).set(user.auth)).body).toEqual([
      { name: 'keep', taskCount: 3 },
      { name: 'Urgent', taskCount: 2 },
    ]);
  });

  it('refuses the whole request (400) when a label would give a task more than 20, and changes nothing', async () => {
    const { user, mine } = await setup();
    const full = Array.from({ length: 20 }, (_, i) => `l${i}`);
    await user.put(mine[0].id, { labels: full });
    const before = await rows(user);
    const response = await bulk(user, { action: 'addLabel', ids: mine.map((task) => task.id), label: 'one more' });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([{ field: 'label', message: `task ${mine[0].id} already has 20 other labels` }]);
    expect(await rows(user)).toEqual(before);
    // One it already carries is fine.
    expect((await bulk(user, { action: 'addLabel', ids: [mine[0].id], label: 'L5' })).status).toBe(200);
  });

  it('creates the next occurrence of each recurring pending task it completes, exactly once when two requests race', async () => {
    const user = apiUser(t.http);
    const recurring = await user.createTask({ title: 'r', dueDate: '2026-01-31', recurrence: { every: 'month', interval: 1 } });
    const plain = await user.createTask({ title: 'p' });
    const done = await user.createTask({ title: 'd', completed: true, dueDate: '2026-01-01', recurrence: { every: 'day', interval: 1 } });
    const ids = [recurring.id, plain.id, done.id];
    const responses = await Promise.all([bulk(user, { action: 'complete', ids }), bulk(user, { action: 'complete', ids: [...ids].reverse() })]);
    expect(responses.map((response) => response.status)).toEqual([200, 200]);
    const next = await t.db.query<{ due: string }>(
      `SELECT to_char(due_date, 'YYYY-MM-DD') AS due FROM tasks WHERE user_id = $1 AND NOT completed`,
      [user.id],
    );
    expect(next).toEqual([{ due: '2026-02-28' }]);
  });

  it('is atomic: a bulk that fails part-way changes nothing', async () => {
    const { user, mine } = await setup();
    const full = Array.from({ length: 20 }, (_, i) => `l${i}`);
    await user.put(mine[2].id, { labels: full });
    const before = await rows(user);
    expect((await bulk(user, { action: 'addLabel', ids: mine.map((task) => task.id), label: 'new' })).status).toBe(400);
    expect(await rows(user)).toEqual(before);
    expect((await t.db.query(`SELECT 1 FROM task_labels WHERE user_id = $1 AND key = 'new'`, [user.id])).length).toBe(0);
  });

  it.each([
    ['no ids', { action: 'complete', ids: [] }, 'ids'],
    ['101 ids', { action: 'complete', ids: Array.from({ length: 101 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`) }, 'ids'],
    ['a repeated id', { action: 'delete', ids: [UNKNOWN, UNKNOWN] }, 'ids'],
    ['a repeated id in another case', { action: 'delete', ids: [UNKNOWN, UNKNOWN.toUpperCase()] }, 'ids'],
    ['an id that is not a UUID', { action: 'delete', ids: ['nope'] }, 'ids'],
    ['ids not an array', { action: 'delete', ids: UNKNOWN }, 'ids'],
    ['an unknown action', { action: 'archive', ids: [UNKNOWN] }, 'action'],
    ['no action', { ids: [UNKNOWN] }, 'action'],
    ['a label with complete', { action: 'complete', ids: [UNKNOWN], label: 'x' }, 'label'],
    ['no label with addLabel', { action: 'addLabel', ids: [UNKNOWN] }, 'label'],
    ['no label with removeLabel', { action: 'removeLabel', ids: [UNKNOWN] }, 'label'],
    ['an invalid label', { action: 'addLabel', ids: [UNKNOWN], label: 'a,b' }, 'label'],
    ['an unknown field', { action: 'delete', ids: [UNKNOWN], force: true }, 'force'],
  ])('answers 400 problem+json for %s, and changes nothing', async (_case, body, field) => {
    const { user, mine } = await setup();
    const before = await rows(user);
    const response = await bulk(user, body);
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body.errors.map((error: { field: string }) => error.field)).toContain(field);
    expect(await rows(user)).toEqual(before);
    expect(mine).toHaveLength(3);
  });

  it('answers 413 for a body over 64 KiB, 415 for one that is not JSON, and 400 for no body', async () => {
    const user = apiUser(t.http);
    const huge = JSON.stringify({ action: 'delete', ids: [UNKNOWN], pad: 'x'.repeat(70 * 1024) });
    expect((await t.http.post(`${user.base}/bulk`).set(user.auth).set('Content-Type', 'application/json').send(huge)).status).toBe(413);
    expect((await t.http.post(`${user.base}/bulk`).set(user.auth).set('Content-Type', 'text/plain').send('x')).status).toBe(415);
    expect((await t.http.post(`${user.base}/bulk`).set(user.auth)).status).toBe(400);
  });

  it('answers 403 for another user\'s path and 401 without a token', async () => {
    const user = apiUser(t.http);
    const other = apiUser(t.http);
    expect((await t.http.post(`${other.base}/bulk`).set(user.auth).send({ action: 'delete', ids: [UNKNOWN] })).status).toBe(403);
    expect((await t.http.post(`${user.base}/bulk`).send({ action: 'delete', ids: [UNKNOWN] })).status).toBe(401);
  });
});
