import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, TestRequest, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { MatSnackBar } from '@angular/material/snack-bar';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { aTask, settle, until } from '../../testing/task-fixture';
import { AuthSession } from '../auth/auth-session';
import { AppConfig } from '../shared/app-config';
import { TasksPage } from './tasks-page';
import { today } from './task-validators';
import { addDays } from './task-views';

const LIST = 'http://localhost:3000/api/user-1/tasks';

describe('TasksPage', () => {
  let backend: HttpTestingController;
  let harness: RouterTestingHarness;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([
          { path: 'tasks', component: TasksPage },
          { path: 'tasks/today', component: TasksPage, data: { view: 'today' } },
          { path: 'tasks/completed', component: TasksPage, data: { view: 'completed' } },
          { path: 'tasks/overdue', component: TasksPage, data: { view: 'overdue' } },
          { path: 'tasks/label/:name', component: TasksPage, data: { view: 'label' } },
        ]),
      ],
    });
    TestBed.inject(AppConfig).set({ apiUrl: 'http://localhost:3000' });
    TestBed.inject(AuthSession).user.set({ id: 'user-1', name: 'Ada', email: 'a@x' });
    backend = TestBed.inject(HttpTestingController);
    harness = await RouterTestingHarness.create();
  });

  afterEach(() => backend.verify());

  const page = () => harness.routeNativeElement as HTMLElement;
  const text = () => page().textContent ?? '';

  async function open(url = '/tasks') {
    await harness.navigateByUrl(url);
    await settle();
  }

  async function expectList(params: Record<string, string>): Promise<TestRequest> {
    let found: TestRequest[] = [];
    await until(() => (found = backend.match((r) => r.url === LIST)).length > 0);
    expect(found).toHaveLength(1);
    const req = found[0];
    expect(req.request.method).toBe('GET');
    const sent = Object.fromEntries(req.request.params.keys().map((k) => [k, req.request.params.get(k)]));
    expect(sent).toEqual(params);
    return req;
  }

  async function answer(req: TestRequest, body: unknown, total?: number) {
    req.flush(body, { headers: total === undefined ? {} : { 'X-Total-Count': String(total) } });
    await harness.fixture.whenStable();
    await settle();
  }

  it('loads the first page and shows each task with the total', async () => {
    await open();
    const req = await expectList({ limit: '25' });
    await answer(req, [aTask(), aTask({ id: 't2', title: 'Call the bank', priority: 'high' })], 30);

    const boxes = [...page().querySelectorAll('input[type=checkbox]')] as HTMLInputElement[];
    expect(boxes).toHaveLength(2);
    const labels = boxes.map((b) => page().querySelector(`label[for="${b.id}"]`)?.textContent?.trim());
    expect(labels).toEqual(['Write the quarterly report', 'Call the bank']);
    expect(text()).toContain('Showing 1–2 of 30 tasks');
    expect(text()).toContain('High priority');
    expect(text()).toContain('of 30');
  });

  it('reads filters, sort and page from the URL and sends them to the API', async () => {
    await open('/tasks?status=completed&priority=high&sort=title&order=asc&page=3&size=10&q=bank');
    const req = await expectList({
      status: 'completed',
      priority: 'high',
      sort: 'title',
      order: 'asc',
      q: 'bank',
      limit: '10',
      offset: '20',
    });
    await answer(req, [], 30);
  });

  it('switches status when a tab is chosen', async () => {
    await open();
    await answer(await expectList({ limit: '25' }), [], 0);
    const pending = [...page().querySelectorAll('a[mat-tab-link]')].find((a) => a.textContent?.trim() === 'Pending') as HTMLElement;
    pending.click();
    await settle();
    await answer(await expectList({ status: 'pending', limit: '25' }), [aTask()], 1);
    expect(text()).toContain('Write the quarterly report');
  });

  it('labels the panel with the chosen status tab', async () => {
    await open('/tasks?status=completed');
    await answer(await expectList({ status: 'completed', limit: '25' }), [], 0);
    const tab = (name: string) =>
      [...page().querySelectorAll('[role=tab]')].find((a) => a.textContent?.trim() === name) as HTMLElement;
    const panel = page().querySelector('[role=tabpanel]') as HTMLElement;
    expect(tab('Completed').getAttribute('aria-selected')).toBe('true');
    expect(tab('Completed').getAttribute('aria-controls')).toBe(panel.id);
    expect(panel.getAttribute('aria-labelledby')).toBe(tab('Completed').id);
    expect(panel.querySelector('[role=search]')).not.toBeNull();

    tab('Pending').click();
    await settle();
    await answer(await expectList({ status: 'pending', limit: '25' }), [], 0);
    expect(tab('Pending').getAttribute('aria-selected')).toBe('true');
    expect(panel.getAttribute('aria-labelledby')).toBe(tab('Pending').id);
  });

  it('searches once the user stops typing', async () => {
    await open();
    await answer(await expectList({ limit: '25' }), [], 0);
    const input = page().querySelector('input[type=search]') as HTMLInputElement;
    for (const value of ['r', 're', 'rep']) {
      input.value = value;
      input.dispatchEvent(new Event('input'));
    }
    await settle(100);
    backend.expectNone((r) => r.url === LIST);
    await settle(350);
    await answer(await expectList({ q: 'rep', limit: '25' }), [], 0);
    expect(text()).toContain('No tasks match these filters.');
  });

  it('shows an empty state when there are no tasks', async () => {
    await open();
    await answer(await expectList({ limit: '25' }), [], 0);
    expect(text()).toContain('No tasks yet');
  });

  it('shows a load error with a retry that asks again', async () => {
    await open();
    (await expectList({ limit: '25' })).flush({ title: 'down' }, { status: 503, statusText: 'Unavailable' });
    await harness.fixture.whenStable();
    await settle();
    expect(page().querySelector('[role=alert]')?.textContent).toContain('try again');
    const retry = [...page().querySelectorAll('button')].find((b) => b.textContent?.includes('Retry')) as HTMLButtonElement;
    retry.click();
    await settle();
    await answer(await expectList({ limit: '25' }), [aTask()], 1);
    await until(() => text().includes('Write the quarterly report'));
    expect(text()).toContain('Write the quarterly report');
    expect(page().querySelector('[role=alert]')).toBeNull();
  });

  it('marks overdue tasks that are not done', async () => {
    await open();
    await answer(
      await expectList({ limit: '25' }),
      [
        aTask({ id: 'late', title: 'Late one', dueDate: '2000-01-01' }),
        aTask({ id: 'done', title: 'Done one', dueDate: '2000-01-01', completed: true }),
      ],
      2,
    );
    const items = [...page().querySelectorAll('app-task-item')];
    expect(items[0].classList).toContain('overdue');
    expect(items[0].textContent).toContain('Overdue');
    expect(items[1].classList).not.toContain('overdue');
  });

  it('marks a pending task due today with words, not colour only; a done one not', async () => {
    const day = today();
    await open();
    await answer(
      await expectList({ limit: '25' }),
      [
        aTask({ id: 'now', title: 'Due now', dueDate: day }),
        aTask({ id: 'done', title: 'Done now', dueDate: day, completed: true }),
        aTask({ id: 'later', title: 'Later', dueDate: addDays(day, 3) }),
      ],
      3,
    );
    const items = [...page().querySelectorAll('app-task-item')];
    expect(items[0].classList).toContain('due-today');
    expect(items[0].querySelector('.due.mark')?.textContent?.replace(/\s+/g, ' ').trim()).toBe('Due Today');
    expect(items[1].classList).not.toContain('due-today');
    expect(items[1].querySelector('.due.mark')).toBeNull();
    expect(items[2].classList).not.toContain('due-today');
    expect(items[2].textContent).not.toContain('Overdue');
  });

  describe('in a navigation view', () => {
    const heading = () => page().querySelector('h1')?.textContent?.trim();
    const tabs = () => [...page().querySelectorAll('[role=tab]')].map((t) => t.textContent?.trim());

    it('names the Inbox and offers the status tabs', async () => {
      await open();
      await answer(await expectList({ limit: '25' }), [], 0);
      expect(heading()).toBe('Inbox');
      expect(tabs()).toEqual(['All', 'Pending', 'Completed']);
    });

    it('shows no status tabs where the view fixes the status, and its own empty words', async () => {
      await open('/tasks/overdue');
      await answer(await expectList({ status: 'pending', dueTo: addDays(today(), -1), sort: 'dueDate', order: 'asc', limit: '25' }), [], 0);
      expect(heading()).toBe('Overdue');
      expect(tabs()).toEqual([]);
      expect(page().querySelector('[role=tabpanel]')).toBeNull();
      // The filters stay: search, priority and sort still narrow the view.
      expect(page().querySelector('[role=search]')).not.toBeNull();
      expect(text()).toContain('Nothing is overdue.');

      await open('/tasks/completed');
      await answer(await expectList({ status: 'completed', limit: '25' }), [], 0);
      expect(heading()).toBe('Completed');
      expect(tabs()).toEqual([]);
    });

    it('keeps the status tabs in Today, a tab narrowing the day’s tasks', async () => {
      const day = today();
      await open('/tasks/today');
      await answer(await expectList({ dueFrom: day, dueTo: day, limit: '25' }), [], 0);
      expect(heading()).toBe('Today');
      expect(text()).toContain('Nothing is due today.');
      const pending = [...page().querySelectorAll('a[mat-tab-link]')].find((a) => a.textContent?.trim() === 'Pending') as HTMLElement;
      pending.click();
      await settle();
      await answer(await expectList({ status: 'pending', dueFrom: day, dueTo: day, limit: '25' }), [aTask({ dueDate: day })], 1);
      expect(text()).toContain('Write the quarterly report');
    });

    it('names a label’s view after the label', async () => {
      await open('/tasks/label/Errands');
      await answer(await expectList({ labels: 'Errands', limit: '25' }), [], 0);
      expect(heading()).toBe('Label: Errands');
      expect(text()).toContain('No tasks carry the label “Errands”.');
    });
  });

  it('toggles at once, and rolls back with a message when the API fails', async () => {
    await open();
    await answer(await expectList({ limit: '25' }), [aTask()], 1);
    const box = page().querySelector('input[type=checkbox]') as HTMLInputElement;
    box.click();
    await harness.fixture.whenStable();
    expect(box.checked).toBe(true);

    const patch = backend.expectOne(`${LIST}/t1/complete`);
    expect(patch.request.method).toBe('PATCH');
    expect(patch.request.body).toEqual({ completed: true });
    patch.flush({ title: 'err' }, { status: 500, statusText: 'Server Error' });
    await harness.fixture.whenStable();
    await until(() => !box.checked);
    expect(box.checked).toBe(false);
    expect(document.body.textContent).toContain('Could not update “Write the quarterly report”');
  });

  it('keeps the toggle when the API agrees', async () => {
    await open();
    await answer(await expectList({ limit: '25' }), [aTask()], 1);
    const box = page().querySelector('input[type=checkbox]') as HTMLInputElement;
    box.click();
    backend.expectOne(`${LIST}/t1/complete`).flush(aTask({ completed: true, completedAt: '2026-11-22T11:00:00.000Z' }));
    await harness.fixture.whenStable();
    await settle();
    expect(box.checked).toBe(true);
    expect(text()).toContain('Completed');
  });

  const button = (name: string) =>
    [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === name) as HTMLButtonElement;
  const snackBar = () => document.querySelector('mat-snack-bar-container')?.textContent ?? '';
  const titles = () => [...page().querySelectorAll('app-task-item .toggle label')].map((l) => l.textContent?.trim());
  const two = [aTask(), aTask({ id: 't2', title: 'Call the bank', labels: ['money'] })];

  it('shows a task’s recurrence, its reminder in local time and its labels', async () => {
    await open();
    await answer(
      await expectList({ limit: '25' }),
      [aTask({ dueDate: '2026-12-01', recurrence: { every: 'week', interval: 2 }, remindAt: '2026-12-01T02:30:00.000Z', labels: ['home', 'Work'] })],
      1,
    );
    const meta = page().querySelector('app-task-item .meta')?.textContent ?? '';
    expect(meta).toContain('Repeats every 2 weeks');
    // 02:30 UTC is 18:30 the evening before in Los Angeles (frontend/jest.config.cts).
    expect(meta).toMatch(/Reminder Nov 30, 2026,? 6:30\sPM/);
    expect([...page().querySelectorAll('app-task-item .label-tag')].map((t) => t.textContent)).toEqual(['home', 'Work']);
  });

  describe('delete with undo', () => {
    it('hides the task at once, sends nothing, and brings it back on Undo', async () => {
      await open();
      await answer(await expectList({ limit: '25' }), two, 2);
      (page().querySelector('button[aria-label="Delete Write the quarterly report"]') as HTMLButtonElement).click();
      await until(() => snackBar().includes('Task deleted') && titles().length === 1);
      expect(titles()).toEqual(['Call the bank']);
      expect(text()).toContain('Showing 1–1 of 1 tasks');
      backend.expectNone(`${LIST}/t1`);
      button('Undo').click();
      await until(() => titles().length === 2);
      expect(titles()).toEqual(['Write the quarterly report', 'Call the bank']);
      await settle(50);
      backend.expectNone(`${LIST}/t1`);
    });

    it('deletes when the snackbar closes without Undo, then reloads', async () => {
      await open();
      await answer(await expectList({ limit: '25' }), two, 2);
      (page().querySelector('button[aria-label="Delete Write the quarterly report"]') as HTMLButtonElement).click();
      await until(() => snackBar().includes('Task deleted'));
      TestBed.inject(MatSnackBar).dismiss();
      let dels: TestRequest[] = [];
      await until(() => (dels = backend.match(`${LIST}/t1`)).length > 0);
      expect(dels[0].request.method).toBe('DELETE');
      dels[0].flush(null, { status: 204, statusText: 'No Content' });
      await settle();
      expect(titles()).toEqual(['Call the bank']);
      await answer(await expectList({ limit: '25' }), [two[1]], 1);
      expect(titles()).toEqual(['Call the bank']);
    });

    it('sends the delete at once when the page is left during the offer', async () => {
      await open();
      await answer(await expectList({ limit: '25' }), two, 2);
      (page().querySelector('button[aria-label="Delete Call the bank"]') as HTMLButtonElement).click();
      await until(() => snackBar().includes('Task deleted'));
      harness.fixture.destroy();
      let dels: TestRequest[] = [];
      await until(() => (dels = backend.match(`${LIST}/t2`)).length > 0);
      expect(dels[0].request.method).toBe('DELETE');
      dels[0].flush(null, { status: 204, statusText: 'No Content' });
      backend.match(() => true);
    });

    it('shows the task again and says why when the delete is refused', async () => {
      await open();
      await answer(await expectList({ limit: '25' }), two, 2);
      (page().querySelector('button[aria-label="Delete Write the quarterly report"]') as HTMLButtonElement).click();
      await until(() => snackBar().includes('Task deleted'));
      TestBed.inject(MatSnackBar).dismiss();
      let dels: TestRequest[] = [];
      await until(() => (dels = backend.match(`${LIST}/t1`)).length > 0);
      dels[0].error(new ProgressEvent('error'));
      await until(() => snackBar().includes('Could not delete') && titles().length === 2);
      expect(snackBar()).toContain('Could not delete “Write the quarterly report”. You appear to be offline');
      expect(titles()).toEqual(['Write the quarterly report', 'Call the bank']);
    });
  });

  describe('selection and bulk actions', () => {
    const select = (title: string) =>
      (page().querySelector(`input[aria-label="Select ${title}"]`) as HTMLInputElement).click();
    async function selectMode() {
      button('Select tasks').click();
      await settle();
    }

    it('completes the selected tasks in one request, says what happened (tasks already gone too) and reloads', async () => {
      await open();
      await answer(await expectList({ limit: '25' }), two, 2);
      expect(page().querySelector('app-bulk-bar')).toBeNull();
      expect(page().querySelector('input[aria-label^="Select "]')).toBeNull();
      await selectMode();
      expect(page().querySelector('app-bulk-bar')?.textContent).toContain('0 selected');
      select('Write the quarterly report');
      select('Call the bank');
      await settle();
      expect(page().querySelector('app-bulk-bar')?.textContent).toContain('2 selected');
      button('Complete').click();
      const req = backend.expectOne(`${LIST}/bulk`);
      expect(req.request.body).toEqual({ action: 'complete', ids: ['t1', 't2'] });
      req.flush({ changed: ['t1'], notFound: ['t2'] });
      await until(() => snackBar().includes('Completed'));
      expect(snackBar()).toContain('Completed 1 task. 1 task was already gone.');
      await answer(await expectList({ limit: '25' }), [aTask({ completed: true })], 1);
      expect(page().querySelector('app-bulk-bar')?.textContent).toContain('0 selected');
      button('Done').click();
      await settle();
      expect(page().querySelector('app-bulk-bar')).toBeNull();
    });

    it('selects all on the page, and forgets the selection when the query changes', async () => {
      await open();
      await answer(await expectList({ limit: '25' }), two, 2);
      await selectMode();
      (page().querySelector('.select-all input') as HTMLInputElement).click();
      await settle();
      expect(page().querySelector('app-bulk-bar')?.textContent).toContain('2 selected');
      await harness.navigateByUrl('/tasks?status=pending');
      await answer(await expectList({ limit: '25', status: 'pending' }), two, 2);
      expect(page().querySelector('app-bulk-bar')?.textContent).toContain('0 selected');
      expect((page().querySelector('input[aria-label="Select Call the bank"]') as HTMLInputElement).checked).toBe(false);
    });

    it('removes a label picked from the selected tasks’ labels', async () => {
      await open();
      await answer(await expectList({ limit: '25' }), two, 2);
      await selectMode();
      select('Call the bank');
      await settle();
      button('Remove label').click();
      await until(() => !!document.querySelector('app-bulk-label-dialog h2')?.textContent);
      expect(document.querySelector('app-bulk-label-dialog h2')?.textContent).toContain('Remove a label from 1 task');
      const box = document.querySelector('app-bulk-label-dialog input') as HTMLInputElement;
      box.focus();
      box.dispatchEvent(new Event('focusin'));
      box.value = 'mo';
      box.dispatchEvent(new Event('input'));
      await settle();
      expect([...document.querySelectorAll('mat-option')].map((o) => o.textContent?.trim())).toEqual(['money']);
      (document.querySelector('mat-option') as HTMLElement).click();
      await settle();
      (document.querySelector('app-bulk-label-dialog button[type=submit]') as HTMLButtonElement).click();
      let reqs: TestRequest[] = [];
      await until(() => (reqs = backend.match(`${LIST}/bulk`)).length > 0);
      const req = reqs[0];
      expect(req.request.body).toEqual({ action: 'removeLabel', ids: ['t2'], label: 'money' });
      req.flush({ changed: ['t2'], notFound: [] });
      await until(() => snackBar().includes('Removed'));
      expect(snackBar()).toContain('Removed “money” from 1 task.');
      await answer(await expectList({ limit: '25' }), two, 2);
    });

    it('deletes the selection with one Undo for all of them', async () => {
      await open();
      await answer(await expectList({ limit: '25' }), two, 2);
      await selectMode();
      (page().querySelector('.select-all input') as HTMLInputElement).click();
      await settle();
      button('Delete').click();
      await until(() => snackBar().includes('2 tasks deleted') && titles().length === 0);
      expect(titles()).toEqual([]);
      TestBed.inject(MatSnackBar).dismiss();
      let reqs: TestRequest[] = [];
      await until(() => (reqs = backend.match(`${LIST}/bulk`)).length > 0);
      expect(reqs[0].request.body).toEqual({ action: 'delete', ids: ['t1', 't2'] });
      reqs[0].flush({ changed: ['t1', 't2'], notFound: [] });
      await answer(await expectList({ limit: '25' }), [], 0);
      expect(text()).toContain('No tasks yet');
    });
  });

  describe('keyboard shortcuts', () => {
    function key(key: string, target: EventTarget = document.body) {
      target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
    }
    const focusedTitle = () => (document.activeElement as HTMLElement | null)?.getAttribute('aria-label');

    it('moves between tasks with j and k, completes with x, selects with s, deletes with #', async () => {
      await open();
      await answer(await expectList({ limit: '25' }), two, 2);
      key('j');
      expect(focusedTitle()).toBe('Write the quarterly report');
      key('j');
      expect(focusedTitle()).toBe('Call the bank');
      key('k');
      expect(focusedTitle()).toBe('Write the quarterly report');
      key('s', document.activeElement as HTMLElement);
      await settle();
      expect(page().querySelector('app-bulk-bar')?.textContent).toContain('1 selected');
      key('x', document.activeElement as HTMLElement);
      const toggle = backend.expectOne(`${LIST}/t1/complete`);
      expect(toggle.request.body).toEqual({ completed: true });
      toggle.flush(aTask({ completed: true }));
      await settle();
      key('#', document.activeElement as HTMLElement);
      await until(() => snackBar().includes('Task deleted') && titles().length === 1);
      expect(titles()).toEqual(['Call the bank']);
      key('u');
      await until(() => titles().length === 2);
    });

    it('opens the form with n and the help with ?, and ignores keys typed into a field or while a dialog is open', async () => {
      await open();
      await answer(await expectList({ limit: '25' }), two, 2);
      const search = page().querySelector('input[type=search]') as HTMLInputElement;
      key('/');
      expect(document.activeElement).toBe(search);
      key('n', search);
      key('?', search);
      await settle(50);
      expect(document.querySelector('mat-dialog-container')).toBeNull();
      key('?');
      await until(() => !!document.querySelector('app-shortcuts-help-dialog')?.textContent?.includes('Select or'));
      expect(document.querySelector('app-shortcuts-help-dialog')?.textContent).toContain('Select or unselect the focused task');
      key('n');
      await settle(50);
      expect(document.querySelectorAll('mat-dialog-container')).toHaveLength(1);
      TestBed.inject(MatDialog).closeAll();
      await until(() => !document.querySelector('mat-dialog-container'));
      key('n');
      await until(() => !!document.querySelector('app-task-form-dialog'));
      backend.match(() => true);
      TestBed.inject(MatDialog).closeAll();
    });
  });
});
