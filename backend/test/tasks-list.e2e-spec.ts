import { Task } from '@taskgate/api-contract';
import { startTestApp, TestApp } from './support/test-app';
import { apiUser, ApiUser } from './support/tasks-client';

type Listed = Task;

describe('GET /api/{user_id}/tasks', () => {
  let t: TestApp;
  let user: ApiUser;
  const created: Listed[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    user = apiUser(t.http);
    const seeds = [
      { title: 'banana bread', priority: 'low', dueDate: '2026-12-05', description: 'bake it' },
      { title: 'Apple pie', priority: 'high', dueDate: null, completed: true },
      { title: 'cherry jam', priority: 'medium', dueDate: '2026-11-30', description: '100% fruit' },
      { title: 'Date night', priority: 'high', dueDate: '2026-12-01' },
      { title: 'eggs_benedict', priority: 'low', dueDate: null, completed: true },
    ];
    for (const seed of seeds) created.push(await user.createTask(seed));
  });
  afterAll(() => t.close());

  const titles = (body: Listed[]) => body.map((task) => task.title);

  it('lists every task, newest first by default, with X-Total-Count', async () => {
    const response = await user.list();
    expect(response.status).toBe(200);
    expect(response.headers['x-total-count']).toBe('5');
    expect(titles(response.body)).toEqual(['eggs_benedict', 'Date night', 'cherry jam', 'Apple pie', 'banana bread']);
  });

  it.each([
    ['status=pending', ['Date night', 'cherry jam', 'banana bread']],
    ['status=completed', ['eggs_benedict', 'Apple pie']],
    ['status=all', ['eggs_benedict', 'Date night', 'cherry jam', 'Apple pie', 'banana bread']],
    ['priority=high', ['Date night', 'Apple pie']],
    ['priority=low&status=pending', ['banana bread']],
    ['q=APPLE', ['Apple pie']],
    ['q=bake', ['banana bread']],
    ['q=%25', ['cherry jam']],
    ['q=_', ['eggs_benedict']],
    ['q=s_b', ['eggs_benedict']],
    ['q=nothing-matches', []],
  ])('filters by %s', async (query, expected) => {
    const response = await user.list(`?${query}`);
    expect(response.status).toBe(200);
    expect(titles(response.body)).toEqual(expected);
    expect(response.headers['x-total-count']).toBe(String(expected.length));
  });

  it('searches what a task says now, in any case (beyond ASCII too), never across title and description', async () => {
    const other = apiUser(t.http, 'search');
    const task = await other.createTask({ title: 'Crème brûlée', description: 'for ÉLISE' });
    const found = async (q: string) => titles((await other.list(`?q=${encodeURIComponent(q)}`)).body);
    expect(await found('BRÛLÉE')).toEqual(['Crème brûlée']);
    expect(await found('élise')).toEqual(['Crème brûlée']);
    // Not title + a newline + description: the two are searched apart.
    expect(await found('brûlée\nfor')).toEqual([]);
    expect(await found('brûléefor')).toEqual([]);

    expect((await other.put(task.id, { title: 'Île flottante', description: 'for Zoë' })).status).toBe(200);
    expect(await found('brûlée')).toEqual([]);
    expect(await found('élise')).toEqual([]);
    expect(await found('ÎLE')).toEqual(['Île flottante']);
    expect(await found('ZOË')).toEqual(['Île flottante']);
    // A toggle leaves the search as it was.
    expect((await other.complete(task.id)).status).toBe(200);
    expect(await found('flottante')).toEqual(['Île flottante']);
    expect((await other.put(task.id, { description: null })).status).toBe(200);
    expect(await found('zoë')).toEqual([]);
  });

  it.each([
    ['sort=title&order=asc', ['Apple pie', 'banana bread', 'cherry jam', 'Date night', 'eggs_benedict']],
    ['sort=title&order=desc', ['eggs_benedict', 'Date night', 'cherry jam', 'banana bread', 'Apple pie']],
    ['sort=created&order=asc', ['banana bread', 'Apple pie', 'cherry jam', 'Date night', 'eggs_benedict']],
    ['sort=dueDate&order=asc', ['cherry jam', 'Date night', 'banana bread', 'Apple pie', 'eggs_benedict']],
    ['sort=dueDate&order=desc', ['banana bread', 'Date night', 'cherry jam', 'Apple pie', 'eggs_benedict']],
  ])('sorts by %s (no due date last both ways; ties by id)', async (query, expected) => {
    const response = await user.list(`?${query}`);
    expect(response.status).toBe(200);
    const got = titles(response.body);
    if (query.startsWith('sort=dueDate')) {
      // The two undated tasks tie: they come last, ordered by id.
      const undated = created.filter((task) => task.dueDate === null).sort((a, b) => (a.id < b.id ? -1 : 1));
      expect(got.slice(0, 3)).toEqual(expected.slice(0, 3));
      expect(got.slice(3)).toEqual(undated.map((task) => task.title));
    } else {
      expect(got).toEqual(expected);
    }
  });

  it('sorts by priority rank, not as text, with ties by id ascending', async () => {
    const byId = (a: Listed, b: Listed) => (a.id < b.id ? -1 : 1);
    const rank = { low: 0, medium: 1, high: 2 } as Record<string, number>;
    const asc = (await user.list('?sort=priority&order=asc')).body as Listed[];
    const expectedAsc = [...created].sort((a, b) => rank[a.priority] - rank[b.priority] || byId(a, b));
    expect(asc.map((task) => task.id)).toEqual(expectedAsc.map((task) => task.id));
    const desc = (await user.list('?sort=priority&order=desc')).body as Listed[];
    const expectedDesc = [...created].sort((a, b) => rank[b.priority] - rank[a.priority] || byId(a, b));
    expect(desc.map((task) => task.id)).toEqual(expectedDesc.map((task) => task.id));
  });

  it('sorts by updated', async () => {
    await user.put(created[0].id, { description: 'touched last' });
    const response = await user.list('?sort=updated&order=desc&limit=1');
    expect(response.body[0].id).toBe(created[0].id);
  });

  it('pages with limit and offset, never repeating or skipping, the total counted before paging', async () => {
    const seen: string[] = [];
    for (let offset = 0; offset < 5; offset += 2) {
      const response = await user.list(`?sort=title&order=asc&limit=2&offset=${offset}`);
      expect(response.status).toBe(200);
      expect(response.headers['x-total-count']).toBe('5');
      seen.push(...titles(response.body));
    }
    expect(seen).toEqual(['Apple pie', 'banana bread', 'cherry jam', 'Date night', 'eggs_benedict']);
    const past = await user.list('?offset=10');
    expect(past.body).toEqual([]);
    expect(past.headers['x-total-count']).toBe('5');
  });

  it('answers a page past the end under every kind of filter with no tasks and the exact total', async () => {
    for (const filter of ['status=pending', 'status=completed', 'priority=high&status=pending', 'q=a&status=all']) {
      const whole = await user.list(`?${filter}&limit=100`);
      const past = await user.list(`?${filter}&offset=100`);
      expect({ filter, status: past.status, body: past.body }).toEqual({ filter, status: 200, body: [] });
      expect(past.headers['x-total-count']).toBe(String(whole.body.length));
    }
  });

  it('pages stably through ties (equal titles)', async () => {
    const other = apiUser(t.http);
    for (let i = 0; i < 7; i++) await other.createTask({ title: 'same' });
    const ids: string[] = [];
    for (let offset = 0; offset < 7; offset += 3) {
      ids.push(...(await other.list(`?sort=title&limit=3&offset=${offset}`)).body.map((task: Listed) => task.id));
    }
    expect(ids).toEqual([...ids].sort());
    expect(new Set(ids).size).toBe(7);
  });

  it('defaults to 50 a page and allows at most 100', async () => {
    const many = apiUser(t.http);
    await t.db.query(
      `INSERT INTO tasks (user_id, title) SELECT $1, 'bulk ' || n FROM generate_series(1, 120) AS n`,
      [many.id],
    );
    const first = await many.list();
    expect(first.body).toHaveLength(50);
    expect(first.headers['x-total-count']).toBe('120');
    expect((await many.list('?limit=100')).body).toHaveLength(100);
    expect((await many.list('?limit=1')).body).toHaveLength(1);
  });

  it.each([
    'status=done',
    'status=ALL',
    'priority=urgent',
    'sort=name',
    'sort=due_date',
    'order=up',
    'limit=0',
    'limit=101',
    'limit=-1',
    'limit=ten',
    'limit=1.5',
    'offset=-1',
    'offset=x',
    'status=',
    'q=',
    'limit=',
    'status',
    'status=all&status=pending',
    'q=a&q=b',
    'unknown=1',
    'Status=all',
    'q=%00',
  ])('answers 400 problem+json for ?%s', async (query) => {
    const response = await user.list(`?${query}`);
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body.errors.length).toBeGreaterThan(0);
  });
});
