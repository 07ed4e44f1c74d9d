import { Task } from '@taskgate/api-contract';
import { startTestApp, TestApp } from './support/test-app';
import { apiUser, ApiUser } from './support/tasks-client';

/** API.md "Tasks, v1.1": labels, recurrence and remindAt on a task. */
describe('the v1.1 task fields', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const labelRows = (user: ApiUser) =>
    t.db.query<{ name: string; tasks: string }>(`SELECT name, tasks::text FROM task_labels WHERE user_id = $1 ORDER BY key`, [user.id]);
  const taskCount = async (user: ApiUser) =>
    Number((await t.db.query<{ n: string }>(`SELECT count(*) AS n FROM tasks WHERE user_id = $1`, [user.id]))[0].n);

  describe('defaults', () => {
    it('answers labels [], recurrence null and remindAt null when not given', async () => {
      const user = apiUser(t.http);
      const task = await user.createTask({ title: 'Plain' });
      expect(task).toMatchObject({ labels: [], recurrence: null, remindAt: null });
      expect((await user.get(task.id)).body).toMatchObject({ labels: [], recurrence: null, remindAt: null });
    });
  });

  describe('labels', () => {
    it('trims them, answers them sorted by lower case, and stores them', async () => {
      const user = apiUser(t.http);
      const task = await user.createTask({ title: 'x', labels: ['  work ', 'Home', 'errands'] });
      expect(task.labels).toEqual(['errands', 'Home', 'work']);
      expect((await user.get(task.id)).body.labels).toEqual(['errands', 'Home', 'work']);
      expect(await labelRows(user)).toEqual([
        { name: 'errands', tasks: '1' },
        { name: 'Home', tasks: '1' },
        { name: 'work', tasks: '1' },
      ]);
    });

    it('keeps the first spelling the user used, on create and on PUT', async () => {
      const user = apiUser(t.http);
      await user.createTask({ title: 'first', labels: ['Work'] });
      const second = await user.createTask({ title: 'second', labels: ['WORK', 'new'] });
      expect(second.labels).toEqual(['new', 'Work']);
      const third = await user.createTask({ title: 'third' });
      expect((await user.put(third.id, { labels: ['work'] })).body.labels).toEqual(['Work']);
      expect(await labelRows(user)).toEqual([
        { name: 'new', tasks: '1' },
        { name: 'Work', tasks: '3' },
      ]);
      // Another user's spelling is theirs alone.
      const other = apiUser(t.http);
      expect((await other.createTask({ title: 'x', labels: ['wOrK'] })).labels).toEqual(['wOrK']);
    });

    it('forgets a label (and its spelling) once no task carries it', async () => {
      const user = apiUser(t.http);
      const task = await user.createTask({ title: 'x', labels: ['Once'] });
      await user.put(task.id, { labels: [] });
      expect(await labelRows(user)).toEqual([]);
      expect((await user.put(task.id, { labels: ['ONCE'] })).body.labels).toEqual(['ONCE']);
    });

    it.each([
      ['a repeat ignoring case', ['Work', 'work']],
      ['a repeat once trimmed', ['a', ' a ']],
      ['21 labels', Array.from({ length: 21 }, (_, i) => `label ${i}`)],
      ['an empty label', ['']],
      ['a blank label', ['  ']],
      ['51 characters', ['x'.repeat(51)]],
      ['a comma', ['a,b']],
      ['a NUL character', ['a\u0000b']],
      ['a number', [7]],
      ['null', null],
      ['a string', 'work'],
    ])('answers 400 for %s, on create and on PUT, and changes nothing', async (_case, labels) => {
      const user = apiUser(t.http);
      const created = await user.create({ title: 'x', labels });
      expect(created.status).toBe(400);
      expect(created.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(created.body.errors.map((error: { field: string }) => error.field)).toEqual(['labels']);
      const task = await user.createTask({ title: 'y', labels: ['keep'] });
      expect((await user.put(task.id, { labels })).status).toBe(400);
      expect((await user.get(task.id)).body).toEqual(task);
      expect(await taskCount(user)).toBe(1);
    });

    it('accepts 20 labels of 50 characters (emoji count as one)', async () => {
      const user = apiUser(t.http);
      const labels = Array.from({ length: 20 }, (_, i) => `${i}${'😀'.repeat(50 - String(i).length)}`);
      expect((await user.create({ title: 'x', labels })).status).toBe(201);
    });

    it('moves updatedAt and the ETag when labels change, and not when the same set is sent again', async () => {
      const user = apiUser(t.http);
      const task = await user.createTask({ title: 'x', labels: ['a', 'B'] });
      const before = await user.get(task.id);
      const same = await user.put(task.id, { labels: ['b', 'A'] });
      expect(same.status).toBe(200);
      expect(same.headers['etag']).toBe(before.headers['etag']);
      expect(same.body.updatedAt).toBe(task.updatedAt);
      const changed = await user.put(task.id, { labels: ['a'] });
      expect(changed.body.labels).toEqual(['a']);
      expect(changed.headers['etag']).not.toBe(before.headers['etag']);
      expect(Date.parse(changed.body.updatedAt)).toBeGreaterThan(Date.parse(task.updatedAt));
      expect(await labelRows(user)).toEqual([{ name: 'a', tasks: '1' }]);
    });

    it('keeps the label counts exact through creates, deletes and concurrent writes', async () => {
      const user = apiUser(t.http);
      const tasks = await Promise.all(Array.from({ length: 12 }, (_, i) => user.createTask({ title: `t${i}`, labels: ['Shared', `own ${i}`] })));
      await Promise.all(tasks.slice(0, 4).map((task) => user.remove(task.id)));
      await Promise.all(tasks.slice(4, 8).map((task) => user.put(task.id, { labels: ['shared'] })));
      const rows = await labelRows(user);
      expect(rows.find((row) => row.name === 'Shared')).toEqual({ name: 'Shared', tasks: '8' });
      expect(rows.filter((row) => row.name.startsWith('own ')).map((row) => row.name)).toEqual(['own 10', 'own 11', 'own 8', 'own 9']);
    });
  });

  describe('remindAt', () => {
    it('accepts Z or an offset, stores it to the millisecond and answers it in UTC', async () => {
      const user = apiUser(t.http);
      const task = await user.createTask({ title: 'x', remindAt: '2026-12-01T09:30:15.123456+01:00' });
      expect(task.remindAt).toBe('2026-12-01T08:30:15.123Z');
      const [stored] = await t.db.query<{ at: string }>(
        `SELECT to_char(remind_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') AS at FROM tasks WHERE id = $1`,
        [task.id],
      );
      expect(stored.at).toBe('2026-12-01 08:30:15.123000');
      expect((await user.put(task.id, { remindAt: '2027-01-02T03:04:05Z' })).body.remindAt).toBe('2027-01-02T03:04:05.000Z');
      expect((await user.put(task.id, { remindAt: null })).body.remindAt).toBeNull();
    });

    it.each([
      ['no offset', '2026-12-01T09:00:00'],
      ['a date alone', '2026-12-01'],
      ['an impossible date', '2026-02-30T09:00:00Z'],
      ['text', 'soon'],
      ['an empty string', ''],
      ['a number', 1796112000000],
    ])('answers 400 for %s and changes nothing', async (_case, remindAt) => {
      const user = apiUser(t.http);
      const response = await user.create({ title: 'x', remindAt });
      expect(response.status).toBe(400);
      expect(response.body.errors.map((error: { field: string }) => error.field)).toEqual(['remindAt']);
      expect(await taskCount(user)).toBe(0);
    });
  });

  describe('recurrence', () => {
    it('is stored and answered, and cleared with null', async () => {
      const user = apiUser(t.http);
      const task = await user.createTask({ title: 'x', dueDate: '2026-01-31', recurrence: { every: 'month', interval: 1 } });
      expect(task.recurrence).toEqual({ every: 'month', interval: 1 });
      const cleared = await user.put(task.id, { recurrence: null });
      expect(cleared.body.recurrence).toBeNull();
      expect(Date.parse(cleared.body.updatedAt)).toBeGreaterThan(Date.parse(task.updatedAt));
    });

    it.each([
      ['an unknown unit', { every: 'hour', interval: 1 }],
      ['interval 0', { every: 'day', interval: 0 }],
      ['interval 366', { every: 'day', interval: 366 }],
      ['a fractional interval', { every: 'day', interval: 1.5 }],
      ['an unknown key', { every: 'day', interval: 1, at: '09:00' }],
      ['a missing interval', { every: 'day' }],
      ['a string', 'daily'],
    ])('answers 400 for %s and changes nothing', async (_case, recurrence) => {
      const user = apiUser(t.http);
      const response = await user.create({ title: 'x', dueDate: '2026-01-01', recurrence });
      expect(response.status).toBe(400);
      expect(response.body.errors.map((error: { field: string }) => error.field)).toEqual(['recurrence']);
      expect(await taskCount(user)).toBe(0);
    });

    it('needs a due date: on create, on a PUT that sets it, and on a PUT that would take the due date away', async () => {
      const user = apiUser(t.http);
      const noDue = await user.create({ title: 'x', recurrence: { every: 'day', interval: 1 } });
      expect(noDue.status).toBe(400);
      expect(noDue.body.errors).toEqual([{ field: 'recurrence', message: 'requires a dueDate' }]);
      expect((await user.create({ title: 'x', dueDate: null, recurrence: { every: 'day', interval: 1 } })).status).toBe(400);
      expect(await taskCount(user)).toBe(0);

      const plain = await user.createTask({ title: 'plain' });
      const setOnPlain = await user.put(plain.id, { recurrence: { every: 'week', interval: 1 } });
      expect(setOnPlain.status).toBe(400);
      expect(setOnPlain.body.errors).toEqual([{ field: 'recurrence', message: 'requires a dueDate' }]);
      expect((await user.get(plain.id)).body).toEqual(plain);

      const recurring = await user.createTask({ title: 'r', dueDate: '2026-05-01', recurrence: { every: 'day', interval: 2 } });
      expect((await user.put(recurring.id, { dueDate: null })).status).toBe(400);
      expect((await user.put(recurring.id, { dueDate: null, recurrence: { every: 'day', interval: 1 } })).status).toBe(400);
      expect((await user.get(recurring.id)).body).toEqual(recurring);
      // Both together are fine.
      expect((await user.put(recurring.id, { dueDate: null, recurrence: null })).status).toBe(200);
      expect((await user.put(plain.id, { dueDate: '2026-05-01', recurrence: { every: 'day', interval: 1 } })).status).toBe(200);
    });
  });

  describe('the next occurrence of a recurring task', () => {
    const recurringTask = (user: ApiUser, fields: object = {}) =>
      user.createTask({
        title: 'Pay rent',
        description: 'by transfer',
        priority: 'high',
        labels: ['Home', 'money'],
        dueDate: '2026-01-31',
        recurrence: { every: 'month', interval: 1 },
        remindAt: '2026-01-30T08:00:00.000Z',
        ...fields,
      });

    it('is created when PATCH sets completed, with the same fields, the due date a step later and the reminder moved alike', async () => {
      const user = apiUser(t.http);
      const task = await recurringTask(user);
      const response = await user.complete(task.id, { completed: true });
      expect(response.status).toBe(200);
      expect(response.body.completed).toBe(true);
      const nextId = response.headers['x-next-task-id'];
      expect(nextId).toMatch(/^[0-9a-f-]{36}$/);
      const next = (await user.get(nextId)).body as Task;
      expect(next).toMatchObject({
        title: 'Pay rent',
        description: 'by transfer',
        priority: 'high',
        labels: ['Home', 'money'],
        dueDate: '2026-02-28',
        recurrence: { every: 'month', interval: 1 },
        remindAt: '2026-02-27T08:00:00.000Z',
        completed: false,
        completedAt: null,
      });
      expect(await labelRows(user)).toEqual([
        { name: 'Home', tasks: '2' },
        { name: 'money', tasks: '2' },
      ]);
    });

    it('is created by a flip, by PUT completed:true, and carries a null reminder as null', async () => {
      const user = apiUser(t.http);
      const flipped = await recurringTask(user, { dueDate: '2028-02-29', recurrence: { every: 'year', interval: 1 }, remindAt: null });
      const flip = await user.complete(flipped.id);
      const fromFlip = (await user.get(flip.headers['x-next-task-id'])).body;
      expect(fromFlip).toMatchObject({ dueDate: '2029-02-28', remindAt: null });

      const put = await recurringTask(user, { dueDate: '2026-12-31', recurrence: { every: 'day', interval: 1 } });
      const response = await user.put(put.id, { completed: true, title: 'Paid' });
      expect((await user.get(response.headers['x-next-task-id'])).body).toMatchObject({ title: 'Paid', dueDate: '2027-01-01' });
    });

    it('is not created by reopening, by a completion of a completed task, by a non-recurring task, or by creating a task completed', async () => {
      const user = apiUser(t.http);
      const task = await recurringTask(user);
      const done = await user.complete(task.id, { completed: true });
      expect(done.headers['x-next-task-id']).toBeDefined();
      const again = await user.complete(task.id, { completed: true });
      expect(again.headers['x-next-task-id']).toBeUndefined();
      expect((await user.put(task.id, { completed: true })).headers['x-next-task-id']).toBeUndefined();
      const reopened = await user.complete(task.id, { completed: false });
      expect(reopened.headers['x-next-task-id']).toBeUndefined();
      expect(await taskCount(user)).toBe(2);

      const plain = await user.createTask({ title: 'plain', dueDate: '2026-01-01' });
      expect((await user.complete(plain.id)).headers['x-next-task-id']).toBeUndefined();
      const createdDone = await user.create({ title: 'done', completed: true, dueDate: '2026-01-01', recurrence: { every: 'day', interval: 1 } });
      expect(createdDone.status).toBe(201);
      expect(await taskCount(user)).toBe(4);
    });

    it('is created exactly once when 10 requests complete the same task at once', async () => {
      const user = apiUser(t.http);
      const task = await recurringTask(user);
      const responses = await Promise.all(Array.from({ length: 10 }, () => user.complete(task.id, { completed: true })));
      expect(responses.map((response) => response.status)).toEqual(Array(10).fill(200));
      const nextIds = responses.map((response) => response.headers['x-next-task-id']).filter(Boolean);
      expect(nextIds).toHaveLength(1);
      expect(await taskCount(user)).toBe(2);
    });

    it('is created once per completion when 10 flips race: as many as the flips that completed it', async () => {
      const user = apiUser(t.http);
      const task = await recurringTask(user);
      const responses = await Promise.all(Array.from({ length: 10 }, () => user.complete(task.id)));
      expect(responses.map((response) => response.status)).toEqual(Array(10).fill(200));
      const completions = responses.filter((response) => response.body.completed === true);
      // Flips are serialised: completed, reopened, completed... five of each.
      expect(completions).toHaveLength(5);
      expect(completions.every((response) => response.headers['x-next-task-id'])).toBe(true);
      expect(responses.filter((response) => response.headers['x-next-task-id'])).toHaveLength(5);
      expect(await taskCount(user)).toBe(6);
    });

    it('ends the series past 9999-12-31: the completion succeeds and creates nothing', async () => {
      const user = apiUser(t.http);
      const task = await recurringTask(user, { dueDate: '9999-12-31', recurrence: { every: 'day', interval: 1 }, remindAt: null });
      const response = await user.complete(task.id);
      expect(response.status).toBe(200);
      expect(response.headers['x-next-task-id']).toBeUndefined();
      expect(await taskCount(user)).toBe(1);
    });
  });

  describe('Idempotency-Key', () => {
    it('treats another labels, recurrence or remindAt as another body (422)', async () => {
      const user = apiUser(t.http);
      const send = (body: object) => t.http.post(user.base).set(user.auth).set('Idempotency-Key', 'v11').send(body);
      const body = { title: 'x', dueDate: '2026-01-01', labels: ['a'], recurrence: { every: 'day', interval: 1 }, remindAt: null };
      expect((await send(body)).status).toBe(201);
      expect((await send({ ...body, labels: ['A'] })).status).toBe(422);
      expect((await send({ ...body, recurrence: { every: 'day', interval: 2 } })).status).toBe(422);
      expect((await send({ ...body, remindAt: '2026-01-01T00:00:00Z' })).status).toBe(422);
      const replay = await send(body);
      expect(replay.status).toBe(201);
      expect(replay.body.labels).toEqual(['a']);
      expect(await taskCount(user)).toBe(1);
    });
  });
});
