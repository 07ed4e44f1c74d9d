import { expect, test } from './fixtures';
import { taskApi } from './task-api-support';
import { newPerson, reviewAtBothWidths, shownTitles, signUp, waitForApi } from './support';

test('bulk actions on several tasks: label, complete (with one already gone), reopen, delete with Undo', async ({ page }) => {
  await waitForApi(page);
  await signUp(page, newPerson('Bea'));
  const api = await taskApi(page);
  const [a, b, c] = [await api.create({ title: 'Alpha' }), await api.create({ title: 'Bravo' }), await api.create({ title: 'Charlie' })];
  await page.reload();
  await expect.poll(() => shownTitles(page)).toEqual(['Charlie', 'Bravo', 'Alpha']);

  await page.getByRole('button', { name: 'Select tasks' }).click();
  const bar = page.getByRole('toolbar', { name: 'Selected tasks' });
  // One snackbar may still be leaving while the next arrives.
  const snackBar = (text: string) => page.locator('mat-snack-bar-container').filter({ hasText: text });
  await expect(bar).toContainText('0 selected');
  await page.getByRole('checkbox', { name: 'Select Alpha' }).check();
  await page.getByRole('checkbox', { name: 'Select Bravo' }).check();
  await expect(bar).toContainText('2 selected');
  await reviewAtBothWidths(page, 'bulk-bar');

  // A label typed in (it exists nowhere yet).
  await bar.getByRole('button', { name: 'Add label' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a label to 2 tasks' });
  await dialog.getByLabel('Label').fill('urgent');
  await dialog.getByRole('button', { name: 'Add label' }).click();
  await expect(snackBar('Added “urgent” to 2 tasks.')).toBeVisible();
  await expect.poll(async () => (await api.get(a.id))?.labels).toEqual(['urgent']);
  expect((await api.get(b.id))?.labels).toEqual(['urgent']);
  expect((await api.get(c.id))?.labels).toEqual([]);

  // Select all; one of them is deleted elsewhere meanwhile.
  await page.getByRole('checkbox', { name: 'Select all on this page' }).check();
  await expect(bar).toContainText('3 selected');
  await api.remove(c.id);
  await bar.getByRole('button', { name: 'Complete' }).click();
  await expect(snackBar('Completed 2 tasks. 1 task was already gone.')).toBeVisible();
  await expect.poll(() => shownTitles(page)).toEqual(['Bravo', 'Alpha']);
  await expect(bar).toContainText('0 selected');
  expect((await api.get(a.id))?.completed).toBe(true);
  expect((await api.get(b.id))?.completed).toBe(true);

  await page.getByRole('checkbox', { name: 'Select Alpha' }).check();
  await bar.getByRole('button', { name: 'Reopen' }).click();
  await expect(snackBar('Reopened 1 task.')).toBeVisible();
  await expect.poll(async () => (await api.get(a.id))?.completed).toBe(false);

  // Delete both, Undo, then delete for good.
  await page.getByRole('checkbox', { name: 'Select all on this page' }).check();
  await bar.getByRole('button', { name: 'Delete' }).click();
  await expect(snackBar('2 tasks deleted')).toBeVisible();
  await expect(page.getByText('No tasks yet')).toBeVisible();
  await snackBar('2 tasks deleted').getByRole('button', { name: 'Undo' }).click();
  await expect.poll(() => shownTitles(page)).toEqual(['Bravo', 'Alpha']);
  expect(await api.get(a.id)).not.toBeNull();

  // Changing the list's query forgets the selection.
  await page.getByRole('checkbox', { name: 'Select Bravo' }).check();
  await expect(bar).toContainText('1 selected');
  await page.getByRole('tab', { name: 'Pending' }).click();
  await expect(bar).toContainText('0 selected');
});
