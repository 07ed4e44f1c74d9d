import { TASK_SORT_FIELDS, Task } from '@taskgate/api-contract';
import { startTestApp, TestApp } from './support/test-app';
import { apiUser, ApiUser } from './support/tasks-client';

// Cursor paging (API.md v1.1): every page but the last links the next with
// the same filters and sort; a walk never repeats or skips a task that exists
// throughout it, whatever is created or deleted meanwhile.
describe('GET /api/{user_id}/tasks with a cursor', () => {
  let t: TestApp;
  let user: ApiUser;

  beforeAll(async () => {
    t = await startTestApp();
    user = apiUser(t.http, 'cursor');
    const priorities = ['low', 'medium', 'high'];
    const ids: string[] = [];
    for (let i = 0; i < 23; i++) {
      const { id } = await user.createTask({
        // Repeated titles, dates and priorities: ties are where a keyset walk goes wrong.
        title: `task ${String(i % 7).padStart(2, '0')}`,
        priority: priorities[i % 3],
        dueDate: i % 4 === 0 ? null : `2027-01-${String((i % 5) + 1).padStart(2, '0')}`,
        completed: i % 6 === 0,
      });
      ids.push(id);
    }
    // Every other task changed afterwards, newest first: "recently updated"
    // is then another order than "created", and each walk reads its own key.
    for (const id of ids.filter((_, i) => i % 2 === 1).reverse()) {
      expect((await user.put(id, { description: 'changed later' })).status).toBe(200);
    }
  });
  afterAll(() => t.close());

  /** The path and query of a Link: <…>; rel="next" header, or undefined. */
  const nextOf = (link: string | undefined) => /^<([^>]+)>; rel="next"$/.exec(link ?? '')?.[1];

  /** Every page of a list, following Link headers from `first`; `between` runs before each next page. */
  async function walk(first: string, between: () => Promise<void> = async () => undefined) {
    const pages: { tasks: Task[]; total: string }[] = [];
    let response = await t.http.get(first).set(user.auth);
    for (;;) {
      expect(response.status).toBe(200);
      pages.push({ tasks: response.body, total: response.headers['x-total-count'] });
      const next = nextOf(response.headers['link']);
      if (!next) return pages;
      await between();
      response = await t.http.get(next).set(user.auth);
    }
  }

  it.each(TASK_SORT_FIELDS.flatMap((sort) => [`sort=${sort}&order=asc`, `sort=${sort}&order=desc`]))(
    'walks %s page by page in exactly the order of one long page',
    async (query) => {
      const whole = await user.list(`?${query}&limit=100`);
      const pages = await walk(`${user.base}?${query}&limit=4`);
      expect(pages.flatMap((p) => p.tasks.map((task) => task.id))).toEqual(whole.body.map((task: Task) => task.id));
      expect(pages).toHaveLength(6);
      expect(pages.every((p) => p.total === '23')).toBe(true);
    },
  );

  it('keeps filters and search in the next link, and its total exact', async () => {
    const pages = await walk(`${user.base}?status=pending&q=task%200&priority=high&limit=1`);
    const ids = pages.flatMap((p) => p.tasks.map((task) => task.id));
    const whole = await user.list('?status=pending&q=task%200&priority=high&limit=100');
    expect(ids).toEqual(whole.body.map((task: Task) => task.id));
    expect(pages.every((p) => p.total === whole.headers['x-total-count'])).toBe(true);
    expect(pages.at(-1)?.tasks.length).toBeGreaterThan(0);
  });

  it('never repeats or skips a task that exists throughout, while tasks are created and deleted', async () => {
    const before = (await user.list('?sort=dueDate&order=asc&limit=100')).body as Task[];
    const doomed = before.filter((_, i) => i % 5 === 2).map((task) => task.id);
    const survivors = before.filter((task) => !doomed.includes(task.id)).map((task) => task.id);
    let step = 0;
    const pages = await walk(`${user.base}?sort=dueDate&order=asc&limit=3`, async () => {
      // Between pages: one new task (sorting anywhere) and one deletion.
      await user.createTask({ title: `late ${step}`, dueDate: `2027-01-0${(step % 5) + 1}` });
      const victim = doomed[step];
      if (victim) expect((await user.remove(victim)).status).toBe(204);
      step += 1;
    });
    const seen = pages.flatMap((p) => p.tasks.map((task) => task.id));
    expect(new Set(seen).size).toBe(seen.length);
    expect(survivors.filter((id) => !seen.includes(id))).toEqual([]);
  });

  it('links no next page from the last one', async () => {
    const response = await user.list('?limit=100');
    expect(response.headers['link']).toBeUndefined();
    const exact = await user.list(`?limit=${response.headers['x-total-count']}`);
    expect(exact.headers['link']).toBeUndefined();
  });

  it('links the next page from an offset page too', async () => {
    const response = await user.list('?offset=4&limit=4');
    const next = nextOf(response.headers['link']);
    expect(next).toMatch(/cursor=/);
    const following = await t.http.get(next as string).set(user.auth);
    const whole = await user.list('?limit=100');
    expect(following.body.map((task: Task) => task.id)).toEqual(whole.body.slice(8, 12).map((task: Task) => task.id));
  });

  describe('refuses, as problem+json 400 naming the cursor', () => {
    const expectCursorProblem = (response: { status: number; headers: Record<string, string>; body: { errors: { field: string }[] } }) => {
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body.errors.map((e) => e.field)).toEqual(['cursor']);
    };
    let cursor: string;
    beforeAll(async () => {
      cursor = new URLSearchParams(nextOf((await user.list('?limit=2')).headers['link'])?.split('?')[1]).get('cursor') as string;
    });

    it('a cursor with offset', async () => expectCursorProblem(await user.list(`?cursor=${cursor}&offset=2`)));
    it('a malformed cursor', async () => expectCursorProblem(await user.list('?cursor=not-a-cursor')));
    it('a cursor with characters no cursor has', async () => expectCursorProblem(await user.list('?cursor=a%2Bb')));
    it('a cursor whose key was edited to something else', async () => {
      const edited = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(cursor, 'base64url').toString()), k: "x'; DROP TABLE tasks; --" })).toString('base64url');
      expectCursorProblem(await user.list(`?cursor=${edited}`));
    });
    it('a cursor of another sort or filter', async () => expectCursorProblem(await user.list(`?cursor=${cursor}&sort=title`)));
    it("another user's cursor", async () => {
      const other = apiUser(t.http, 'other');
      await other.createTask({ title: 'theirs' });
      expectCursorProblem(await other.list(`?cursor=${cursor}`));
    });
  });
});
