import { expect, test } from './fixtures';
import { taskApi } from './task-api-support';
import { newPerson, reviewAtBothWidths, shownTitles, signUp, waitForApi } from './support';

test('a deleted task comes back with Undo, untouched on the server; without Undo it is gone from the API', async ({ page }) => {
  await waitForApi(page);
  await signUp(page, newPerson('Uma'));
  const api = await taskApi(page);
  const keep = await api.create({ title: 'Keep me', labels: ['home'], dueDate: '2030-01-01' });
  const drop = await api.create({ title: 'Drop me' });
  await page.reload();
  await expect.poll(() => shownTitles(page)).toEqual(['Drop me', 'Keep me']);

  // Undo: nothing is sent, the task is as it was (same id, same createdAt).
  await page.getByRole('button', { name: 'Delete Keep me' }).click();
  const snackBar = page.locator('mat-snack-bar-container');
  await expect(snackBar).toContainText('Task deleted');
  await expect.poll(() => shownTitles(page)).toEqual(['Drop me']);
  await reviewAtBothWidths(page, 'undo-snackbar');
  await snackBar.getByRole('button', { name: 'Undo' }).click();
  await expect.poll(() => shownTitles(page)).toEqual(['Drop me', 'Keep me']);
  expect(await api.get(keep.id)).toEqual(keep);

  // No Undo: once the snackbar has gone (about 5 s), so has the task.
  await page.getByRole('button', { name: 'Delete Drop me' }).click();
  await expect(snackBar).toContainText('Task deleted');
  await expect(snackBar).toBeHidden({ timeout: 10_000 });
  await expect.poll(() => api.get(drop.id)).toBeNull();
  await page.reload();
  await expect.poll(() => shownTitles(page)).toEqual(['Keep me']);
});

test('a delete still on offer goes out when the person leaves the page', async ({ page }) => {
  await waitForApi(page);
  await signUp(page, newPerson('Ugo'));
  const api = await taskApi(page);
  const task = await api.create({ title: 'Leaving' });
  await page.reload();
  await page.getByRole('button', { name: 'Delete Leaving' }).click();
  await expect(page.locator('mat-snack-bar-container')).toContainText('Task deleted');
  await page.goto('/account');
  await expect.poll(() => api.get(task.id)).toBeNull();
});
