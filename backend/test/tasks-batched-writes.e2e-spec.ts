import { Task } from '@taskgate/api-contract';
import { Client } from 'pg';
import { NewTask } from '../src/tasks/domain/task-write';
import { RecurrenceNeedsDueDateError, TaskNotFoundError, TaskVersionMismatchError } from '../src/tasks/domain/task.errors';
import { TasksRepository } from '../src/tasks/tasks.repository';
import { TasksService } from '../src/tasks/tasks.service';
import { apiUser } from './support/tasks-client';
import { startTestApp, TestApp } from './support/test-app';

// Creates without labels and changes of `completed` that arrive in one turn
// of the event loop are written by one statement (batched-task-writes.ts).
// These calls are made in one turn, so they meet in one batch: each caller
// must get its own answer, as if it had written alone.

const plain = (title: string, fields: Partial<NewTask> = {}): NewTask => ({
  title,
  description: null,
  completed: false,
  priority: 'medium',
  dueDate: null,
  labels: [],
  recurrence: null,
  remindAt: null,
  ...fields,
});

describe('Writes made at the same moment', () => {
  let t: TestApp;
  let service: TasksService;
  let repository: TasksRepository;
  beforeAll(async () => {
    t = await startTestApp();
    service = t.app.get(TasksService);
    repository = t.app.get(TasksRepository);
  });
  afterAll(() => t.close());

  it('gives each create its own task, stored with its own fields and counted', async () => {
    const users = [apiUser(t.http, 'a'), apiUser(t.http, 'b'), apiUser(t.http, 'c')];
    const inputs = Array.from({ length: 30 }, (_, i) => ({
      user: users[i % 3],
      body: {
        title: `Task ${i}`,
        priority: (['low', 'medium', 'high'] as const)[i % 3],
        completed: i % 4 === 0,
        ...(i % 5 === 0 ? { dueDate: '2031-01-0' + ((i % 9) + 1), recurrence: { every: 'week' as const, interval: 2 } } : {}),
        ...(i % 7 === 0 ? { description: `Notes ${i}`, remindAt: '2031-02-03T04:05:06.007Z' } : {}),
      },
    }));
    const created = await Promise.all(inputs.map(({ user, body }) => service.create(user.id, body)));

    created.forEach(({ task, status }, i) => {
      const { user, body } = inputs[i];
      expect(status).toBe(201);
      expect(task).toMatchObject({ userId: user.id, title: body.title, priority: body.priority, completed: body.completed });
      expect(task.completedAt === null).toBe(!body.completed);
      expect(task.dueDate).toBe(body.dueDate ?? null);
      expect(task.recurrence).toEqual(body.recurrence ?? null);
      expect(task.description).toBe(body.description ?? null);
      expect(task.remindAt).toBe(body.remindAt ?? null);
    });
    expect(new Set(created.map(({ task }) => task.id)).size).toBe(30);
    for (const user of users) {
      const list = await user.list('?limit=100');
      expect(list.headers['x-total-count']).toBe('10');
      const titles = (list.body as Task[]).map((task) => task.title).sort();
      const expected = inputs.filter((input) => input.user === user).map((input) => input.body.title);
      expect(titles).toEqual(expected.sort());
    }
  });

  it('fails only the create whose data the database refuses', async () => {
    const user = apiUser(t.http);
    const results = await Promise.allSettled([
      repository.insert(user.id, plain('Fine 1')),
      repository.insert(user.id, plain('x'.repeat(201))),
      repository.insert(user.id, plain('Repeats without a due date', { recurrence: { every: 'day', interval: 1 } })),
      repository.insert(user.id, plain('Fine 2')),
    ]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toMatchObject({ code: '23514', constraint: 'tasks_title_check' });
    expect((results[2] as PromiseRejectedResult).reason).toBeInstanceOf(RecurrenceNeedsDueDateError);
    const stored = await t.db.query('SELECT title FROM tasks WHERE user_id = $1 ORDER BY title', [user.id]);
    expect(stored).toEqual([{ title: 'Fine 1' }, { title: 'Fine 2' }]);
    expect((await user.list()).headers['x-total-count']).toBe('2');
  });

  it('counts every flip of one task made at once, each answered with its own version', async () => {
    const user = apiUser(t.http);
    const task = await user.createTask({ title: 'Flipped seven times' });
    const answers = await Promise.all(Array.from({ length: 7 }, () => service.complete(user.id, task.id, 'toggle', undefined)));
    expect(answers.map(({ etag }) => etag).sort()).toEqual(['"2"', '"3"', '"4"', '"5"', '"6"', '"7"', '"8"']);
    const [stored] = await t.db.query('SELECT completed, version FROM tasks WHERE id = $1', [task.id]);
    expect(stored).toEqual({ completed: true, version: 8 });
  });

  it('sets and flips many tasks at once, and leaves a task already so unchanged', async () => {
    const user = apiUser(t.http);
    const tasks = await Promise.all(Array.from({ length: 6 }, (_, i) => user.createTask({ title: `T${i}`, completed: i >= 3 })));
    const answers = await Promise.all([
      service.complete(user.id, tasks[0].id, { completed: true }, undefined),
      service.complete(user.id, tasks[1].id, 'toggle', 'any'),
      service.complete(user.id, tasks[2].id, { completed: false }, undefined),
      service.complete(user.id, tasks[3].id, { completed: false }, [1]),
      service.complete(user.id, tasks[4].id, 'toggle', [7, 1]),
      service.complete(user.id, tasks[5].id, { completed: true }, undefined),
    ]);
    expect(answers.map(({ task }) => task.completed)).toEqual([true, true, false, false, false, true]);
    expect(answers.map(({ etag }) => etag)).toEqual(['"2"', '"2"', '"1"', '"2"', '"2"', '"1"']);
    expect(answers[0].task.completedAt).not.toBeNull();
    expect(answers[3].task.completedAt).toBeNull();
    const stored = await t.db.query('SELECT completed, version FROM tasks WHERE user_id = $1 ORDER BY title', [user.id]);
    expect(stored).toEqual([
      { completed: true, version: 2 },
      { completed: true, version: 2 },
      { completed: false, version: 1 },
      { completed: false, version: 2 },
      { completed: false, version: 2 },
      { completed: true, version: 1 },
    ]);
  });

  it('refuses a stale If-Match and a missing task alone, and completes a recurring task with its next occurrence', async () => {
    const user = apiUser(t.http);
    const [plainTask, stale, unchanged, recurring] = await Promise.all([
      user.createTask({ title: 'Plain' }),
      user.createTask({ title: 'Stale' }),
      user.createTask({ title: 'Unchanged' }),
      user.createTask({ title: 'Weekly', dueDate: '2031-03-03', recurrence: { every: 'week', interval: 1 } }),
    ]);
    const results = await Promise.allSettled([
      service.complete(user.id, plainTask.id, 'toggle', undefined),
      service.complete(user.id, stale.id, 'toggle', [5]),
      service.complete(user.id, unchanged.id, { completed: false }, [5]),
      service.complete(user.id, '00000000-0000-4000-8000-000000000000', 'toggle', undefined),
      service.complete(user.id, recurring.id, 'toggle', undefined),
    ]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toBeInstanceOf(TaskVersionMismatchError);
    expect((results[2] as PromiseRejectedResult).reason).toBeInstanceOf(TaskVersionMismatchError);
    expect((results[3] as PromiseRejectedResult).reason).toBeInstanceOf(TaskNotFoundError);
    const completedRecurring = (results[4] as PromiseFulfilledResult<Awaited<ReturnType<TasksService['complete']>>>).value;
    expect(completedRecurring.task.completed).toBe(true);
    const next = await user.get(completedRecurring.nextTaskId as string);
    expect(next.body).toMatchObject({ title: 'Weekly', dueDate: '2031-03-10', completed: false });
    const stored = await t.db.query('SELECT title, completed, version FROM tasks WHERE id = ANY($1) ORDER BY title', [[stale.id, unchanged.id]]);
    expect(stored).toEqual([
      { title: 'Stale', completed: false, version: 1 },
      { title: 'Unchanged', completed: false, version: 1 },
    ]);
  });

  it('lets only one of two writes with the same If-Match through, and refuses the other', async () => {
    const user = apiUser(t.http);
    const task = await user.createTask({ title: 'Contested' });
    const results = await Promise.allSettled([
      service.complete(user.id, task.id, 'toggle', [1]),
      service.complete(user.id, task.id, { completed: true }, [1]),
    ]);
    expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = results.find((result) => result.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(TaskVersionMismatchError);
    const [stored] = await t.db.query('SELECT completed, version FROM tasks WHERE id = $1', [task.id]);
    expect(stored).toEqual({ completed: true, version: 2 });
  });

  it('lets a task another writer holds delay only its own request, not the rest of its batch', async () => {
    const user = apiUser(t.http);
    const tasks = await Promise.all(Array.from({ length: 12 }, (_, i) => user.createTask({ title: `D${i}` })));
    const forward = tasks.map((task) => task.id);
    const held = forward[6];
    const flipAll = (ids: string[]) => ids.map((id) => ({ id, answer: service.complete(user.id, id, 'toggle', undefined) }));
    const blocker = new Client({ connectionString: t.db.url });
    await blocker.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query('SELECT 1 FROM tasks WHERE id = $1 FOR UPDATE', [held]);
      const first = flipAll(forward);
      // The next turn of the event loop: a second batch, the same tasks in the opposite order.
      await new Promise((resolve) => setImmediate(resolve));
      const second = flipAll([...forward].reverse());
      const calls = [...first, ...second];
      // Every other task's answer arrives while the held one is still held.
      const others = Promise.all(calls.filter(({ id }) => id !== held).map(({ answer }) => answer));
      const timeout = new Promise((resolve) => setTimeout(resolve, 3000, 'still waiting'));
      expect(await Promise.race([others.then(() => 'answered'), timeout])).toBe('answered');
      await blocker.query('COMMIT');
      const answers = await Promise.all(calls.map(({ answer }) => answer));
      expect(answers.map(({ task }) => task.id).sort()).toEqual([...forward, ...forward].sort());
    } finally {
      await blocker.end();
    }
    // Two flips each: back where they started, at version 3.
    const stored = await t.db.query('SELECT completed, version FROM tasks WHERE user_id = $1', [user.id]);
    expect(stored).toEqual(forward.map(() => ({ completed: false, version: 3 })));
  });
});
