import { startTestApp, TestApp } from './support/test-app';
import { apiUser, ApiUser } from './support/tasks-client';

// X-Total-Count comes from per-user totals kept by triggers in the
// transaction of each write (migration 1764900000000), not from counting
// rows. These check it against the rows themselves after every kind of write,
// sequential and concurrent, for every status and priority filter.
describe('X-Total-Count after every kind of write', () => {
  let t: TestApp;
  let user: ApiUser;
  let other: ApiUser;

  beforeAll(async () => {
    t = await startTestApp();
    user = apiUser(t.http, 'counts');
    other = apiUser(t.http, 'counts-other');
    await other.createTask({ title: 'not mine', priority: 'high' });
  });
  afterAll(() => t.close());

  const FILTERS = ['', 'status=pending', 'status=completed', 'priority=high', 'status=completed&priority=low', 'status=pending&priority=medium'];

  /** Each filter's header beside what the table holds for it. */
  async function expectExactCounts(owner: ApiUser = user) {
    for (const filter of FILTERS) {
      const response = await owner.list(`?${filter}&limit=1`);
      expect(response.status).toBe(200);
      const conditions = ['user_id = $1'];
      if (filter.includes('status=pending')) conditions.push('NOT completed');
      if (filter.includes('status=completed')) conditions.push('completed');
      const priority = /priority=(\w+)/.exec(filter)?.[1];
      if (priority) conditions.push(`priority = '${priority}'`);
      const [{ n }] = await t.db.query<{ n: string }>(`SELECT count(*) AS n FROM tasks WHERE ${conditions.join(' AND ')}`, [owner.id]);
      expect({ filter, total: response.headers['x-total-count'] }).toEqual({ filter, total: n });
    }
  }

  it('counts creates, toggles, edits and deletes', async () => {
    await expectExactCounts();
    const a = await user.createTask({ title: 'a', priority: 'low' });
    const b = await user.createTask({ title: 'b', priority: 'high', completed: true });
    await user.createTask({ title: 'c' });
    await expectExactCounts();
    expect((await user.list('?status=completed')).headers['x-total-count']).toBe('1');

    expect((await user.complete(a.id, { completed: true })).status).toBe(200);
    await expectExactCounts();
    expect((await user.put(b.id, { title: 'b', priority: 'low', completed: false })).status).toBe(200);
    await expectExactCounts();
    expect((await user.remove(a.id)).status).toBe(204);
    await expectExactCounts();
    // A refused write changes no total.
    expect((await user.complete(b.id, { completed: 'yes' })).status).toBe(400);
    await expectExactCounts();
    await expectExactCounts(other);
  });

  it('stays exact under concurrent creates, toggles, priority changes and deletes of one user', async () => {
    const tasks = await Promise.all(
      Array.from({ length: 12 }, (_, i) => user.createTask({ title: `parallel ${i}`, priority: ['low', 'medium', 'high'][i % 3] })),
    );
    await expectExactCounts();
    // Each task toggled both ways at once by several requests, some deleted meanwhile.
    await Promise.all([
      ...tasks.flatMap((task) => [true, false, true].map((completed) => user.complete(task.id, { completed }))),
      ...tasks.slice(0, 4).map((task) => user.remove(task.id)),
      ...tasks.slice(4, 10).map((task, i) => user.put(task.id, { priority: ['high', 'low'][i % 2] })),
      ...Array.from({ length: 6 }, (_, i) => user.createTask({ title: `late ${i}`, completed: i % 2 === 0 })),
    ]);
    await expectExactCounts();
    await expectExactCounts(other);
  });

  // Bulk's next occurrences are the API's only inserts of several rows in one
  // statement, and two such bulks of one user at once lock the same counters
  // and labels.
  it("stays exact when bulk completes recurring tasks with labels, two bulks at once, and for the labels' counts too", async () => {
    const recurring = (i: number) => ({
      title: `weekly ${i}`,
      priority: ['low', 'medium', 'high'][i % 3],
      dueDate: '2026-12-07',
      recurrence: { every: 'week', interval: 1 },
      labels: i % 2 === 0 ? ['Chores', 'home'] : ['home', 'Zeta'],
    });
    const tasks = await Promise.all(Array.from({ length: 12 }, (_, i) => user.createTask(recurring(i))));
    await expectExactCounts();
    const ids = tasks.map((task) => task.id);
    const bulk = (some: string[]) => t.http.post(`${user.base}/bulk`).set(user.auth).send({ action: 'complete', ids: some });
    const answers = await Promise.all([bulk(ids.slice(0, 8)), bulk(ids.slice(4).reverse())]);
    expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
    const [{ n }] = await t.db.query<{ n: string }>(`SELECT count(*) AS n FROM tasks WHERE user_id = $1 AND title LIKE 'weekly %'`, [user.id]);
    expect(n).toBe('24');
    await expectExactCounts();

    const labels = await t.http.get(`/api/${encodeURIComponent(user.id)}/labels`).set(user.auth);
    const stored = await t.db.query<{ name: string; taskCount: number }>(
      `SELECT min(label) AS name, count(*)::int AS "taskCount" FROM tasks, unnest(labels) AS label
       WHERE user_id = $1 GROUP BY lower(label) ORDER BY lower(label)`,
      [user.id],
    );
    expect(labels.body).toEqual(stored);
    expect(labels.body).toEqual([
      { name: 'Chores', taskCount: 12 },
      { name: 'home', taskCount: 24 },
      { name: 'Zeta', taskCount: 12 },
    ]);
  });

  it('counts a search exactly, from the rows', async () => {
    await user.createTask({ title: 'needle in the hay', description: 'x' });
    await user.createTask({ title: 'hay', description: 'a NEEDLE here too' });
    const response = await user.list('?q=needle&limit=1');
    expect(response.headers['x-total-count']).toBe('2');
    expect((await user.list('?q=needle&status=completed')).headers['x-total-count']).toBe('0');
  });

  // A search is counted in two parts: the tasks whose owner, title and
  // description take at most 850 bytes from an index of their lowercased
  // text, the others from the rows (migration 1765300000000).
  it('counts a search exactly over tasks of every length of text, at the 850-byte bound and past it, with every filter', async () => {
    const searcher = apiUser(t.http, 'counts-search');
    const room = 850 - Buffer.byteLength(searcher.id);
    // 'Ⱥ' takes 2 bytes and lowercases to 'ⱥ', 3: in this database's locale, the largest entry the index can be asked to hold.
    const title = `needle ${'Ⱥ'.repeat(193)}`;
    const fill = (bytes: number) => 'Ⱥ'.repeat(Math.floor(bytes / 2)) + 'x'.repeat(bytes % 2);
    const atTheBound = fill(room - Buffer.byteLength(title));
    const tasks = [
      { title, description: atTheBound },
      { title, description: `${atTheBound}x`, priority: 'high', labels: ['tag'], dueDate: '2026-12-31', completed: true },
      { title: 'hay', description: `${'h'.repeat(990)} NEEDLE` },
      { title: 'ÉTÉ NEEDLE', dueDate: '2026-12-30' },
      { title: 'hay', description: 'needles' },
      { title: 'hay', description: 'ne edle' },
      { title: 'x'.repeat(200), description: 'y'.repeat(1000) },
    ];
    const ids: string[] = [];
    for (const task of tasks) ids.push((await searcher.createTask(task)).id);
    const stored = await t.db.query<{ id: string; bytes: number }>(
      `SELECT id, octet_length(user_id) + octet_length(title) + octet_length(coalesce(description, '')) AS bytes FROM tasks WHERE user_id = $1`,
      [searcher.id],
    );
    const bytes = new Map(stored.map((row) => [row.id, row.bytes]));
    expect([bytes.get(ids[0]), bytes.get(ids[1])]).toEqual([850, 851]);
    expect(bytes.get(ids[2])).toBeGreaterThan(850);

    const expected: [string, number][] = [
      ['q=needle', 5],
      ['q=%E2%B1%A5', 2], // ⱥ
      ['q=%C3%A9t%C3%A9', 1], // été
      ['q=yyy', 1],
      ['q=hay', 3],
      ['q=zzz', 0],
      ['q=needle&status=pending', 4],
      ['q=needle&status=completed', 1],
      ['q=needle&priority=high', 1],
      ['q=needle&labels=TAG', 1],
      ['q=needle&due=any', 2],
      ['q=needle&due=none', 3],
      ['q=needle&dueFrom=2026-12-31', 1],
      ['q=needle&dueTo=2026-12-30', 1],
      // A page past the end is counted on its own.
      ['q=needle&offset=100', 5],
      ['q=zzz&offset=10', 0],
    ];
    for (const [query, total] of expected) {
      const response = await searcher.list(`?${query}&limit=1`);
      expect({ query, status: response.status, total: response.headers['x-total-count'] }).toEqual({ query, status: 200, total: String(total) });
    }
  });
});
