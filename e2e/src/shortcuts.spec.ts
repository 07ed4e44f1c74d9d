import { expect, test } from './fixtures';
import { taskApi } from './task-api-support';
import { newPerson, reviewAtBothWidths, shownTitles, signUp, waitForApi } from './support';

test('keyboard shortcuts: j/k move a visible focus, x completes, s selects, # deletes with Undo, n and ? open dialogs, / searches; none fires while typing', async ({
  page,
}) => {
  await waitForApi(page);
  await signUp(page, newPerson('Kai'));
  const api = await taskApi(page);
  const first = await api.create({ title: 'First' });
  await api.create({ title: 'Second' });
  await page.reload();
  await expect.poll(() => shownTitles(page)).toEqual(['Second', 'First']);
  const row = (title: string) => page.getByRole('listitem', { name: title });

  await page.keyboard.press('j');
  await expect(row('Second')).toBeFocused();
  await page.keyboard.press('j');
  await expect(row('First')).toBeFocused();
  // The focused row shows it: a 2 px outline.
  expect(await row('First').evaluate((el) => getComputedStyle(el).outlineWidth)).toBe('2px');
  await page.keyboard.press('x');
  await expect.poll(async () => (await api.get(first.id))?.completed).toBe(true);
  await page.keyboard.press('s');
  await expect(page.getByRole('toolbar', { name: 'Selected tasks' })).toContainText('1 selected');
  await page.keyboard.press('k');
  await expect(row('Second')).toBeFocused();
  await page.keyboard.press('#');
  await expect(page.locator('mat-snack-bar-container')).toContainText('Task deleted');
  await expect.poll(() => shownTitles(page)).toEqual(['First']);
  await page.keyboard.press('u');
  await expect.poll(() => shownTitles(page)).toEqual(['Second', 'First']);

  // Help lists them all; nothing else fires while it is open.
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toContainText('Complete or reopen the focused task');
  await reviewAtBothWidths(page, 'shortcuts-help');
  await page.keyboard.press('n');
  await expect(page.getByRole('dialog')).toHaveCount(1);
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();

  // Typing in the search box types; "/" got there.
  await page.keyboard.press('/');
  const search = page.getByRole('searchbox', { name: 'Search' });
  await expect(search).toBeFocused();
  await page.keyboard.type('n?jx');
  await expect(search).toHaveValue('n?jx');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await search.fill('');
  await search.blur();

  await page.keyboard.press('n');
  const title = page.getByRole('dialog', { name: 'New task' }).getByLabel('Title');
  await expect(title).toBeFocused();
  await page.keyboard.type('x#');
  await expect(title).toHaveValue('x#');
  await expect(page.locator('mat-snack-bar-container').filter({ hasText: 'Task deleted' })).toHaveCount(0);
});
