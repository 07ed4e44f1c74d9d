import { expect, test } from './fixtures';
import { localDay, PERSON_TIME_ZONE, seedTasks } from './seed';
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
  await page.getByRole('link', { name: 'Overdue 1' }).click();
  await expect(page).toHaveURL(/\/tasks\/overdue$/);
  await expect(page.getByRole('heading', { name: 'Overdue', level: 1 })).toBeVisible();
});
