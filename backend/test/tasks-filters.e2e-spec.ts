import { Task } from '@taskgate/api-contract';
import { startTestApp, TestApp } from './support/test-app';
import { apiUser, ApiUser } from './support/tasks-client';

/** API.md "Tasks, v1.1": the list filters labels, dueFrom, dueTo and due. */
describe('GET /api/{user_id}/tasks, the v1.1 filters', () => {
  let t: TestApp;
  let user: ApiUser;
  let tasks: Task[];

  beforeAll(async () => {
    t = await startTestApp();
    user = apiUser(t.http, 'filters');
    const specs = [
      { title: 'a', labels: ['Work', 'urgent'], dueDate: '2026-03-01', priority: 'high' },
      { title: 'b', labels: ['work'], dueDate: '2026-03-05', priority: 'low', completed: true },
      { title: 'c', labels: ['home'], dueDate: '2026-03-10', priority: 'high' },
      { title: 'd', labels: ['Work', 'home', 'urgent'], dueDate: null, priority: 'medium' },
      { title: 'e', labels: [], dueDate: '2026-02-28', priority: 'high' },
      { title: 'f', labels: ['URGENT'], dueDate: '2026-03-05', priority: 'high' },
      { title: 'g', labels: ['work'], dueDate: null, priority: 'low' },
    ];
    tasks = [];
    for (const spec of specs) tasks.push(await user.createTask(spec));
    // Another user's tasks never match.
    const other = apiUser(t.http, 'other');
    await other.createTask({ title: 'a', labels: ['work'], dueDate: '2026-03-01' });
  });
  afterAll(() => t.close());

  /** The path and query of a response's Link: <…>; rel="next", as a URL. */
  const nextUrl = (link: string | undefined) => new URL(/^<([^>]+)>; rel="next"$/.exec(link ?? '')?.[1] ?? '/none', 'http://x');

  /** Titles of the whole list for `query` (sorted by title), and X-Total-Count. */
  async function titles(query: string) {
    const response = await user.list(`?sort=title&order=asc&${query}`);
    expect(response.status).toBe(200);
    return { titles: response.body.map((task: Task) => task.title).join(''), total: Number(response.headers['x-total-count']) };
  }

  it.each([
    ['labels=work', 'abdg'],
    ['labels=WORK', 'abdg'],
    ['labels=work,urgent', 'ad'],
    ['labels=%20urgent%20,Work', 'ad'],
    ['labels=home,urgent,work', 'd'],
    ['labels=nothing', ''],
    ['dueFrom=2026-03-01', 'abcf'],
    ['dueTo=2026-03-05', 'abef'],
    ['dueFrom=2026-03-02&dueTo=2026-03-09', 'bf'],
    ['dueFrom=2026-03-05&dueTo=2026-03-05', 'bf'],
    ['due=none', 'dg'],
    ['due=any', 'abcef'],
    ['labels=work&due=none', 'dg'],
    ['labels=urgent&status=pending&priority=high', 'af'],
    ['labels=work&q=d', 'd'],
    ['status=pending&dueTo=2026-03-04', 'ae'],
    ['status=completed&labels=work', 'b'],
    ['priority=high&dueFrom=2026-03-01', 'acf'],
  ])('%s matches %s, with the exact total', async (query, expected) => {
    const result = await titles(query);
    expect(result).toEqual({ titles: expected, total: expected.length });
  });

  it('keeps the total exact on a page past the end and with offset', async () => {
    const page = await user.list('?labels=work&limit=2&offset=1&sort=title&order=asc');
    expect(page.body.map((task: Task) => task.title)).toEqual(['b', 'd']);
    expect(page.headers['x-total-count']).toBe('4');
    const past = await user.list('?labels=work&offset=10');
    expect(past.status).toBe(200);
    expect(past.body).toEqual([]);
    expect(past.headers['x-total-count']).toBe('4');
  });

  it('carries the filters in the Link of the next page, and the cursor walk gives the same tasks as one page', async () => {
    const query = 'labels=Work&dueFrom=2026-01-01&sort=dueDate&order=asc';
    const whole = (await user.list(`?${query}&limit=100`)).body.map((task: Task) => task.id);
    const seen: string[] = [];
    let response = await user.list(`?${query}&limit=1`);
    for (;;) {
      expect(response.status).toBe(200);
      expect(response.headers['x-total-count']).toBe('2');
      seen.push(...response.body.map((task: Task) => task.id));
      const link = /^<([^>]+)>; rel="next"$/.exec(response.headers['link'] ?? '')?.[1];
      if (!link) break;
      const params = new URL(link, 'http://x').searchParams;
      expect(params.get('labels')).toBe('Work');
      expect(params.get('dueFrom')).toBe('2026-01-01');
      response = await t.http.get(link).set(user.auth);
    }
    expect(seen).toEqual(whole);
    expect(seen).toHaveLength(2);

    const due = await user.list('?due=none&limit=1');
    expect(nextUrl(due.headers['link']).searchParams.get('due')).toBe('none');
  });

  it('refuses a cursor made for other filters (400), and accepts one whose labels differ only in case and order', async () => {
    const first = await user.list('?labels=work,urgent&limit=1');
    const cursor = nextUrl(first.headers['link']).searchParams.get('cursor');
    expect(cursor).toEqual(expect.any(String));
    for (const other of ['labels=work', 'labels=work,urgent&due=any', 'labels=work,urgent&dueTo=2030-01-01', '']) {
      const response = await user.list(`?${other}&limit=1&cursor=${cursor}`);
      expect(response.status).toBe(400);
      expect(response.body.errors[0].field).toBe('cursor');
    }
    expect((await user.list(`?labels=URGENT,Work&limit=1&cursor=${cursor}`)).status).toBe(200);
  });

  it.each([
    ['an empty item', 'labels=a,,b', 'labels'],
    ['a trailing comma', 'labels=a,', 'labels'],
    ['an empty value', 'labels=', 'labels'],
    ['a label of 51 characters', `labels=${'x'.repeat(51)}`, 'labels'],
    ['a repeated parameter', 'labels=a&labels=b', 'labels'],
    ['an impossible date', 'dueFrom=2026-02-30', 'dueFrom'],
    ['a date-time', 'dueTo=2026-02-01T00:00:00Z', 'dueTo'],
    ['dueFrom after dueTo', 'dueFrom=2026-03-02&dueTo=2026-03-01', 'dueFrom'],
    ['due with dueFrom', 'due=any&dueFrom=2026-03-01', 'due'],
    ['due with dueTo', 'due=none&dueTo=2026-03-01', 'due'],
    ['an unknown due', 'due=overdue', 'due'],
  ])('answers 400 problem+json for %s', async (_case, query, field) => {
    const response = await user.list(`?${query}`);
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body.errors.map((error: { field: string }) => error.field)).toContain(field);
  });

  it('follows label changes at once', async () => {
    const task = tasks.find((candidate) => candidate.title === 'c') as Task;
    await user.put(task.id, { labels: ['home', 'work'] });
    expect((await titles('labels=work')).titles).toBe('abcdg');
    await user.put(task.id, { labels: ['home'] });
    expect((await titles('labels=work')).titles).toBe('abdg');
  });
});
