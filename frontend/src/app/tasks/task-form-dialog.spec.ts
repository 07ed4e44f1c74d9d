import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import type { Task } from '@taskgate/api-contract';
import { aTask, settle, until } from '../../testing/task-fixture';
import { AuthSession } from '../auth/auth-session';
import { AppConfig } from '../shared/app-config';
import { TaskFormDialog, TaskFormData } from './task-form-dialog';

const LIST = 'http://localhost:3000/api/user-1/tasks';
const LABELS = 'http://localhost:3000/api/user-1/labels';

describe('TaskFormDialog', () => {
  let backend: HttpTestingController;
  let result: Task | undefined | 'open';

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    TestBed.inject(AppConfig).set({ apiUrl: 'http://localhost:3000' });
    TestBed.inject(AuthSession).user.set({ id: 'user-1', name: 'Ada', email: 'a@x' });
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    TestBed.inject(MatDialog).closeAll();
    backend.verify();
  });

  async function openDialog(data: TaskFormData, labels: string[] = []) {
    result = 'open';
    TestBed.inject(MatDialog)
      .open(TaskFormDialog, { data })
      .afterClosed()
      .subscribe((r) => (result = r));
    await settle();
    backend.expectOne(LABELS).flush(labels.map((name) => ({ name, taskCount: 1 })));
    await settle();
  }

  const dialog = () => document.querySelector('mat-dialog-container') as HTMLElement;
  function field(label: string): HTMLInputElement | HTMLTextAreaElement {
    const labelEl = [...dialog().querySelectorAll('mat-label')].find((l) => l.textContent?.trim() === label);
    const formField = labelEl?.closest('mat-form-field');
    return formField?.querySelector('input, textarea') as HTMLInputElement;
  }
  function type(label: string, value: string) {
    const el = field(label);
    el.value = value;
    el.dispatchEvent(new Event('input'));
  }
  function button(name: string): HTMLButtonElement {
    return [...dialog().querySelectorAll('button')].find((b) => b.textContent?.trim() === name) as HTMLButtonElement;
  }

  it('creates a task with a trimmed title and an idempotency key', async () => {
    await openDialog({});
    type('Title', '  Buy milk  ');
    type('Description', 'Two litres');
    type('Due date', '2026-12-01');
    button('Create task').click();
    await settle();
    const req = backend.expectOne(LIST);
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toEqual({
      title: 'Buy milk',
      description: 'Two litres',
      priority: 'medium',
      dueDate: '2026-12-01',
      labels: [],
      recurrence: null,
      remindAt: null,
    });
    expect(req.request.headers.get('Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/);
    const created = aTask({ title: 'Buy milk' });
    req.flush(created, { status: 201, statusText: 'Created' });
    await until(() => result !== 'open');
    expect(result).toEqual(created);
  });

  it('shows the validation rules inline and sends nothing', async () => {
    await openDialog({});
    type('Title', '   ');
    type('Description', 'x'.repeat(1001));
    button('Create task').click();
    await settle();
    expect(dialog().textContent).toContain('Enter a title.');
    expect(dialog().textContent).toContain('Use at most 1000 characters.');
    type('Title', '😀'.repeat(200));
    await settle();
    expect(dialog().textContent).not.toContain('Use at most 200 characters.');
    type('Title', '😀'.repeat(201));
    await settle();
    expect(dialog().textContent).toContain('Use at most 200 characters.');
    backend.expectNone(LIST);
  });

  it('shows field errors from a 400', async () => {
    await openDialog({});
    type('Title', 'Fine');
    button('Create task').click();
    await settle();
    backend.expectOne(LIST).flush(
      { type: 'about:blank', title: 'Bad Request', status: 400, detail: 'Invalid body', instance: '/x', errors: [{ field: 'title', message: 'title is not allowed' }] },
      { status: 400, statusText: 'Bad Request' },
    );
    await until(() => !!dialog().textContent?.includes('title is not allowed'));
    expect(dialog().textContent).toContain('title is not allowed');
    expect(result).toBe('open');
  });

  it('keeps what the user typed on a server error and retries with the same key', async () => {
    await openDialog({});
    type('Title', 'Survive outages');
    button('Create task').click();
    await settle();
    const first = backend.expectOne(LIST);
    const key = first.request.headers.get('Idempotency-Key');
    first.flush({}, { status: 502, statusText: 'Bad Gateway' });
    await until(() => !!dialog().querySelector('[role=alert]') && !!button('Retry'));
    expect(dialog().querySelector('[role=alert]')?.textContent).toContain('Your input is kept');
    expect(field('Title').value).toBe('Survive outages');
    button('Retry').click();
    await settle();
    const second = backend.expectOne(LIST);
    expect(second.request.headers.get('Idempotency-Key')).toBe(key);
    second.flush(aTask({ title: 'Survive outages' }), { status: 201, statusText: 'Created' });
    await until(() => result !== 'open');
    expect(result).toMatchObject({ title: 'Survive outages' });
  });

  it('edits with If-Match, and on 412 says so and reloads the task', async () => {
    const task = aTask({ title: 'Old title' });
    await openDialog({ task });
    backend.expectOne(`${LIST}/t1`).flush(task, { headers: { ETag: '"v1"' } });
    await until(() => field('Title').value === 'Old title');
    expect(field('Title').value).toBe('Old title');

    type('Title', 'New title');
    button('Save changes').click();
    await settle();
    const put = backend.expectOne(`${LIST}/t1`);
    expect(put.request.method).toBe('PUT');
    expect(put.request.headers.get('If-Match')).toBe('"v1"');
    expect(put.request.body).toMatchObject({ title: 'New title' });
    put.flush({ status: 412 }, { status: 412, statusText: 'Precondition Failed' });
    await until(() => !!dialog().querySelector('[role=alert]'));

    expect(dialog().querySelector('[role=alert]')?.textContent).toContain('changed elsewhere');
    backend
      .expectOne(`${LIST}/t1`)
      .flush(aTask({ title: 'Changed elsewhere' }), { headers: { ETag: '"v2"' } });
    await until(() => field('Title').value === 'Changed elsewhere');
    expect(field('Title').value).toBe('Changed elsewhere');

    button('Save changes').click();
    await settle();
    const again = backend.expectOne(`${LIST}/t1`);
    expect(again.request.headers.get('If-Match')).toBe('"v2"');
    again.flush(aTask({ title: 'Changed elsewhere' }), { headers: { ETag: '"v3"' } });
    await until(() => result !== 'open');
    expect(result).toMatchObject({ title: 'Changed elsewhere' });
  });
  function formField(label: string): HTMLElement {
    const labelEl = [...dialog().querySelectorAll('mat-label')].find((l) => l.textContent?.trim() === label);
    return labelEl?.closest('mat-form-field') as HTMLElement;
  }
  async function choose(label: string, option: string) {
    (formField(label).querySelector('.mat-mdc-select-trigger') as HTMLElement).click();
    await settle();
    const item = [...document.querySelectorAll('mat-option')].find((o) => o.textContent?.trim() === option) as HTMLElement;
    item.click();
    await settle();
  }
  function labelInput(): HTMLInputElement {
    return dialog().querySelector('input[placeholder="Add a label…"]') as HTMLInputElement;
  }
  async function typeLabel(text: string) {
    const input = labelInput();
    input.focus();
    input.value = text;
    input.dispatchEvent(new Event('input'));
    await settle();
  }
  function press(key: string) {
    labelInput().dispatchEvent(new KeyboardEvent('keydown', { key, keyCode: key === 'Enter' ? 13 : 188, bubbles: true }));
  }
  const chips = () => [...dialog().querySelectorAll('mat-chip-row')].map((c) => c.textContent?.replace('×', '').trim());

  it('sends labels (suggested and typed), a due date, a weekly recurrence and a local reminder in UTC', async () => {
    await openDialog({}, ['Home', 'Work']);
    type('Title', 'Water the plants');
    await typeLabel('wo');
    const options = [...document.querySelectorAll('mat-option')].map((o) => o.textContent?.trim());
    expect(options).toEqual(['Work']);
    (document.querySelector('mat-option') as HTMLElement).click();
    await settle();
    await typeLabel('garden');
    press('Enter');
    await settle();
    await typeLabel('balcony, Garden');
    press('Enter');
    await settle();
    expect(chips()).toEqual(['Work', 'garden', 'balcony']);
    expect(dialog().textContent).toContain('“Garden” is already on this task.');

    expect(dialog().textContent).toContain('Set a due date to repeat');
    type('Due date', '2026-12-01');
    await settle();
    await choose('Repeat', 'Weeks');
    type('Every', '2');
    type('Remind on', '2026-11-30');
    type('Remind at', '18:30');
    await settle();
    button('Create task').click();
    await settle();
    const req = backend.expectOne(LIST);
    expect(req.request.body).toEqual({
      title: 'Water the plants',
      description: null,
      priority: 'medium',
      dueDate: '2026-12-01',
      labels: ['Work', 'garden', 'balcony'],
      recurrence: { every: 'week', interval: 2 },
      // 18:30 in Los Angeles (UTC-8) is 02:30 the next day in UTC.
      remindAt: '2026-12-01T02:30:00.000Z',
    });
    req.flush(aTask(), { status: 201, statusText: 'Created' });
    await until(() => result !== 'open');
  });

  it('keeps repeating off without a due date, and turns it off when the due date is cleared', async () => {
    await openDialog({});
    const repeat = () => formField('Repeat').querySelector('mat-select') as HTMLElement;
    expect(repeat().getAttribute('aria-disabled')).toBe('true');
    type('Due date', '2026-12-01');
    await settle();
    expect(repeat().getAttribute('aria-disabled')).toBe('false');
    await choose('Repeat', 'Days');
    button('Clear due date').click();
    await settle();
    expect(repeat().getAttribute('aria-disabled')).toBe('true');
    expect(dialog().textContent).toContain('Set a due date to repeat');
    expect(formField('Every')).toBeUndefined();
  });

  it('shows a task’s labels, recurrence and reminder (in local time), and clearing them sends null and []', async () => {
    const task = aTask({
      labels: ['home', 'Work'],
      dueDate: '2026-12-01',
      recurrence: { every: 'month', interval: 3 },
      remindAt: '2026-12-01T02:30:00.000Z',
    });
    await openDialog({ task }, ['home', 'Work']);
    backend.expectOne(`${LIST}/t1`).flush(task, { headers: { ETag: '"v1"' } });
    await settle();
    expect(chips()).toEqual(['home', 'Work']);
    expect(formField('Repeat').textContent).toContain('Months');
    expect(field('Every').value).toBe('3');
    expect(field('Remind at').value).toBe('18:30');
    expect(field('Remind on').value).toBe('11/30/2026');

    for (const name of ['Remove label home', 'Remove label Work']) {
      (dialog().querySelector(`button[aria-label="${name}"]`) as HTMLButtonElement).click();
      await settle();
    }
    button('Clear due date').click();
    button('Clear reminder').click();
    await settle();
    button('Save changes').click();
    await settle();
    const put = backend.expectOne(`${LIST}/t1`);
    expect(put.request.body).toMatchObject({ dueDate: null, labels: [], recurrence: null, remindAt: null });
    put.flush(aTask(), { headers: { ETag: '"v2"' } });
    await until(() => result !== 'open');
  });

  it('shows the API’s errors on the labels and the reminder', async () => {
    await openDialog({});
    type('Title', 'Fine');
    await typeLabel('x');
    press('Enter');
    await settle();
    button('Create task').click();
    await settle();
    backend.expectOne(LIST).flush(
      {
        type: 'about:blank', title: 'Bad Request', status: 400, detail: 'Invalid body', instance: '/x',
        errors: [{ field: 'labels[0]', message: 'labels[0] is reserved' }, { field: 'remindAt', message: 'remindAt is too far' }],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await until(() => !!dialog().textContent?.includes('labels[0] is reserved'));
    expect(dialog().textContent).toContain('labels[0] is reserved');
    expect(dialog().textContent).toContain('remindAt is too far');
  });

  describe('Escape or a click outside', () => {
    const containers = () => document.querySelectorAll('mat-dialog-container');
    function pressEscape(): void {
      field('Title').dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    }
    function confirmButton(name: string): HTMLButtonElement {
      const confirm = containers()[1];
      return [...confirm.querySelectorAll('button')].find((b) => b.textContent?.trim() === name) as HTMLButtonElement;
    }

    it('closes an unchanged form at once', async () => {
      await openDialog({});
      pressEscape();
      await until(() => result !== 'open');
      expect(result).toBeUndefined();
    });

    it('closes a form changed and changed back at once', async () => {
      await openDialog({});
      type('Title', 'Buy milk');
      type('Title', '');
      (document.querySelector('.cdk-overlay-backdrop') as HTMLElement).click();
      await until(() => result !== 'open');
      expect(result).toBeUndefined();
    });

    it('asks before discarding a change: "Keep editing" keeps the input, "Discard" closes', async () => {
      await openDialog({});
      type('Title', 'Buy milk');
      pressEscape();
      await until(() => containers()[1]?.getAttribute('role') === 'alertdialog');
      expect(containers()[1].getAttribute('role')).toBe('alertdialog');
      expect(containers()[1].textContent).toContain('Discard changes?');

      confirmButton('Keep editing').click();
      await until(() => containers().length === 1);
      await settle(50);
      expect(result).toBe('open');
      expect(field('Title').value).toBe('Buy milk');

      const backdrops = () => document.querySelectorAll('.cdk-overlay-backdrop');
      (backdrops()[backdrops().length - 1] as HTMLElement).click();
      await until(() => containers()[1]?.getAttribute('role') === 'alertdialog');
      await settle(50);
      confirmButton('Discard').click();
      await until(() => result !== 'open');
      expect(result).toBeUndefined();
      backend.expectNone(LIST);
    });

    it('asks about an edit of an existing task, but not about the latest version it loaded', async () => {
      await openDialog({ task: aTask({ title: 'Old title' }) });
      backend.expectOne(`${LIST}/t1`).flush(aTask({ title: 'Newer title' }), { headers: { ETag: '"v2"' } });
      await until(() => field('Title').value === 'Newer title');
      pressEscape();
      await until(() => result !== 'open');
      expect(result).toBeUndefined();
    });
  });
});
