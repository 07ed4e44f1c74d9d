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

  async function openDialog(data: TaskFormData) {
    result = 'open';
    TestBed.inject(MatDialog)
      .open(TaskFormDialog, { data })
      .afterClosed()
      .subscribe((r) => (result = r));
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
