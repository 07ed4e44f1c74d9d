import { join } from 'node:path';
import { expect, test } from './fixtures';
import { apiHas, localDay, PERSON_TIME_ZONE, seedTasks } from './seed';
import { newPerson, reviewAtBothWidths, signUp, waitForApi } from './support';

// The overview page (issue 21): the summary's numbers for the person's own
// day, and the tasks completed per day over two weeks as a chart and a table.

test.use({ timezoneId: PERSON_TIME_ZONE });

/** A card's number, by its name ("Overdue"). */
function card(page: import('@playwright/test').Page, name: string) {
  return page.locator('.card').filter({ has: page.locator('.name', { hasText: new RegExp(`^${name}$`) }) }).locator('.value');
}

test('the overview shows the summary’s numbers and two weeks of completed tasks, as a chart and as a table', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await waitForApi(page);
  await signUp(page, newPerson('Otto'));
  test.fixme(!(await apiHas(page, `tasks/summary?today=${localDay()}`)), 'GET …/tasks/summary is not on issue-21-api yet');

  // Nothing yet: an empty state, not an empty chart.
  await page.goto('/overview');
  await expect(page.getByRole('heading', { name: 'Overview', level: 1 })).toBeVisible();
  await expect(page.getByText('Nothing completed in the last two weeks.')).toBeVisible();
  await expect(card(page, 'Total')).toHaveText('0');

  await seedTasks(page, [
    { title: 'Pay rent', dueDate: localDay(-1), priority: 'high' },
    { title: 'Call the dentist', dueDate: localDay(0), priority: 'high' },
    { title: 'Book flights', dueDate: localDay(3), priority: 'low' },
    { title: 'Read a book' },
    { title: 'Water the plants', dueDate: localDay(0), completed: true },
    { title: 'File the old report', completed: true },
    { title: 'Sort the post', completed: true, priority: 'low' },
  ]);
  await page.reload();

  await expect(card(page, 'Total')).toHaveText('7');
  await expect(card(page, 'Pending')).toHaveText('4');
  await expect(card(page, 'Completed')).toHaveText('3');
  await expect(card(page, 'Overdue')).toHaveText('1');
  await expect(card(page, 'Due today')).toHaveText('1');
  await expect(card(page, 'High')).toHaveText('2');
  await expect(card(page, 'Medium')).toHaveText('1');
  await expect(card(page, 'Low')).toHaveText('1');

  const chart = page.getByRole('img', { name: /^Tasks completed per day, .*: 3 in all;/ });
  await expect(chart).toBeVisible();
  await expect(chart.locator('rect.bar')).toHaveCount(14);

  await page.getByRole('button', { name: 'Show as table' }).click();
  const table = page.getByRole('table', { name: 'Tasks completed per day' });
  await expect(table).toBeVisible();
  const rows = await table.locator('tbody tr').evaluateAll((trs) =>
    trs.map((tr) => [...tr.children].map((cell) => cell.textContent?.trim() ?? '')),
  );
  expect(rows).toHaveLength(14);
  expect(rows.reduce((sum, [, count]) => sum + Number(count), 0)).toBe(3);
  // Completed just now: all three on one day near the end of the fortnight.
  expect(rows.filter(([, count]) => count === '3')).toHaveLength(1);

  await reviewAtBothWidths(page, 'overview');
  await page.emulateMedia({ colorScheme: 'dark' });
  await reviewAtBothWidths(page, 'overview-dark');
  await page.emulateMedia({ colorScheme: 'light' });

  // A number leads to the view that lists it.
  await page.getByRole('link', { name: 'Overdue 1', exact: true }).click();
  await expect(page).toHaveURL(/\/tasks\/overdue$/);
  await expect(page.getByRole('heading', { name: 'Overdue', level: 1 })).toBeVisible();
});

test('the overview’s look, light and dark, at both widths, with a summary the test supplies', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await waitForApi(page);
  await signUp(page, newPerson('Lotte'));
  // The page's own drawing, whatever the API's state: a fixed fortnight with a busy day and empty ones.
  const counts = [0, 1, 3, 0, 2, 5, 1, 0, 0, 4, 2, 1, 0, 6];
  await page.route(/\/tasks\/summary\?/, async (route) =>
    route.fulfill({
      status: 200,
      contentType: 'application/json',
      headers: { 'Access-Control-Allow-Origin': (await route.request().headerValue('origin')) ?? '*' },
      body: JSON.stringify({
        total: 40,
        pending: 15,
        completed: 25,
        overdue: 3,
        dueToday: 2,
        byPriority: { low: 5, medium: 6, high: 4 },
        completedPerDay: counts.map((count, i) => ({ date: localDay(i - 13), count })),
      }),
    }),
  );
  await page.goto('/overview');
  await expect(card(page, 'Total')).toHaveText('40');
  await expect(page.getByRole('img', { name: /: 25 in all; most on .* \(6\)\.$/ })).toBeVisible();
  await page.getByRole('button', { name: 'Show as table' }).click();
  await expect(page.getByRole('table', { name: 'Tasks completed per day' }).locator('tbody tr')).toHaveCount(14);
  await reviewAtBothWidths(page, 'overview-supplied');
  // The chart alone on a phone: fourteen bars, their values and days must still be legible.
  await page.setViewportSize({ width: 375, height: 900 });
  await page.locator('app-completed-chart').screenshot({ path: join(__dirname, '../../dist/e2e/screenshots/overview-chart-375.png') });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.emulateMedia({ colorScheme: 'dark' });
  await reviewAtBothWidths(page, 'overview-supplied-dark');
  await page.emulateMedia({ colorScheme: 'light' });
});
