import { expect, test } from './fixtures';
import { taskApi } from './task-api-support';
import { chooseOption, expectFormReady, newPerson, reviewAtBothWidths, shownTitles, signUp, waitForApi } from './support';

// West of Greenwich: a due date or a reminder read as UTC would land on the wrong day here.
test.use({ timezoneId: 'America/Los_Angeles', locale: 'en-US' });

test('the form sends labels (one suggested), a picked due date, a weekly recurrence and a local reminder, exactly; completing shows the next occurrence', async ({
  page,
}) => {
  await waitForApi(page);
  await signUp(page, newPerson('Flora'));
  const api = await taskApi(page);
  await api.create({ title: 'Older task', labels: ['Errands'] });
  await page.reload();
  await expect.poll(() => shownTitles(page)).toEqual(['Older task']);

  await page.getByRole('button', { name: 'Add task' }).click();
  const dialog = page.getByRole('dialog', { name: 'New task' });
  await expectFormReady(dialog);
  await dialog.getByLabel('Title').fill('Water the plants');

  // A label suggested from the existing ones, and a typed one (Enter adds it).
  const labels = dialog.getByPlaceholder('Add a label…');
  await labels.fill('err');
  await page.getByRole('option', { name: 'Errands' }).click();
  await labels.fill('garden');
  await labels.press('Enter');
  await labels.fill('GARDEN');
  await labels.press('Enter');
  await expect(dialog.getByText('“GARDEN” is already on this task.')).toBeVisible();
  await labels.fill('');

  // Repeating waits for a due date.
  await expect(dialog.getByText('Set a due date to repeat')).toBeVisible();
  await expect(dialog.getByRole('combobox', { name: 'Repeat' })).toBeDisabled();

  // The 15th of next month, picked in the calendar.
  await dialog.getByRole('button', { name: 'Open calendar' }).first().click();
  await page.getByRole('button', { name: 'Next month' }).click();
  const { year, month, monthName } = await page.evaluate(() => {
    const now = new Date();
    const next = new Date(now.getFullYear(), now.getMonth() + 1, 15);
    return {
      year: next.getFullYear(),
      month: next.getMonth() + 1,
      monthName: next.toLocaleString('en-US', { month: 'long' }),
    };
  });
  await page.getByRole('button', { name: `${monthName} 15, ${year}` }).click();
  const due = `${year}-${String(month).padStart(2, '0')}-15`;

  await chooseOption(page, dialog.getByRole('combobox', { name: 'Repeat' }), 'Weeks');
  await expect(dialog.getByLabel('Every')).toHaveValue('1');
  await dialog.getByLabel('Remind on').fill('2030-01-02');
  await dialog.getByLabel('Remind at').fill('18:30');
  await reviewAtBothWidths(page, 'task-form-filled');

  await dialog.getByRole('button', { name: 'Create task' }).click();
  await expect(dialog).toBeHidden();
  await expect.poll(() => shownTitles(page)).toContain('Water the plants');

  const stored = (await api.list()).find((t) => t.title === 'Water the plants');
  expect(stored).toMatchObject({
    labels: ['Errands', 'garden'],
    dueDate: due,
    recurrence: { every: 'week', interval: 1 },
    // 18:30 on 2 January in Los Angeles (UTC-8).
    remindAt: '2030-01-03T02:30:00.000Z',
  });

  // Shown back as picked.
  await page.getByRole('button', { name: 'Edit Water the plants' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit task' });
  await expect(edit.getByLabel('Remind at')).toHaveValue('18:30');
  await expect(edit.getByLabel('Remind on')).toHaveValue('1/2/2030');
  await expect(edit.getByLabel('Due date')).toHaveValue(`${month}/15/${year}`);
  await edit.getByRole('button', { name: 'Cancel' }).click();
  await expect(edit).toBeHidden();

  // Completing it brings the next occurrence, a week later.
  await page.getByRole('checkbox', { name: 'Water the plants', exact: true }).check();
  await expect.poll(async () => (await api.list()).filter((t) => t.title === 'Water the plants').length).toBe(2);
  await page.reload();
  await expect.poll(async () => (await shownTitles(page)).filter((t) => t === 'Water the plants').length).toBe(2);
  const next = (await api.list('&status=pending')).find((t) => t.title === 'Water the plants');
  const week = new Date(Date.UTC(year, month - 1, 22)).toISOString().slice(0, 10);
  expect(next).toMatchObject({ dueDate: week, labels: ['Errands', 'garden'], recurrence: { every: 'week', interval: 1 } });
});

test('clearing the labels, the due date, the recurrence and the reminder on edit stores null and []', async ({ page }) => {
  await waitForApi(page);
  await signUp(page, newPerson('Cleo'));
  const api = await taskApi(page);
  const task = await api.create({
    title: 'Everything set',
    labels: ['home'],
    dueDate: '2030-05-01',
    recurrence: { every: 'month', interval: 2 },
    remindAt: '2030-04-30T16:00:00.000Z',
  });
  await page.reload();
  await page.getByRole('button', { name: 'Edit Everything set' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit task' });
  await expect(edit.getByLabel('Every')).toHaveValue('2');
  await edit.getByRole('button', { name: 'Remove label home' }).click();
  await edit.getByRole('button', { name: 'Clear due date' }).click();
  await edit.getByRole('button', { name: 'Clear reminder' }).click();
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await expect(edit).toBeHidden();
  await expect.poll(() => api.get(task.id)).toMatchObject({ labels: [], dueDate: null, recurrence: null, remindAt: null });
});
