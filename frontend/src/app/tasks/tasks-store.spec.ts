import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, TestRequest, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component, inject } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { Task } from '@taskgate/api-contract';
import { aTask, settle, until } from '../../testing/task-fixture';
import { AuthSession } from '../auth/auth-session';
import { AppConfig } from '../shared/app-config';
import { PersonDay } from './person-day';
import { TaskChanges } from './task-changes';
import { today } from './task-validators';
import { addDays } from './task-views';
import { TasksStore } from './tasks-store';

const LIST = 'http://localhost:3000/api/user-1/tasks';

/** A routed component that provides the store as TasksPage does, and shows nothing. */
@Component({ template: '', providers: [TasksStore] })
class StoreHost {
  readonly store = inject(TasksStore);
}

describe('TasksStore', () => {
  let backend: HttpTestingController;
  let harness: RouterTestingHarness;
  let router: Router;
  let store: TasksStore;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([
          { path: 'tasks', component: StoreHost },
          { path: 'tasks/today', component: StoreHost, data: { view: 'today' } },
          { path: 'tasks/upcoming', component: StoreHost, data: { view: 'upcoming' } },
          { path: 'tasks/overdue', component: StoreHost, data: { view: 'overdue' } },
          { path: 'tasks/completed', component: StoreHost, data: { view: 'completed' } },
          { path: 'tasks/label/:name', component: StoreHost, data: { view: 'label' } },
        ]),
      ],
    });
    TestBed.inject(AppConfig).set({ apiUrl: 'http://localhost:3000' });
    TestBed.inject(AuthSession).user.set({ id: 'user-1', name: 'Ada', email: 'a@x' });
    backend = TestBed.inject(HttpTestingController);
    router = TestBed.inject(Router);
    harness = await RouterTestingHarness.create();
  });

  afterEach(() => backend.verify());

  async function open(url = '/tasks'): Promise<void> {
    store = (await harness.navigateByUrl(url, StoreHost)).store;
  }

  /** The one list request on its way, checked against the parameters it must carry. */
  async function expectList(params: Record<string, string>): Promise<TestRequest> {
    let found: TestRequest[] = [];
    await until(() => (found = backend.match((r) => r.url === LIST)).length > 0);
    expect(found).toHaveLength(1);
    const req = found[0];
    expect(req.request.method).toBe('GET');
    expect(Object.fromEntries(req.request.params.keys().map((k) => [k, req.request.params.get(k)]))).toEqual(params);
    return req;
  }

  function answer(req: TestRequest, tasks: Task[], total: number): void {
    req.flush(tasks, { headers: { 'X-Total-Count': String(total) } });
  }

  /** The URL's query parameters once navigation has settled. */
  async function urlParams(): Promise<Record<string, string>> {
    await settle();
    return { ...router.parseUrl(router.url).queryParams };
  }

  const titles = () => store.tasks().map((t) => t.title);
  const snackBarText = async (text: string) => {
    await until(() => document.querySelector('mat-snack-bar-container')?.textContent?.includes(text) ?? false);
    return document.querySelector('mat-snack-bar-container')?.textContent ?? '';
  };

  describe('loading', () => {
    it('shows the page the API answers for the query in the URL, with its total', async () => {
      await open('/tasks?status=pending&priority=high&page=2&size=10&q=bank');
      expect(store.query()).toEqual({
        status: 'pending',
        q: 'bank',
        priority: 'high',
        sort: 'created',
        order: 'desc',
        page: 2,
        size: 10,
      });
      const req = await expectList({ status: 'pending', priority: 'high', q: 'bank', limit: '10', offset: '10' });
      expect(store.loading()).toBe(true);

      answer(req, [aTask(), aTask({ id: 't2', title: 'Call the bank' })], 12);
      expect(store.loading()).toBe(false);
      expect(titles()).toEqual(['Write the quarterly report', 'Call the bank']);
      expect(store.total()).toBe(12);
      expect(store.loadError()).toBeNull();
      expect(store.filtered()).toBe(true);
    });

    it('says nothing is filtered for the plain list', async () => {
      await open();
      answer(await expectList({ limit: '25' }), [], 0);
      expect(store.filtered()).toBe(false);
      expect(store.tasks()).toEqual([]);
    });

    it('shows the answer to the newest query, never a late answer to an older one', async () => {
      await open();
      const older = await expectList({ limit: '25' });
      store.setPriority('high');
      const newer = await expectList({ priority: 'high', limit: '25' });

      answer(newer, [aTask({ id: 'h', title: 'High one', priority: 'high' })], 1);
      if (!older.cancelled) answer(older, [aTask({ title: 'Stale' })], 1);
      expect(titles()).toEqual(['High one']);
      expect(store.total()).toBe(1);
    });

    it('explains a failed load, keeps the last list, and loads again on reload', async () => {
      await open();
      answer(await expectList({ limit: '25' }), [aTask()], 1);
      store.reload();
      (await expectList({ limit: '25' })).flush({ title: 'down' }, { status: 503, statusText: 'Unavailable' });
      expect(store.loading()).toBe(false);
      expect(store.loadError()).toBe('The server had a problem. Your input is kept; try again.');
      expect(titles()).toEqual(['Write the quarterly report']);

      store.reload();
      const again = await expectList({ limit: '25' });
      expect(store.loadError()).toBeNull();
      expect(store.loading()).toBe(true);
      answer(again, [aTask(), aTask({ id: 't2', title: 'Call the bank' })], 2);
      expect(titles()).toEqual(['Write the quarterly report', 'Call the bank']);
    });

    it('shows an earlier query’s tasks as out of date while the new one loads, and drops them if it fails', async () => {
      await open();
      answer(await expectList({ limit: '25' }), [aTask()], 1);
      expect(store.stale()).toBe(false);

      store.setPriority('high');
      const high = await expectList({ priority: 'high', limit: '25' });
      expect(store.stale()).toBe(true);
      high.error(new ProgressEvent('error'), { status: 0, statusText: 'Timeout' });

      expect(store.loadError()).toBe('You appear to be offline, or the server cannot be reached.');
      expect(titles()).toEqual([]);
      expect(store.total()).toBe(0);
      expect(store.stale()).toBe(false);

      store.reload();
      answer(await expectList({ priority: 'high', limit: '25' }), [aTask({ id: 'h', title: 'High one' })], 1);
      expect(titles()).toEqual(['High one']);
      expect(store.loadError()).toBeNull();
    });

    it('treats another page as another query', async () => {
      await open('/tasks?size=10');
      answer(await expectList({ limit: '10' }), [aTask()], 11);
      store.setPage(2, 10);
      await expectList({ limit: '10', offset: '10' });
      expect(store.stale()).toBe(true);
      expect(titles()).toEqual(['Write the quarterly report']);
      backend.match(() => true).forEach((req) => req.flush([], { headers: { 'X-Total-Count': '11' } }));
    });

    it('pages on by the cursor of the page before, back by the one it remembers, and jumps by offset', async () => {
      const withNext = (req: TestRequest, tasks: Task[], cursor: string) =>
        req.flush(tasks, { headers: { 'X-Total-Count': '31', Link: `</api/user-1/tasks?limit=10&cursor=${cursor}>; rel="next"` } });
      await open('/tasks?size=10');
      withNext(await expectList({ limit: '10' }), [aTask({ id: 'p1' })], 'after-p1');
      store.setPage(2, 10);
      withNext(await expectList({ limit: '10', cursor: 'after-p1' }), [aTask({ id: 'p2' })], 'after-p2');
      store.setPage(1, 10);
      withNext(await expectList({ limit: '10' }), [aTask({ id: 'p1' })], 'after-p1');
      store.setPage(2, 10);
      withNext(await expectList({ limit: '10', cursor: 'after-p1' }), [aTask({ id: 'p2' })], 'after-p2');
      // The last page, never reached by paging on: by offset.
      store.setPage(4, 10);
      answer(await expectList({ limit: '10', offset: '30' }), [aTask({ id: 'p4' })], 31);
    });

    it('forgets its cursors after a change, so pages are counted out again', async () => {
      await open('/tasks?size=10');
      (await expectList({ limit: '10' })).flush([aTask({ id: 'p1' })], {
        headers: { 'X-Total-Count': '12', Link: '</api/user-1/tasks?limit=10&cursor=after-p1>; rel="next"' },
      });
      store.setPage(2, 10);
      answer(await expectList({ limit: '10', cursor: 'after-p1' }), [aTask({ id: 'p2' })], 12);
      store.showCreated(aTask({ id: 'new', title: 'New' }));
      answer(await expectList({ limit: '10', offset: '10' }), [aTask({ id: 'p2' })], 13);
    });

    it('shows the API’s own words for a refused query', async () => {
      await open();
      (await expectList({ limit: '25' })).flush(
        { title: 'Bad Request', status: 400, detail: 'q must be at most 200 characters' },
        { status: 400, statusText: 'Bad Request' },
      );
      expect(store.loadError()).toBe('q must be at most 200 characters');
    });

    it('goes to the last page when the page asked for is past the end', async () => {
      await open('/tasks?page=5&size=10');
      answer(await expectList({ limit: '10', offset: '40' }), [], 23);
      expect(await urlParams()).toEqual({ page: '3', size: '10' });
      answer(await expectList({ limit: '10', offset: '20' }), [aTask()], 21);
      expect(store.query().page).toBe(3);
      expect(titles()).toEqual(['Write the quarterly report']);
    });
  });

  describe('the query in the URL', () => {
    it('writes each filter to the URL and starts again from the first page', async () => {
      await open('/tasks?page=3');
      answer(await expectList({ limit: '25', offset: '50' }), [], 60);

      store.setPriority('high');
      expect(await urlParams()).toEqual({ priority: 'high' });
      answer(await expectList({ priority: 'high', limit: '25' }), [], 0);

      store.setSort('dueDate');
      expect(await urlParams()).toEqual({ priority: 'high', sort: 'dueDate' });
      answer(await expectList({ priority: 'high', sort: 'dueDate', limit: '25' }), [], 0);

      store.setOrder('asc');
      expect(await urlParams()).toEqual({ priority: 'high', sort: 'dueDate', order: 'asc' });
      answer(await expectList({ priority: 'high', sort: 'dueDate', order: 'asc', limit: '25' }), [], 0);

      store.setPriority('');
      expect(await urlParams()).toEqual({ sort: 'dueDate', order: 'asc' });
      answer(await expectList({ sort: 'dueDate', order: 'asc', limit: '25' }), [], 0);
    });

    it('writes page and page size, leaving the defaults out', async () => {
      await open('/tasks?status=completed');
      answer(await expectList({ status: 'completed', limit: '25' }), [], 300);

      store.setPage(4, 50);
      expect(await urlParams()).toEqual({ status: 'completed', page: '4', size: '50' });
      answer(await expectList({ status: 'completed', limit: '50', offset: '150' }), [], 300);

      store.setPage(1, 25);
      expect(await urlParams()).toEqual({ status: 'completed' });
      answer(await expectList({ status: 'completed', limit: '25' }), [], 300);
    });

    it('writes the search to the URL once the user stops typing, from page 1', async () => {
      await open('/tasks?page=2');
      answer(await expectList({ limit: '25', offset: '25' }), [], 30);
      for (const text of ['r', 're', 'rep ']) store.setSearch(text);
      await settle(100);
      backend.expectNone((r) => r.url === LIST);
      expect(await urlParams()).toEqual({ page: '2' });

      await settle(350);
      expect(await urlParams()).toEqual({ q: 'rep' });
      answer(await expectList({ q: 'rep', limit: '25' }), [], 0);
      // The trimmed URL does not take the user's trailing space away.
      expect(store.search()).toBe('rep ');
    });

    it('clears the search and the priority, keeping the tab, the sort and the page size', async () => {
      await open('/tasks?status=pending&q=milk&priority=high&sort=title&size=10&page=2');
      answer(
        await expectList({ status: 'pending', q: 'milk', priority: 'high', sort: 'title', limit: '10', offset: '10' }),
        [aTask()],
        11,
      );
      expect(store.filtered()).toBe(true);
      store.clearFilters();
      expect(await urlParams()).toEqual({ status: 'pending', sort: 'title', size: '10' });
      expect(store.search()).toBe('');
      expect(store.filtered()).toBe(false);
      answer(await expectList({ status: 'pending', sort: 'title', limit: '10' }), [aTask()], 1);
      expect(titles()).toEqual(['Write the quarterly report']);
    });

    it('shows the search of a URL reached by back/forward or a link', async () => {
      await open('/tasks?q=bank');
      expect(store.search()).toBe('bank');
      answer(await expectList({ q: 'bank', limit: '25' }), [], 0);

      await harness.navigateByUrl('/tasks?q=milk');
      expect(store.search()).toBe('milk');
      answer(await expectList({ q: 'milk', limit: '25' }), [], 0);
      await settle(350);
      backend.expectNone((r) => r.url === LIST);
    });
  });

  describe('toggling a task', () => {
    beforeEach(async () => {
      await open();
      answer(await expectList({ limit: '25' }), [aTask(), aTask({ id: 't2', title: 'Call the bank' })], 2);
    });

    it('shows it done at once and keeps the server’s version', async () => {
      store.toggleCompleted(store.tasks()[0]);
      expect(store.tasks()[0].completed).toBe(true);
      expect(store.toggling().has('t1')).toBe(true);

      const patch = backend.expectOne(`${LIST}/t1/complete`);
      expect(patch.request.method).toBe('PATCH');
      expect(patch.request.body).toEqual({ completed: true });
      const done = aTask({ completed: true, completedAt: '2026-11-22T11:00:00.000Z' });
      patch.flush(done);
      expect(store.tasks()).toEqual([done, aTask({ id: 't2', title: 'Call the bank' })]);
      expect(store.toggling().size).toBe(0);
    });

    it('rolls back and says why when the API fails', async () => {
      store.toggleCompleted(store.tasks()[0]);
      expect(store.tasks()[0].completed).toBe(true);
      backend
        .expectOne(`${LIST}/t1/complete`)
        .flush({ title: 'err' }, { status: 500, statusText: 'Server Error' });

      expect(store.tasks()[0].completed).toBe(false);
      expect(store.toggling().size).toBe(0);
      expect(await snackBarText('Could not update')).toContain(
        'Could not update “Write the quarterly report”. The server had a problem. Your input is kept; try again.',
      );
    });

    it('sends one request however often the box is clicked while it is on its way', () => {
      const task = store.tasks()[0];
      store.toggleCompleted(task);
      store.toggleCompleted(store.tasks()[0]);
      store.toggleCompleted(task);
      const patches = backend.match(`${LIST}/t1/complete`);
      expect(patches).toHaveLength(1);
      patches[0].flush(aTask({ completed: true }));
      expect(store.tasks()[0].completed).toBe(true);
    });

    it('says when the task was deleted elsewhere and reloads the list', async () => {
      store.toggleCompleted(store.tasks()[0]);
      backend.expectOne(`${LIST}/t1/complete`).flush({ title: 'Not Found' }, { status: 404, statusText: 'Not Found' });
      expect(store.tasks()[0].completed).toBe(false);
      expect(await snackBarText('no longer exists')).toContain('“Write the quarterly report” no longer exists.');
      answer(await expectList({ limit: '25' }), [aTask({ id: 't2', title: 'Call the bank' })], 1);
      expect(titles()).toEqual(['Call the bank']);
    });
  });

  describe('toggling a task in a list filtered by status', () => {
    it('a task reopened in Completed leaves the list and the count once the API confirms, then the page is refilled', async () => {
      await open('/tasks?status=completed');
      const done = aTask({ completed: true });
      const other = aTask({ id: 't2', title: 'Call the bank', completed: true });
      answer(await expectList({ status: 'completed', limit: '25' }), [done, other], 2);

      store.toggleCompleted(done);
      // Shown reopened at once, but still listed until the API says so.
      expect(titles()).toEqual(['Write the quarterly report', 'Call the bank']);
      expect(store.tasks()[0].completed).toBe(false);
      backend.expectOne(`${LIST}/t1/complete`).flush(aTask({ completed: false }));

      expect(titles()).toEqual(['Call the bank']);
      expect(store.total()).toBe(1);
      answer(await expectList({ status: 'completed', limit: '25' }), [other], 1);
      expect(titles()).toEqual(['Call the bank']);
    });

    it('a task done in Pending leaves the list once the API confirms', async () => {
      await open('/tasks?status=pending');
      answer(await expectList({ status: 'pending', limit: '25' }), [aTask()], 1);
      store.toggleCompleted(store.tasks()[0]);
      backend.expectOne(`${LIST}/t1/complete`).flush(aTask({ completed: true }));
      expect(titles()).toEqual([]);
      expect(store.total()).toBe(0);
      answer(await expectList({ status: 'pending', limit: '25' }), [], 0);
    });

    it('a refused toggle keeps the task in the list', async () => {
      await open('/tasks?status=completed');
      answer(await expectList({ status: 'completed', limit: '25' }), [aTask({ completed: true })], 1);
      store.toggleCompleted(store.tasks()[0]);
      backend.expectOne(`${LIST}/t1/complete`).flush({ title: 'err' }, { status: 500, statusText: 'Server Error' });
      expect(store.tasks()).toEqual([aTask({ completed: true })]);
      expect(store.total()).toBe(1);
    });
  });

  describe('in a navigation view', () => {
    it('asks for the view’s preset next to the list’s own filters, sort and paging', async () => {
      const day = today();
      await open('/tasks/today?q=bank&sort=dueDate&page=2&size=10');
      answer(
        await expectList({ q: 'bank', sort: 'dueDate', limit: '10', offset: '10', dueFrom: day, dueTo: day }),
        [aTask({ dueDate: day })],
        11,
      );
      expect(store.view()).toEqual({ name: 'today' });
      expect(store.fixedStatus()).toBeUndefined();
      expect(titles()).toEqual(['Write the quarterly report']);
    });

    it('asks Upcoming for the pending tasks of the 7 days after today', async () => {
      const day = today();
      await open('/tasks/upcoming');
      answer(
        await expectList({
          status: 'pending',
          dueFrom: addDays(day, 1),
          dueTo: addDays(day, 7),
          sort: 'dueDate',
          order: 'asc',
          limit: '25',
        }),
        [],
        0,
      );
      expect(store.fixedStatus()).toBe('pending');
      expect(store.emptyText()).toBe('Nothing is due in the next 7 days.');
    });

    it('lists Upcoming soonest due first unless the person picks another order, which the URL then keeps', async () => {
      const day = today();
      const upcoming = { status: 'pending', dueFrom: addDays(day, 1), dueTo: addDays(day, 7) };
      await open('/tasks/upcoming');
      answer(await expectList({ ...upcoming, sort: 'dueDate', order: 'asc', limit: '25' }), [], 0);
      expect(await urlParams()).toEqual({});

      store.setSort('created');
      expect(await urlParams()).toEqual({ sort: 'created' });
      answer(await expectList({ ...upcoming, order: 'asc', limit: '25' }), [], 0);

      store.setSort('dueDate');
      expect(await urlParams()).toEqual({});
      answer(await expectList({ ...upcoming, sort: 'dueDate', order: 'asc', limit: '25' }), [], 0);
    });

    it('fixes the status of Overdue, whatever the URL says', async () => {
      await open('/tasks/overdue?status=completed');
      answer(await expectList({ status: 'pending', dueTo: addDays(today(), -1), sort: 'dueDate', order: 'asc', limit: '25' }), [], 0);
      expect(store.query().status).toBe('pending');
      expect(store.fixedStatus()).toBe('pending');
    });

    it('takes a task completed in Overdue out of the list, and tells the counts', async () => {
      const changes = TestBed.inject(TaskChanges);
      await open('/tasks/overdue');
      const late = aTask({ dueDate: addDays(today(), -3) });
      answer(await expectList({ status: 'pending', dueTo: addDays(today(), -1), sort: 'dueDate', order: 'asc', limit: '25' }), [late], 1);
      const before = changes.version();
      store.toggleCompleted(late);
      backend.expectOne(`${LIST}/t1/complete`).flush({ ...late, completed: true });
      expect(titles()).toEqual([]);
      expect(changes.version()).toBe(before + 1);
      answer(await expectList({ status: 'pending', dueTo: addDays(today(), -1), sort: 'dueDate', order: 'asc', limit: '25' }), [], 0);
    });

    it('moves Today to the new day at the person’s midnight', async () => {
      // Only the clock is faked: the test's own waits still run.
      jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'queueMicrotask'] });
      try {
        jest.setSystemTime(new Date(2026, 11, 31, 23, 59));
        await open('/tasks/today');
        answer(await expectList({ dueFrom: '2026-12-31', dueTo: '2026-12-31', limit: '25' }), [], 0);
        expect(store.today()).toBe('2026-12-31');

        jest.setSystemTime(new Date(2027, 0, 1, 0, 0, 1));
        TestBed.inject(PersonDay).check();
        answer(await expectList({ dueFrom: '2027-01-01', dueTo: '2027-01-01', limit: '25' }), [], 0);
        expect(store.today()).toBe('2027-01-01');
      } finally {
        jest.useRealTimers();
      }
    });

    it('asks a label’s view for that label, and another label’s for its own', async () => {
      await open('/tasks/label/Home%20office');
      answer(await expectList({ labels: 'Home office', limit: '25' }), [aTask({ labels: ['Home office'] })], 1);
      expect(store.view()).toEqual({ name: 'label', label: 'Home office' });

      await router.navigateByUrl('/tasks/label/Work');
      // The same page, another list: Home office's tasks are out of date until Work's arrive.
      expect(store.stale()).toBe(true);
      answer(await expectList({ labels: 'Work', limit: '25' }), [aTask({ id: 't2', title: 'Call the bank' })], 1);
      expect(store.stale()).toBe(false);
      expect(titles()).toEqual(['Call the bank']);
    });
  });

  // The DELETE itself is UndoDelete's (tasks-page.spec.ts, "delete with Undo"); the store takes the deleted tasks out.
  describe('after a delete', () => {
    it('removes the task and one from the count, and reloads', async () => {
      await open();
      answer(await expectList({ limit: '25' }), [aTask(), aTask({ id: 't2', title: 'Call the bank' })], 2);

      store.hide(['t1']);
      expect(titles()).toEqual(['Call the bank']);
      expect(store.total()).toBe(1);
      store.removed(['t1']);

      expect(titles()).toEqual(['Call the bank']);
      expect(store.total()).toBe(1);
      answer(await expectList({ limit: '25' }), [aTask({ id: 't2', title: 'Call the bank' })], 1);
      expect(titles()).toEqual(['Call the bank']);
    });

    it('steps back a page after deleting the only task of the last page', async () => {
      await open('/tasks?page=2&size=10');
      answer(await expectList({ limit: '10', offset: '10' }), [aTask({ id: 't11', title: 'Eleventh' })], 11);

      store.hide(['t11']);
      store.removed(['t11']);
      expect(store.total()).toBe(10);
      expect(await urlParams()).toEqual({ size: '10' });
      answer(await expectList({ limit: '10' }), [aTask()], 10);
      expect(titles()).toEqual(['Write the quarterly report']);
    });
  });

  describe('after the form dialog', () => {
    beforeEach(async () => {
      await open();
      answer(await expectList({ limit: '25' }), [], 0);
    });

    it('announces a created task and shows it', async () => {
      store.showCreated(aTask({ title: 'Buy milk' }));
      expect(await snackBarText('Created')).toContain('Created “Buy milk”.');
      answer(await expectList({ limit: '25' }), [aTask({ title: 'Buy milk' })], 1);
      expect(titles()).toEqual(['Buy milk']);
      expect(store.total()).toBe(1);
    });

    it('announces a saved task and shows the list again', async () => {
      store.showUpdated(aTask({ title: 'Renamed' }));
      expect(await snackBarText('Saved')).toContain('Saved “Renamed”.');
      answer(await expectList({ limit: '25' }), [aTask({ title: 'Renamed' })], 1);
      expect(titles()).toEqual(['Renamed']);
    });
  });
});
