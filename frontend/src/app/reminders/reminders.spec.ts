import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, TestRequest, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { aTask, settle, until } from '../../testing/task-fixture';
import { AuthSession } from '../auth/auth-session';
import { AppConfig } from '../shared/app-config';
import { REMINDER_PAGES_MAX, Reminders } from './reminders';

const LIST = 'http://localhost:3000/api/user-1/tasks';

describe('Reminders', () => {
  let backend: HttpTestingController;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    TestBed.inject(AppConfig).set({ apiUrl: 'http://localhost:3000' });
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    TestBed.inject(AuthSession).user.set(null);
    backend.verify();
  });

  const snackBar = () => document.querySelector('mat-snack-bar-container')?.textContent ?? '';

  async function nextWalkPage(): Promise<TestRequest> {
    let found: TestRequest[] = [];
    await until(() => (found = backend.match((r) => r.url === LIST)).length > 0);
    expect(found).toHaveLength(1);
    return found[0];
  }

  async function nextRequest(url: string, timeoutMs = 1000): Promise<TestRequest> {
    let found: TestRequest[] = [];
    await until(() => (found = backend.match(url)).length > 0, timeoutMs);
    expect(found).toHaveLength(1);
    return found[0];
  }

  async function signIn() {
    TestBed.inject(Reminders).start();
    TestBed.inject(AuthSession).user.set({ id: 'user-1', name: 'Ada', email: 'a@x' });
    TestBed.tick();
  }

  it('walks the pending tasks by cursor, 100 a page, and shows a missed reminder once, without its text in storage', async () => {
    await signIn();
    const first = await nextWalkPage();
    expect(first.request.params.get('status')).toBe('pending');
    expect(first.request.params.get('limit')).toBe('100');
    first.flush([aTask({ id: 't1', title: 'Plain' })], {
      headers: { Link: `<${LIST}?status=pending&limit=100&cursor=abc>; rel="next"` },
    });
    const second = await nextWalkPage();
    expect(second.request.params.get('cursor')).toBe('abc');
    second.flush([aTask({ id: 't2', title: 'Pay rent', remindAt: '2026-01-01T09:00:00.000Z' })]);
    await until(() => snackBar().includes('Missed reminder'));
    expect(snackBar()).toContain('Missed reminder: “Pay rent”');
    expect(JSON.stringify({ ...localStorage })).not.toContain('Pay rent');

    // A later walk (the next visit) stays quiet about it.
    TestBed.inject(Reminders).refresh();
    const again = await nextWalkPage();
    document.querySelector('mat-snack-bar-container')?.remove();
    again.flush([aTask({ id: 't2', title: 'Pay rent', remindAt: '2026-01-01T09:00:00.000Z' })]);
    await settle(50);
    expect(snackBar()).toBe('');
  });

  it(`stops after ${REMINDER_PAGES_MAX} pages`, async () => {
    await signIn();
    for (let page = 0; page < REMINDER_PAGES_MAX; page++) {
      (await nextWalkPage()).flush([], { headers: { Link: `<${LIST}?cursor=c${page}>; rel="next"` } });
    }
    await settle(50);
    backend.expectNone((r) => r.url === LIST);
  });

  it('reminds in the portal at the time, after checking the task still wants it', async () => {
    await signIn();
    const soon = new Date(Date.now() + 300).toISOString();
    (await nextWalkPage()).flush([
      aTask({ id: 't1', title: 'Stretch', remindAt: soon }),
      aTask({ id: 't2', title: 'Done meanwhile', remindAt: soon }),
    ]);
    // Checked one by one, on time.
    (await nextRequest(`${LIST}/t1`, 2000)).flush(aTask({ id: 't1', title: 'Stretch', remindAt: soon }));
    (await nextRequest(`${LIST}/t2`)).flush(aTask({ id: 't2', title: 'Done meanwhile', remindAt: soon, completed: true }));
    await until(() => snackBar().includes('Reminder'));
    expect(snackBar()).toContain('Reminder: “Stretch”');
    expect(snackBar()).not.toContain('Done meanwhile');
  });
});
