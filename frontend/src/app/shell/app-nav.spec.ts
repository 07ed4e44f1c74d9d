import { BreakpointObserver, BreakpointState } from '@angular/cdk/layout';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, TestRequest, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { BehaviorSubject, map } from 'rxjs';
import { settle, until } from '../../testing/task-fixture';
import { App } from '../app';
import { AuthSession } from '../auth/auth-session';
import { AppConfig } from '../shared/app-config';
import { TaskChanges } from '../tasks/task-changes';
import { today } from '../tasks/task-validators';
import { addDays } from '../tasks/task-views';

const LIST = 'http://localhost:3000/api/user-1/tasks';
const LABELS = 'http://localhost:3000/api/user-1/labels';

@Component({ template: '<h1>Stub</h1>' })
class Stub {}

/** A BreakpointObserver whose one query matches while `phone` says so. */
class FakeBreakpoints {
  readonly phone = new BehaviorSubject(false);
  isMatched(): boolean {
    return this.phone.value;
  }
  observe() {
    return this.phone.pipe(map((matches): BreakpointState => ({ matches, breakpoints: {} })));
  }
}

describe('The navigation', () => {
  let backend: HttpTestingController;
  let breakpoints: FakeBreakpoints;

  beforeEach(() => {
    breakpoints = new FakeBreakpoints();
    TestBed.configureTestingModule({
      imports: [App],
      providers: [
        provideRouter([
          { path: 'tasks', component: Stub },
          { path: 'tasks/today', component: Stub },
          { path: 'tasks/label/:name', component: Stub },
        ]),
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: BreakpointObserver, useValue: breakpoints },
      ],
    });
    TestBed.inject(AppConfig).set({ apiUrl: 'http://localhost:3000' });
    TestBed.inject(AuthSession).user.set({ id: 'user-1', name: 'Ada', email: 'a@x' });
    backend = TestBed.inject(HttpTestingController);
  });

  /** The count requests on their way, answered with `totals` by view query, and the labels with `labels`. */
  async function answerCounts(totals: Record<string, number>, labels: { name: string; taskCount: number }[]) {
    let lists: TestRequest[] = [];
    await until(() => (lists = backend.match((r) => r.url === LIST)).length === 5);
    const day = today();
    const keyOf = (req: TestRequest) =>
      req.request.params
        .keys()
        .filter((k) => k !== 'limit')
        .map((k) => `${k}=${req.request.params.get(k)}`)
        .join('&');
    const expected: Record<string, string> = {
      inbox: '',
      today: `dueFrom=${day}&dueTo=${day}`,
      upcoming: `status=pending&dueFrom=${addDays(day, 1)}&dueTo=${addDays(day, 7)}`,
      overdue: `status=pending&dueTo=${addDays(day, -1)}`,
      completed: 'status=completed',
    };
    expect(lists.map(keyOf).sort()).toEqual(Object.values(expected).sort());
    for (const req of lists) {
      expect(req.request.params.get('limit')).toBe('1');
      const view = Object.keys(expected).find((v) => expected[v] === keyOf(req)) as string;
      req.flush([], { headers: { 'X-Total-Count': String(totals[view] ?? 0) } });
    }
    backend.expectOne(LABELS).flush(labels);
    await settle();
  }

  /** Each link as a screen reader names it ("Today 2 tasks"): its name and its count, the hidden words included. */
  const links = (el: HTMLElement) =>
    [...el.querySelectorAll('app-nav a')].map((a) =>
      [a.querySelector('.name'), a.querySelector('.count')]
        .filter((part) => part !== null)
        .map((part) => part?.textContent?.replace(/\s+/g, ' ').trim())
        .join(' '),
    );
  /** What each link shows, without the words only screen readers hear. */
  const shown = (el: HTMLElement) =>
    [...el.querySelectorAll('app-nav a')].map((a) =>
      [a.querySelector('.name'), a.querySelector('.count')]
        .filter((part) => part !== null)
        .map((part) => {
          const copy = part?.cloneNode(true) as HTMLElement;
          copy.querySelectorAll('.visually-hidden').forEach((hidden) => hidden.remove());
          return copy.textContent?.trim();
        })
        .join(' '),
    );

  it('lists the views with their counts, then one view per label, the overview and the account', async () => {
    const fixture = TestBed.createComponent(App);
    await fixture.whenStable();
    await answerCounts({ inbox: 12, today: 2, upcoming: 3, overdue: 1, completed: 4 }, [
      { name: 'Home', taskCount: 2 },
      { name: 'Work', taskCount: 1 },
    ]);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(links(el)).toEqual([
      'Inbox 12 tasks',
      'Today 2 tasks',
      'Upcoming 3 tasks',
      'Overdue 1 task',
      'Completed 4 tasks',
      'Home 2 tasks',
      'Work 1 task',
      'Overview',
      'Account',
    ]);
    expect(shown(el).slice(0, 2)).toEqual(['Inbox 12', 'Today 2']);
    const hrefs = [...el.querySelectorAll('app-nav a')].map((a) => a.getAttribute('href'));
    expect(hrefs).toEqual([
      '/tasks',
      '/tasks/today',
      '/tasks/upcoming',
      '/tasks/overdue',
      '/tasks/completed',
      '/tasks/label/Home',
      '/tasks/label/Work',
      '/overview',
      '/account',
    ]);
    expect(el.querySelector('nav[aria-label="Task views"]')).not.toBeNull();
    // On a wide screen, no menu button: the navigation is always there.
    expect(el.querySelector('button[aria-label="Navigation menu"]')).toBeNull();
  });

  it('counts again after a change made in the portal', async () => {
    const fixture = TestBed.createComponent(App);
    await fixture.whenStable();
    await answerCounts({ overdue: 1 }, []);
    TestBed.inject(TaskChanges).notify();
    await fixture.whenStable();
    await answerCounts({ overdue: 0, completed: 1 }, [{ name: 'Home', taskCount: 1 }]);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(links(el)).toContain('Overdue 0 tasks');
    expect(links(el)).toContain('Home 1 task');
  });

  it('shows no number for a view whose count failed, rather than a wrong one, and keeps the labels it had', async () => {
    const fixture = TestBed.createComponent(App);
    await fixture.whenStable();
    await answerCounts({ today: 2, overdue: 1 }, [{ name: 'Home', taskCount: 2 }]);
    TestBed.inject(TaskChanges).notify();
    await fixture.whenStable();
    let lists: TestRequest[] = [];
    await until(() => (lists = backend.match((r) => r.url === LIST)).length === 5);
    for (const req of lists) {
      if (req.request.params.has('dueTo') && !req.request.params.has('dueFrom')) {
        req.flush({ title: 'down' }, { status: 503, statusText: 'Unavailable' });
      } else {
        req.flush([], { headers: { 'X-Total-Count': '2' } });
      }
    }
    backend.expectOne(LABELS).flush({ title: 'down' }, { status: 503, statusText: 'Unavailable' });
    await settle();
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(links(el)).toContain('Overdue');
    expect(links(el)).toContain('Today 2 tasks');
    expect(links(el)).toContain('Home 2 tasks');
  });

  it('marks the current view for assistive technology', async () => {
    const fixture = TestBed.createComponent(App);
    await fixture.whenStable();
    await answerCounts({}, [{ name: 'Home', taskCount: 2 }]);
    const el = fixture.nativeElement as HTMLElement;
    (el.querySelector('app-nav a[href="/tasks/label/Home"]') as HTMLElement).click();
    await until(() => el.querySelector('app-nav a[aria-current="page"]') !== null);
    expect(el.querySelector('app-nav a[aria-current="page"]')?.getAttribute('href')).toBe('/tasks/label/Home');
  });

  it('on a phone, hides the navigation behind a menu button and closes it once a view is chosen', async () => {
    breakpoints.phone.next(true);
    const fixture = TestBed.createComponent(App);
    await fixture.whenStable();
    await answerCounts({ today: 2 }, []);
    const el = fixture.nativeElement as HTMLElement;
    const menu = el.querySelector('button[aria-label="Navigation menu"]') as HTMLButtonElement;
    const drawer = el.querySelector('mat-sidenav') as HTMLElement;
    expect(menu.getAttribute('aria-expanded')).toBe('false');
    expect(drawer.classList).toContain('mat-drawer-over');
    expect(drawer.classList).not.toContain('mat-drawer-opened');

    menu.click();
    await until(() => drawer.classList.contains('mat-drawer-opened'));
    await fixture.whenStable();
    expect(menu.getAttribute('aria-expanded')).toBe('true');

    (el.querySelector('app-nav a[href="/tasks/today"]') as HTMLElement).click();
    await until(() => !drawer.classList.contains('mat-drawer-opened'));
    expect(drawer.classList).not.toContain('mat-drawer-opened');
  });

  it('shows no navigation to a person signed out', async () => {
    TestBed.inject(AuthSession).user.set(null);
    const fixture = TestBed.createComponent(App);
    await fixture.whenStable();
    expect((fixture.nativeElement as HTMLElement).querySelector('app-nav')).toBeNull();
    backend.expectNone(() => true);
  });
});
