import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { TaskSummary } from '@taskgate/api-contract';
import { settle, until } from '../../testing/task-fixture';
import { AuthSession } from '../auth/auth-session';
import { AppConfig } from '../shared/app-config';
import { today } from '../tasks/task-validators';
import { addDays } from '../tasks/task-views';
import { OverviewPage } from './overview-page';

const SUMMARY = 'http://localhost:3000/api/user-1/tasks/summary';

function twoWeeks(counts: number[], end = '2026-12-03'): TaskSummary['completedPerDay'] {
  return counts.map((count, i) => ({ date: addDays(end, i - counts.length + 1), count }));
}

function aSummary(overrides: Partial<TaskSummary> = {}): TaskSummary {
  return {
    total: 12,
    pending: 9,
    completed: 3,
    overdue: 2,
    dueToday: 1,
    byPriority: { low: 4, medium: 3, high: 2 },
    completedPerDay: twoWeeks([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 2]),
    ...overrides,
  };
}

describe('OverviewPage', () => {
  let backend: HttpTestingController;
  let harness: RouterTestingHarness;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([{ path: 'overview', component: OverviewPage }])],
    });
    TestBed.inject(AppConfig).set({ apiUrl: 'http://localhost:3000' });
    TestBed.inject(AuthSession).user.set({ id: 'user-1', name: 'Ada', email: 'a@x' });
    backend = TestBed.inject(HttpTestingController);
    harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/overview');
  });

  afterEach(() => backend.verify());

  const page = () => harness.routeNativeElement as HTMLElement;
  const squash = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();

  async function answer(summary: TaskSummary) {
    const req = backend.expectOne((r) => r.url === SUMMARY);
    // The person's own date: the API counts overdue and due today against it.
    expect(req.request.params.get('today')).toBe(today());
    req.flush(summary);
    await harness.fixture.whenStable();
    await settle();
  }

  it('shows the summary’s counts, each linking to the view that lists them', async () => {
    await answer(aSummary());
    const cards = [...page().querySelectorAll('section:first-of-type a.card')];
    expect(cards.map((c) => squash(c.textContent))).toEqual([
      'Total 12',
      'Pending 9',
      'Completed 3',
      'Overdue 2',
      'Due today 1',
    ]);
    expect(cards.map((c) => c.getAttribute('href'))).toEqual([
      '/tasks',
      '/tasks?status=pending',
      '/tasks/completed',
      '/tasks/overdue',
      '/tasks/today?status=pending',
    ]);
    const priorities = [...page().querySelectorAll('.priorities .card')].map((c) => squash(c.textContent));
    expect(priorities).toEqual(['High 2', 'Medium 3', 'Low 4']);
  });

  it('draws the two weeks as an image with a text alternative, values and days, and the same numbers as a table', async () => {
    await answer(aSummary());
    const svg = page().querySelector('svg[role=img]') as SVGElement;
    expect(svg.getAttribute('aria-label')).toBe(
      'Tasks completed per day, Nov 20, 2026 to Dec 3, 2026: 3 in all; most on Dec 3, 2026 (2).',
    );
    expect(svg.querySelectorAll('rect.bar')).toHaveLength(14);
    const values = [...svg.querySelectorAll('text.value')].map((t) => t.textContent?.trim());
    expect(values).toEqual(['0', '0', '0', '0', '0', '0', '0', '0', '0', '0', '0', '1', '0', '2']);
    // The tallest bar fills the plot; a day with none has no bar height.
    const heights = [...svg.querySelectorAll('rect.bar')].map((r) => Number(r.getAttribute('height')));
    expect(heights[13]).toBeGreaterThan(heights[11]);
    expect(heights[0]).toBe(0);
    expect([...svg.querySelectorAll('text.day')].map((t) => t.textContent?.trim()).slice(-2)).toEqual(['Thu', '3']);

    const table = page().querySelector('table') as HTMLTableElement;
    expect(table.classList).toContain('visually-hidden');
    const toggle = [...page().querySelectorAll('button')].find((b) => b.textContent?.includes('Show as table')) as HTMLButtonElement;
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    toggle.click();
    await until(() => !table.classList.contains('visually-hidden'));
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const rows = [...table.querySelectorAll('tbody tr')].map((r) => [...r.children].map((c) => squash(c.textContent)).join(' '));
    expect(rows).toHaveLength(14);
    expect(rows[13]).toBe('Dec 3, 2026 2');
    expect(rows[11]).toBe('Dec 1, 2026 1');
  });

  it('says so when nothing was completed in two weeks, instead of an empty chart', async () => {
    await answer(aSummary({ completed: 0, completedPerDay: twoWeeks(new Array(14).fill(0)) }));
    expect(page().querySelector('svg[role=img]')).toBeNull();
    expect(page().textContent).toContain('Nothing completed in the last two weeks.');
  });

  it('explains a failure and asks again on Retry', async () => {
    backend.expectOne((r) => r.url === SUMMARY).flush({ title: 'down' }, { status: 503, statusText: 'Unavailable' });
    await harness.fixture.whenStable();
    await settle();
    expect(page().querySelector('[role=alert]')?.textContent).toContain('try again');
    ([...page().querySelectorAll('button')].find((b) => b.textContent?.includes('Retry')) as HTMLButtonElement).click();
    await answer(aSummary());
    expect(page().querySelector('[role=alert]')).toBeNull();
    expect(page().textContent).toContain('Pending by priority');
  });
});
