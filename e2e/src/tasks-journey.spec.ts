import { join } from 'node:path';
import { type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import {
  addTask,
  apiToken,
  chooseOption,
  expectNoSeriousA11yViolations,
  newPerson,
  readableStorage,
  shownTitles,
  signOut,
  signUp,
  waitForApi,
} from './support';

/** README screenshots; small viewports keep the files small. */
const SCREENSHOTS = join(__dirname, '../../docs/screenshots');

function row(page: Page, title: string) {
  return page.locator('app-task-item').filter({ has: page.getByRole('checkbox', { name: title, exact: true }) });
}

test.describe('two people manage their tasks', () => {
  test('each sees only their own tasks through create, edit, toggle, filter and delete', async ({ browser }) => {
    const ada = newPerson('Ada');
    const bob = newPerson('Bob');
    const adaContext = await browser.newContext();
    const bobContext = await browser.newContext();
    const adaPage = await adaContext.newPage();
    const bobPage = await bobContext.newPage();
    const cspErrors: string[] = [];
    for (const page of [adaPage, bobPage]) {
      page.on('console', (m) => {
        if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) cspErrors.push(m.text());
      });
    }
    await waitForApi(adaPage);

    await adaPage.goto('/sign-in');
    await expect(adaPage.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await expectNoSeriousA11yViolations(adaPage, 'sign-in');
    await adaPage.setViewportSize({ width: 900, height: 560 });
    await adaPage.screenshot({ path: join(SCREENSHOTS, 'sign-in.png') });
    await adaPage.setViewportSize({ width: 1280, height: 720 });

    await signUp(adaPage, ada);
    await expect(adaPage.getByText('No tasks yet')).toBeVisible();
    await expectNoSeriousA11yViolations(adaPage, 'empty task list');
    await signUp(bobPage, bob);

    await addTask(adaPage, { title: 'Ada report', description: 'Quarterly numbers', priority: 'High', dueDate: '2001-01-01' });
    await addTask(adaPage, { title: 'Ada groceries', priority: 'Low' });
    await addTask(bobPage, { title: 'Bob plans' });
    await expect(row(adaPage, 'Ada report')).toContainText('Overdue');

    // Edit: title and priority.
    await row(adaPage, 'Ada groceries').getByRole('button', { name: 'Edit Ada groceries' }).click();
    const dialog = adaPage.getByRole('dialog');
    await expect(dialog.getByLabel('Title')).toHaveValue('Ada groceries');
    await dialog.getByLabel('Title').fill('Ada shopping');
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await expect(dialog).toBeHidden();
    await expect(adaPage.getByRole('checkbox', { name: 'Ada shopping', exact: true })).toBeVisible();

    // Toggle complete; it sticks after a reload.
    await adaPage.getByRole('checkbox', { name: 'Ada report', exact: true }).check();
    await expect(row(adaPage, 'Ada report')).toContainText('Completed');
    await expect(row(adaPage, 'Ada report')).not.toContainText('Overdue');
    await adaPage.reload();
    await expect(adaPage.getByRole('checkbox', { name: 'Ada report', exact: true })).toBeChecked();

    // Filters: status tabs, priority, search.
    await adaPage.getByRole('tab', { name: 'Completed' }).click();
    await expect.poll(() => shownTitles(adaPage)).toEqual(['Ada report']);
    await adaPage.getByRole('tab', { name: 'Pending' }).click();
    await expect.poll(() => shownTitles(adaPage)).toEqual(['Ada shopping']);
    await adaPage.getByRole('tab', { name: 'All' }).click();
    await chooseOption(adaPage, adaPage.getByRole('combobox', { name: 'Priority' }), 'High');
    await expect.poll(() => shownTitles(adaPage)).toEqual(['Ada report']);
    await chooseOption(adaPage, adaPage.getByRole('combobox', { name: 'Priority' }), 'Any');
    await adaPage.getByRole('searchbox', { name: 'Search' }).fill('shop');
    await expect.poll(() => shownTitles(adaPage)).toEqual(['Ada shopping']);
    await adaPage.getByRole('searchbox', { name: 'Search' }).fill('');
    await expect.poll(() => shownTitles(adaPage)).toEqual(['Ada shopping', 'Ada report']);
    await expect(adaPage.getByText('1 – 2 of 2')).toBeVisible();
    await expectNoSeriousA11yViolations(adaPage, 'task list');
    await adaPage.screenshot({ path: join(SCREENSHOTS, 'tasks.png') });

    // Usable at 360 px: nothing forces a sideways scroll.
    await adaPage.setViewportSize({ width: 360, height: 740 });
    await expect(adaPage.getByRole('button', { name: 'Add task' })).toBeVisible();
    expect(await adaPage.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await adaPage.setViewportSize({ width: 1280, height: 720 });

    // Isolation: neither sees the other's tasks.
    await bobPage.reload();
    await expect.poll(() => shownTitles(bobPage)).toEqual(['Bob plans']);
    expect(await shownTitles(adaPage)).not.toContain('Bob plans');

    // Delete, with Undo on offer until the snackbar closes.
    await row(adaPage, 'Ada shopping').getByRole('button', { name: 'Delete Ada shopping' }).click();
    await expect(adaPage.locator('mat-snack-bar-container')).toContainText('Task deleted');
    await expectNoSeriousA11yViolations(adaPage, 'delete with undo');
    await expect.poll(() => shownTitles(adaPage)).toEqual(['Ada report']);
    await expect(adaPage.locator('mat-snack-bar-container')).toBeHidden({ timeout: 10_000 });
    await adaPage.reload();
    await expect.poll(() => shownTitles(adaPage)).toEqual(['Ada report']);
    await expect.poll(() => shownTitles(bobPage)).toEqual(['Bob plans']);

    // The token never lands anywhere script can read it.
    for (const page of [adaPage, bobPage]) {
      const token = await apiToken(page);
      expect(token.split('.')).toHaveLength(3);
      expect(await readableStorage(page)).not.toContain(token);
      expect(await readableStorage(page)).not.toContain(token.split('.')[2]);
      const cookies = await page.context().cookies();
      for (const c of cookies) {
        if (c.value.includes(token.split('.')[1])) throw new Error(`token in cookie ${c.name}`);
        if (c.name.includes('session')) expect(c.httpOnly).toBe(true);
      }
    }
    expect(cspErrors).toEqual([]);
    await adaContext.close();
    await bobContext.close();
  });

  test('the sign-up form is accessible and reports a taken email', async ({ page }) => {
    const carol = newPerson('Carol');
    await waitForApi(page);
    await signUp(page, carol);
    await signOut(page);
    await page.goto('/sign-up');
    await expectNoSeriousA11yViolations(page, 'sign-up');
    // Better Auth allows 3 sign-ups per 10 s from one address, and the tests
    // before this one signed people up from this machine: wait the window out,
    // so the answer below is about the email, not the rate limit.
    await page.waitForTimeout(10_500);
    await page.getByLabel('Name').fill('Carol again');
    await page.getByLabel('Email').fill(carol.email);
    await page.getByLabel('Password', { exact: true }).fill(carol.password);
    await page.getByLabel('Confirm password').fill(carol.password);
    await page.getByRole('button', { name: 'Sign up' }).click();
    await expect(page.getByText('An account with this email already exists.')).toBeVisible();
    await expect(page).toHaveURL(/\/sign-up/);
  });
});
