import { join } from 'node:path';
import { expect, test } from './fixtures';
import {
  expectCount,
  localDay,
  navLink,
  PERSON_TIME_ZONE,
  seedTasks,
} from './seed';
import {
  newPerson,
  reviewAtBothWidths,
  shownTitles,
  signUp,
  waitForApi,
} from './support';

// The navigation's views (issue 21): each view lists the right tasks for the
// person's own day, the counts say how many, and on a phone the navigation
// is a drawer behind a menu button.

test.use({ timezoneId: PERSON_TIME_ZONE });

const sorted = (titles: string[]) => [...titles].sort();

/** The list shows these titles, in any order, once the view's answer has arrived. */
async function expectTitles(
  page: import('@playwright/test').Page,
  titles: string[],
): Promise<void> {
  await expect
    .poll(async () => sorted(await shownTitles(page)))
    .toEqual(sorted(titles));
}

async function seedWeek(page: import('@playwright/test').Page): Promise<void> {
  await seedTasks(page, [
    {
      title: 'Pay rent',
      dueDate: localDay(-1),
      labels: ['Home'],
      priority: 'high',
    },
    {
      title: 'Call the dentist',
      dueDate: localDay(0),
      labels: ['Health', 'Home'],
    },
    { title: 'Water the plants', dueDate: localDay(0), completed: true },
    { title: 'Book flights', dueDate: localDay(3), labels: ['Travel'] },
    { title: 'Renew passport', dueDate: localDay(10), labels: ['Travel'] },
    { title: 'Read a book' },
    { title: 'File the old report', dueDate: localDay(-5), completed: true },
  ]);
}

test('each view lists its tasks for the person’s own day, with counts that follow changes', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await waitForApi(page);
  await signUp(page, newPerson('Vera'));
  await seedWeek(page);
  await page.reload();
  await expect(
    page.getByRole('heading', { name: 'Inbox', level: 1 }),
  ).toBeVisible();

  await expectCount(page, 'Inbox', 7);
  await expectCount(page, 'Today', 2);
  await expectCount(page, 'Upcoming', 1);
  await expectCount(page, 'Overdue', 1);
  await expectCount(page, 'Completed', 2);
  await expectCount(page, 'Home', 2);
  await expectCount(page, 'Health', 1);
  await expectCount(page, 'Travel', 2);

  await expectTitles(
    page,
    sorted([
      'Pay rent',
      'Call the dentist',
      'Water the plants',
      'Book flights',
      'Renew passport',
      'Read a book',
      'File the old report',
    ]),
  );

  await navLink(page, 'Today').click();
  await expect(page).toHaveURL(/\/tasks\/today$/);
  await expect(
    page.getByRole('heading', { name: 'Today', level: 1 }),
  ).toBeVisible();
  await expect(page).toHaveTitle('Today · Taskgate');
  await expectTitles(page, ['Call the dentist', 'Water the plants']);
  await expect(navLink(page, 'Today')).toHaveAttribute('aria-current', 'page');
  // Today's pending task is marked in words; the done one is not.
  const dentist = page
    .locator('app-task-item')
    .filter({ hasText: 'Call the dentist' });
  await expect(dentist.locator('.due.mark')).toHaveText(/Due\s+Today/);
  await expect(
    page
      .locator('app-task-item')
      .filter({ hasText: 'Water the plants' })
      .locator('.due.mark'),
  ).toHaveCount(0);
  await reviewAtBothWidths(page, 'views-today');

  await navLink(page, 'Upcoming').click();
  await expect(page).toHaveURL(/\/tasks\/upcoming$/);
  await expectTitles(page, ['Book flights']);
  // A view that fixes the status offers no status tabs.
  await expect(page.getByRole('tab')).toHaveCount(0);

  await navLink(page, 'Overdue').click();
  await expectTitles(page, ['Pay rent']);
  await expect(
    page
      .locator('app-task-item')
      .filter({ hasText: 'Pay rent' })
      .getByText('Overdue', { exact: true }),
  ).toBeVisible();
  await reviewAtBothWidths(page, 'views-overdue');

  await navLink(page, 'Completed').click();
  await expectTitles(page, ['File the old report', 'Water the plants']);

  await navLink(page, 'Travel').click();
  await expect(page).toHaveURL(/\/tasks\/label\/Travel$/);
  await expect(
    page.getByRole('heading', { name: 'Label: Travel', level: 1 }),
  ).toBeVisible();
  await expect(page).toHaveTitle('Travel · Labels · Taskgate');
  await expectTitles(page, ['Book flights', 'Renew passport']);
  await navLink(page, 'Home').click();
  await expectTitles(page, ['Call the dentist', 'Pay rent']);

  // The list's own filters stay in the URL inside a view, and reload keeps both.
  await page.goto('/tasks/label/Home?sort=title&order=desc');
  await expect
    .poll(() => shownTitles(page))
    .toEqual(['Pay rent', 'Call the dentist']);
  await expect(page.getByRole('combobox', { name: 'Sort by' })).toHaveText(
    /Title/,
  );

  // A change made in the portal moves the counts.
  await navLink(page, 'Overdue').click();
  await expectTitles(page, ['Pay rent']);
  await page.getByRole('checkbox', { name: 'Pay rent' }).click();
  await expect(page.getByText('Nothing is overdue. Well done!')).toBeVisible();
  await expectCount(page, 'Overdue', 0);
  await expectCount(page, 'Completed', 3);
});

test('on a phone the navigation is a drawer behind a menu button', async ({
  page,
}) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await waitForApi(page);
  await signUp(page, newPerson('Pia'));
  await seedWeek(page);
  await page.reload();
  await expect(
    page.getByRole('heading', { name: 'Inbox', level: 1 }),
  ).toBeVisible();

  const menu = page.getByRole('button', { name: 'Navigation menu' });
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  await expect(
    page.getByRole('navigation', { name: 'Task views' }),
  ).toBeHidden();

  await menu.click();
  await expect(menu).toHaveAttribute('aria-expanded', 'true');
  await expectCount(page, 'Overdue', 1);
  // The drawer slides in: photograph it once it has arrived.
  await page.evaluate(() =>
    Promise.all(
      document.getAnimations().map((a) => a.finished.catch(() => undefined)),
    ),
  );
  await page.screenshot({
    path: join(__dirname, '../../dist/e2e/screenshots/views-drawer-375.png'),
  });
  await navLink(page, 'Overdue').click();
  await expect(
    page.getByRole('navigation', { name: 'Task views' }),
  ).toBeHidden();
  await expect(
    page.getByRole('heading', { name: 'Overdue', level: 1 }),
  ).toBeVisible();
  await expectTitles(page, ['Pay rent']);
  await reviewAtBothWidths(page, 'views-phone-overdue');

  // Dark theme, both widths.
  await page.emulateMedia({ colorScheme: 'dark' });
  await navLink(page, 'Today').click();
  await expectTitles(page, ['Call the dentist', 'Water the plants']);
  await reviewAtBothWidths(page, 'views-today-dark');
  await page.emulateMedia({ colorScheme: 'light' });
});
