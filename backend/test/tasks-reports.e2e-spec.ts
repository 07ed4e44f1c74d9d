import { Task, TaskSummary } from '@taskgate/api-contract';
import { parse } from 'csv-parse/sync';
import { startTestApp, TestApp } from './support/test-app';
import { apiUser, ApiUser } from './support/tasks-client';

/** The raw body of a response, whatever its content type. */
function bytesOf(response: { body: unknown; text?: string }): string {
  return Buffer.isBuffer(response.body) ? response.body.toString('utf8') : (response.text ?? '');
}

function rawGet(t: TestApp, user: ApiUser, path: string) {
  return t.http
    .get(`${user.base}${path}`)
    .set(user.auth)
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
}

const today = new Date().toISOString().slice(0, 10);

describe('GET /api/{user_id}/tasks/export', () => {
  let t: TestApp;
  let user: ApiUser;
  let other: ApiUser;

  beforeAll(async () => {
    t = await startTestApp();
    user = apiUser(t.http, 'export');
    other = apiUser(t.http, 'export-other');
    await other.createTask({ title: 'not mine' });
  });
  afterAll(() => t.close());

  it('answers JSON: every task of the user, newest first, exactly as the API shows them', async () => {
    const created: Task[] = [];
    for (const title of ['first', 'second', 'third']) created.push(await user.createTask({ title, priority: 'high' }));
    const response = await rawGet(t, user, '/export?format=json');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(`attachment; filename="tasks-${today}.json"`);
    const exported = JSON.parse(bytesOf(response)) as Task[];
    const listed = (await user.list('?limit=100')).body as Task[];
    expect(exported).toEqual(listed);
    expect(exported.map((task) => task.title)).toEqual(['third', 'second', 'first']);
  });

  it('answers an empty array, and a CSV of only the header row, for a user without tasks', async () => {
    const nobody = apiUser(t.http, 'export-empty');
    const json = await rawGet(t, nobody, '/export?format=json');
    expect(json.status).toBe(200);
    expect(JSON.parse(bytesOf(json))).toEqual([]);
    const csv = await rawGet(t, nobody, '/export?format=csv');
    expect(csv.status).toBe(200);
    expect(bytesOf(csv)).toBe(
      'id,userId,title,description,completed,priority,dueDate,completedAt,createdAt,updatedAt,labels,recurrence,remindAt\r\n',
    );
  });

  it('answers CSV per RFC 4180 that a standard parser reads back to the same tasks', async () => {
    const tricky = await user.createTask({
      title: 'Quotes " and, commas',
      description: 'two\nlines, "quoted"\r\nand a CRLF',
      dueDate: '2026-02-28',
      completed: true,
    });
    const response = await rawGet(t, user, '/export?format=csv');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(`attachment; filename="tasks-${today}.csv"`);
    const text = bytesOf(response);
    const rows = parse(text, { columns: true }) as Record<string, string>[];
    const listed = (await user.list('?limit=100')).body as Task[];
    expect(rows).toHaveLength(listed.length);
    expect(rows.map((row) => row['id'])).toEqual(listed.map((task) => task.id));
    const row = rows.find((candidate) => candidate['id'] === tricky.id);
    expect(row).toEqual({
      id: tricky.id,
      userId: user.id,
      title: 'Quotes " and, commas',
      description: 'two\nlines, "quoted"\r\nand a CRLF',
      completed: 'true',
      priority: 'medium',
      dueDate: '2026-02-28',
      completedAt: tricky.completedAt,
      createdAt: tricky.createdAt,
      updatedAt: tricky.updatedAt,
      labels: '',
      recurrence: '',
      remindAt: '',
    });
    // Records end with CRLF, the header included.
    expect(text.startsWith('id,userId,title,')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
  });

  it('writes labels joined by ;, recurrence as its JSON and remindAt in UTC', async () => {
    const task = await user.createTask({
      title: 'Water the plants',
      labels: ['home', 'Garden', '-chores'],
      dueDate: '2026-03-01',
      recurrence: { every: 'week', interval: 2 },
      remindAt: '2026-03-01T09:30:00+02:00',
    });
    const rows = parse(bytesOf(await rawGet(t, user, '/export?format=csv')), { columns: true }) as Record<string, string>[];
    const row = rows.find((candidate) => candidate['id'] === task.id);
    // Sorted by lower case as the API answers them; the cell starts with '-', so it is neutralised.
    expect(row).toMatchObject({
      labels: "'-chores;Garden;home",
      recurrence: '{"every":"week","interval":2}',
      remindAt: '2026-03-01T07:30:00.000Z',
    });
    const json = JSON.parse(bytesOf(await rawGet(t, user, '/export?format=json'))) as Task[];
    expect(json.find((candidate) => candidate.id === task.id)).toEqual(task);
  });

  it("prefixes a text cell that a spreadsheet would run as a formula with '", async () => {
    // [description given, its title (trimmed by the API, so tab and CR go)]
    const formulas: [string, string][] = [
      ['=1+1', "'=1+1 x"],
      ['+SUM(A1)', "'+SUM(A1) x"],
      ['-2+3', "'-2+3 x"],
      ['@cmd', "'@cmd x"],
      ['\tTAB', 'TAB x'],
      ['\rCR', 'CR x'],
      ['plain = fine', 'plain = fine x'],
    ];
    const expected = new Map<string, { title: string; description: string }>();
    for (const [formula, title] of formulas) {
      const task = await user.createTask({ title: `${formula} x`, description: formula });
      expected.set(task.id, { title, description: formula === 'plain = fine' ? formula : `'${formula}` });
    }
    const rows = parse(bytesOf(await rawGet(t, user, '/export?format=csv')), { columns: true }) as Record<string, string>[];
    for (const [id, cells] of expected) {
      const row = rows.find((candidate) => candidate['id'] === id);
      expect({ title: row?.['title'], description: row?.['description'] }).toEqual(cells);
    }
    // JSON is data, not a spreadsheet: unchanged.
    const json = JSON.parse(bytesOf(await rawGet(t, user, '/export?format=json'))) as Task[];
    expect(json.find((task) => task.title === '=1+1 x')?.description).toBe('=1+1');
  });

  it('exports across many batches, each task once, in order', async () => {
    const many = apiUser(t.http, 'export-many');
    // 1,203 tasks: three batches of 500 and a partial one; the same created_at
    // for many rows, so ties are broken by id across batch boundaries.
    await t.db.query(
      `INSERT INTO tasks (user_id, title, created_at, updated_at)
       SELECT $1, 'bulk ' || n, '2026-01-01T00:00:00Z'::timestamptz + (n / 7) * interval '1 second', now()
       FROM generate_series(1, 1203) AS n`,
      [many.id],
    );
    const json = JSON.parse(bytesOf(await rawGet(t, many, '/export?format=json'))) as Task[];
    expect(json).toHaveLength(1203);
    expect(new Set(json.map((task) => task.id)).size).toBe(1203);
    const [{ ids }] = await t.db.query<{ ids: string[] }>(
      `SELECT array_agg(id ORDER BY created_at DESC, id ASC) AS ids FROM tasks WHERE user_id = $1`,
      [many.id],
    );
    expect(json.map((task) => task.id)).toEqual(ids);
    const csvRows = parse(bytesOf(await rawGet(t, many, '/export?format=csv')), { columns: true }) as unknown[];
    expect(csvRows).toHaveLength(1203);
  });

  it.each([
    ['no format', '', 'format'],
    ['an unknown format', '?format=xml', 'format'],
    ['an empty format', '?format=', 'format'],
    ['a repeated format', '?format=csv&format=json', 'format'],
    ['an unknown parameter', '?format=csv&limit=5', 'limit'],
  ])('answers 400 problem+json for %s', async (_case, query, field) => {
    const response = await user.list(`/export${query}`);
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
  });

  it("never shows another user's tasks, and needs the caller's own path", async () => {
    const json = JSON.parse(bytesOf(await rawGet(t, other, '/export?format=json'))) as Task[];
    expect(json.map((task) => task.title)).toEqual(['not mine']);
    const foreign = await t.http.get(`${other.base}/export?format=json`).set(user.auth);
    expect(foreign.status).toBe(403);
    const anonymous = await t.http.get(`${user.base}/export?format=json`);
    expect(anonymous.status).toBe(401);
  });
});

describe('GET /api/{user_id}/tasks/summary', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  async function summaryOf(user: ApiUser, day: string): Promise<TaskSummary> {
    const response = await user.list(`/summary?today=${day}`);
    expect(response.status).toBe(200);
    return response.body as TaskSummary;
  }

  it('counts totals, overdue, due today and pending by priority for the given day', async () => {
    const user = apiUser(t.http, 'summary');
    const other = apiUser(t.http, 'summary-other');
    await other.createTask({ title: 'not mine', dueDate: '2026-03-01' });
    await user.createTask({ title: 'overdue high', dueDate: '2026-02-28', priority: 'high' });
    await user.createTask({ title: 'overdue low', dueDate: '2025-12-31', priority: 'low' });
    await user.createTask({ title: 'done long ago, was due', dueDate: '2026-01-01', completed: true });
    await user.createTask({ title: 'today', dueDate: '2026-03-01', priority: 'high' });
    await user.createTask({ title: 'today, done', dueDate: '2026-03-01', completed: true, priority: 'low' });
    await user.createTask({ title: 'later', dueDate: '2026-03-02' });
    await user.createTask({ title: 'whenever' });
    const summary = await summaryOf(user, '2026-03-01');
    expect({ ...summary, completedPerDay: undefined }).toEqual({
      total: 7,
      pending: 5,
      completed: 2,
      overdue: 2,
      dueToday: 1,
      byPriority: { low: 1, medium: 2, high: 2 },
      completedPerDay: undefined,
    });
    // The same tasks seen from another day.
    expect(await summaryOf(user, '2026-03-03')).toMatchObject({ overdue: 4, dueToday: 0 });
    expect(await summaryOf(user, '2025-01-01')).toMatchObject({ overdue: 0, dueToday: 0 });
  });

  it('lists the 14 days ending today by completedAt’s UTC date, oldest first, zeros included', async () => {
    const user = apiUser(t.http, 'summary-days');
    const done = async (at: string) => {
      const task = await user.createTask({ title: `done ${at}`, completed: true });
      await t.db.query(`UPDATE tasks SET completed_at = $2 WHERE id = $1`, [task.id, at]);
    };
    await done('2026-03-01T00:00:00.000Z');
    await done('2026-03-01T23:59:59.999Z');
    await done('2026-02-28T12:00:00.000Z');
    await done('2026-02-16T00:00:00.000Z'); // the first of the 14 days
    await done('2026-02-15T23:59:59.999Z'); // the day before: not shown
    await done('2026-03-02T00:00:00.000Z'); // after today: not shown
    // Completed in a time zone ahead of UTC on 1 March, but 28 February in UTC.
    await done('2026-03-01T06:30:00+07:00');
    const reopened = await user.createTask({ title: 'reopened' });
    await t.db.query(`UPDATE tasks SET completed_at = NULL, completed = false WHERE id = $1`, [reopened.id]);
    const { completedPerDay } = await summaryOf(user, '2026-03-01');
    expect(completedPerDay).toHaveLength(14);
    expect(completedPerDay[0]).toEqual({ date: '2026-02-16', count: 1 });
    expect(completedPerDay.at(-1)).toEqual({ date: '2026-03-01', count: 2 });
    expect(completedPerDay.find((day) => day.date === '2026-02-28')).toEqual({ date: '2026-02-28', count: 2 });
    expect(completedPerDay.reduce((sum, day) => sum + day.count, 0)).toBe(5);
    expect(completedPerDay.map((day) => day.date)).toEqual(
      Array.from({ length: 14 }, (_, i) => new Date(Date.UTC(2026, 1, 16 + i)).toISOString().slice(0, 10)),
    );
  });

  it('answers zeros for a user without tasks, across a leap day and a year boundary', async () => {
    const nobody = apiUser(t.http, 'summary-empty');
    const summary = await summaryOf(nobody, '2028-03-05');
    expect(summary).toMatchObject({ total: 0, pending: 0, completed: 0, overdue: 0, dueToday: 0, byPriority: { low: 0, medium: 0, high: 0 } });
    expect(summary.completedPerDay.map((day) => day.date).slice(0, 3)).toEqual(['2028-02-21', '2028-02-22', '2028-02-23']);
    expect(summary.completedPerDay.map((day) => day.date)).toContain('2028-02-29');
    expect(summary.completedPerDay.every((day) => day.count === 0)).toBe(true);
    const newYear = await summaryOf(nobody, '2027-01-03');
    expect(newYear.completedPerDay[0].date).toBe('2026-12-21');
    expect((await summaryOf(nobody, '0001-01-14')).completedPerDay[0].date).toBe('0001-01-01');
  });

  it.each([
    ['no today', '', 'today'],
    ['an empty today', '?today=', 'today'],
    ['a date that does not exist', '?today=2026-02-29', 'today'],
    ['a date-time', '?today=2026-03-01T00:00:00Z', 'today'],
    ['a day before the calendar can hold 14 days', '?today=0001-01-13', 'today'],
    ['a repeated today', '?today=2026-03-01&today=2026-03-02', 'today'],
    ['an unknown parameter', '?today=2026-03-01&tz=UTC', 'tz'],
  ])('answers 400 problem+json for %s', async (_case, query, field) => {
    const user = apiUser(t.http, 'summary-bad');
    const response = await user.list(`/summary${query}`);
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
  });
});
