import { join } from 'node:path';
import { type Browser, type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import {
  API_URL,
  addTask,
  apiToken,
  decodeToken,
  expectNoSeriousA11yViolations,
  expectSignInRefused,
  newPerson,
  openAccountMenu,
  signIn,
  signOut,
  signUp,
  waitForApi,
  type Person,
} from './support';

const SCREENSHOTS = join(__dirname, '../../docs/screenshots');

/** The account page, reached the way a person does: through the toolbar's account menu. */
async function openAccount(page: Page): Promise<void> {
  await openAccountMenu(page);
  await page.getByRole('menuitem', { name: 'Account' }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page).toHaveTitle('Account · Taskgate');
  await expect(page.getByRole('heading', { name: 'Account', level: 1 })).toBeVisible();
}

function sessionList(page: Page) {
  return page.getByRole('list', { name: 'Active sessions' });
}

function card(page: Page, title: string) {
  return page.locator('section').filter({ has: page.getByRole('heading', { name: title, level: 2 }) });
}

/** A second browser (its own cookies) signed in as the same person. */
async function secondBrowser(browser: Browser, person: Person): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, person);
  return page;
}

test('the toolbar names the person and leads to the account page', async ({ page }) => {
  const ann = newPerson('Ann');
  await waitForApi(page);
  await signUp(page, ann);
  await expect(page.getByRole('button', { name: 'Account: Ann' })).toBeVisible();
  await openAccount(page);
  const profile = card(page, 'Profile');
  await expect(profile.getByLabel('Name')).toHaveValue('Ann');
  await expect(profile.getByLabel('Email')).toHaveValue(ann.email);
  await expect(profile.getByLabel('Email')).not.toBeEditable();

  await profile.getByLabel('Name').fill('  Ann Marie  ');
  await profile.getByRole('button', { name: 'Save name' }).click();
  await expect(profile.getByRole('status')).toHaveText('Name saved.');
  await expect(page.getByRole('button', { name: 'Account: Ann Marie' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('button', { name: 'Account: Ann Marie' })).toBeVisible();
  await expect(card(page, 'Profile').getByLabel('Name')).toHaveValue('Ann Marie');
});

test('changing the password: a wrong current one is refused, then the old one stops working and the new one works', async ({
  page,
  browser,
}) => {
  const bea = newPerson('Bea');
  await waitForApi(page);
  await signUp(page, bea);
  const laptop = await secondBrowser(browser, bea);
  await openAccount(page);
  await expect(sessionList(page).getByRole('listitem')).toHaveCount(2);

  const form = card(page, 'Change password');
  const newPassword = `${bea.password}-new`;
  await form.getByLabel('Current password').fill('not-the-password');
  await form.getByLabel('New password', { exact: true }).fill(newPassword);
  await form.getByLabel('Confirm new password').fill(newPassword);
  await expect(form.getByRole('checkbox', { name: 'Sign out of other devices' })).toBeChecked();
  await form.getByRole('button', { name: 'Change password' }).click();
  await expect(form.getByRole('alert')).toHaveText('Password not changed. Invalid password.');

  await form.getByLabel('Current password').fill(bea.password);
  await form.getByRole('button', { name: 'Change password' }).click();
  await expect(form.getByRole('status')).toHaveText('Password changed. Your other devices were signed out.');
  // This browser got a new session; the other one is gone.
  await expect(sessionList(page).getByRole('listitem')).toHaveCount(1);
  await expect(sessionList(page).getByRole('listitem')).toContainText('This device');
  // This browser keeps working with the API.
  await page.getByRole('link', { name: 'Taskgate' }).click();
  await addTask(page, { title: 'After the password change' });

  // The other browser's next API call lands it on sign-in.
  await laptop.getByRole('tab', { name: 'Pending' }).click();
  await expect(laptop).toHaveURL(/\/sign-in\?/);
  await expect(laptop.getByText('Your session has ended. Please sign in again.')).toBeVisible();
  await laptop.context().close();

  await signOut(page);
  await expectSignInRefused(page, bea.email, bea.password);
  await signIn(page, { ...bea, password: newPassword });
  await expect(page.getByRole('checkbox', { name: 'After the password change' })).toBeVisible();
});

test('two browsers see each other in the sessions list, and one signs the other out', async ({ page, browser }) => {
  const cy = newPerson('Cy');
  await waitForApi(page);
  await signUp(page, cy);
  await addTask(page, { title: 'Cy task' });
  const phone = await secondBrowser(browser, cy);
  await expect(phone.getByRole('checkbox', { name: 'Cy task' })).toBeVisible();

  await openAccount(page);
  const rows = sessionList(page).getByRole('listitem');
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: 'This device' })).toHaveCount(1);
  for (const text of [/Chrome \d+ on Linux/, /IP /, /Signed in \w{3} \d{1,2}, \d{4}/, /Last active \w{3} \d{1,2}, \d{4}/]) {
    await expect(rows.first()).toContainText(text);
    await expect(rows.last()).toContainText(text);
  }
  await expect(rows.first()).toContainText('This device');

  await openAccount(phone);
  await expect(sessionList(phone).getByRole('listitem')).toHaveCount(2);
  await expect(sessionList(phone).getByRole('listitem').filter({ hasText: 'This device' })).toHaveCount(1);
  await phone.getByRole('link', { name: 'Taskgate' }).click();
  await expect(phone.getByRole('checkbox', { name: 'Cy task' })).toBeVisible();

  // From the first browser, end the phone's session.
  const other = rows.filter({ hasNotText: 'This device' });
  await other.getByRole('button', { name: /^Sign out / }).click();
  await expect(card(page, 'Active sessions').getByRole('status')).toContainText(/Signed out .+\./);
  await expect(rows).toHaveCount(1);
  await expect(rows).toContainText('This device');

  // The phone's next API call is refused and it lands on sign-in.
  await phone.getByRole('tab', { name: 'Completed' }).click();
  await expect(phone).toHaveURL(/\/sign-in\?/);
  await expect(phone.getByText('Your session has ended. Please sign in again.')).toBeVisible();
  await expect(phone.getByText('Cy task')).toHaveCount(0);
  // The first browser is still signed in.
  await page.getByRole('link', { name: 'Taskgate' }).click();
  await expect(page.getByRole('checkbox', { name: 'Cy task' })).toBeVisible();
  await phone.context().close();
});

test('signing out in one tab signs out the other tabs of the browser at once', async ({ page, context }) => {
  const dee = newPerson('Dee');
  await waitForApi(page);
  await signUp(page, dee);
  const tab = await context.newPage();
  await tab.goto('/account');
  await expect(tab.getByRole('heading', { name: 'Account', level: 1 })).toBeVisible();

  await signOut(page);
  await expect(page.getByText('You signed out.')).toBeVisible();
  // No reload, no click: the other tab follows by itself.
  await expect(tab).toHaveURL(/\/sign-in\?signedOut=1$/);
  await expect(tab.getByText('You signed out.')).toBeVisible();
  await expect(tab.getByRole('heading', { name: 'Active sessions' })).toHaveCount(0);

  // A sign-in in one tab is picked up by the other on its next in-app navigation.
  await signIn(page, dee);
  await tab.getByRole('link', { name: 'Taskgate' }).click();
  await expect(tab).toHaveURL(/\/tasks$/);
  await expect(tab.getByRole('heading', { name: 'Inbox', level: 1 })).toBeVisible();
  await expect(tab.getByRole('button', { name: 'Account: Dee' })).toBeVisible();
});

test('"Sign out everywhere" ends every session: other browsers and other tabs included', async ({
  page,
  context,
  browser,
}) => {
  const eli = newPerson('Eli');
  await waitForApi(page);
  await signUp(page, eli);
  const tab = await context.newPage();
  await tab.goto('/tasks');
  await expect(tab.getByRole('heading', { name: 'Inbox', level: 1 })).toBeVisible();
  const laptop = await secondBrowser(browser, eli);

  await openAccount(page);
  await expect(sessionList(page).getByRole('listitem')).toHaveCount(2);
  await page.getByRole('button', { name: 'Sign out everywhere' }).click();
  await expect(page).toHaveURL(/\/sign-in\?signedOut=1$/);
  await expect(page.getByText('You signed out.')).toBeVisible();
  await expect(tab).toHaveURL(/\/sign-in\?signedOut=1$/);

  await laptop.getByRole('tab', { name: 'Pending' }).click();
  await expect(laptop).toHaveURL(/\/sign-in\?/);
  for (const p of [page, laptop]) {
    expect(await p.evaluate(async () => (await fetch('/api/auth/token')).status)).toBe(401);
  }
  await laptop.context().close();
});

test('deleting the account: a wrong password deletes nothing; the right one erases it', async ({ page }) => {
  const fay = newPerson('Fay');
  await waitForApi(page);
  await signUp(page, fay);
  await addTask(page, { title: 'Fay secret' });
  const token = await apiToken(page);
  const userId = decodeToken(token).claims['sub'] as string;
  await openAccount(page);
  const zone = card(page, 'Delete account');
  await expect(zone).toContainText(
    'your account, every session, and all your tasks, labels and their history; this cannot be undone',
  );

  await zone.getByRole('button', { name: 'Delete account…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete your account?' });
  await dialog.getByLabel('Password').fill('not-my-password');
  await dialog.getByRole('button', { name: 'Delete account' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('Account not deleted. Invalid password.');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await page.getByRole('link', { name: 'Taskgate' }).click();
  await expect(page.getByRole('checkbox', { name: 'Fay secret' })).toBeVisible();

  await openAccount(page);
  await card(page, 'Delete account').getByRole('button', { name: 'Delete account…' }).click();
  await dialog.getByLabel('Password').fill(fay.password);
  await dialog.getByRole('button', { name: 'Delete account' }).click();
  await expect(page).toHaveURL(/\/sign-in\?deleted=1$/);
  await expect(page.getByText('Your account was deleted.')).toBeVisible();

  // Its API tokens are refused from now on, and the account cannot sign in.
  await expect
    .poll(async () => (await page.request.get(`${API_URL}/api/${userId}/tasks`, { headers: { Authorization: `Bearer ${token}` } })).status())
    .toBe(401);
  await expectSignInRefused(page, fay.email, fay.password);
});

test('the API access panel shows the token only on request, with a countdown, a copy button and a curl line', async ({
  page,
  context,
}) => {
  const gus = newPerson('Gus');
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await waitForApi(page);
  await signUp(page, gus);
  await openAccount(page);
  const panel = card(page, 'API access');
  await expect(panel.getByLabel('API token')).toHaveCount(0);
  const docs = panel.getByRole('link', { name: /Open Swagger UI/ });
  await expect(docs).toHaveAttribute('href', `${API_URL}/api/docs`);
  await expect(docs).toHaveAttribute('target', '_blank');
  await expect(docs).toHaveAttribute('rel', 'noopener');
  await expect(panel).toContainText('use its Authorize button and paste the token');

  await panel.getByRole('button', { name: 'Show my API token' }).click();
  const shown = panel.getByLabel('API token');
  await expect(shown).toHaveValue(/^[\w-]+\.[\w-]+\.[\w-]+$/);
  const token = await shown.inputValue();
  const userId = decodeToken(token).claims['sub'] as string;
  await expect(panel).toContainText(`Your user id: ${userId}`);
  await expect(panel.getByLabel('curl command')).toHaveValue(
    `curl -H "Authorization: Bearer ${token}" ${API_URL}/api/${userId}/tasks`,
  );
  // The line works as written.
  const res = await page.request.get(`${API_URL}/api/${userId}/tasks`, { headers: { Authorization: `Bearer ${token}` } });
  expect(res.status()).toBe(200);

  const timer = panel.getByRole('timer');
  await expect(timer).toHaveText(/^Expires in \d+:\d\d$/);
  const first = await timer.textContent();
  await expect(timer).not.toHaveText(first ?? '');

  await panel.getByRole('button', { name: 'Copy token' }).click();
  await expect(page.getByText('Token copied.')).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);

  // The e2e stack issues 20-second tokens: watch this one run out.
  await expect(panel.getByText('This token has expired.')).toBeVisible({ timeout: 30_000 });
  await panel.getByRole('button', { name: 'Get a fresh token' }).click();
  await expect(shown).not.toHaveValue(token);
  await expect(timer).toHaveText(/^Expires in \d+:\d\d$/);

  // Leaving the page takes the token off the screen.
  await page.getByRole('link', { name: 'Taskgate' }).click();
  await page.goBack();
  await expect(page.getByRole('button', { name: 'Show my API token' })).toBeVisible();
  await expect(page.getByLabel('API token')).toHaveCount(0);
});

test('the account page is accessible, light and dark, wide and narrow', async ({ page }) => {
  const hal = newPerson('Hal');
  await waitForApi(page);
  await signUp(page, hal);
  await page.setViewportSize({ width: 1280, height: 900 });
  await openAccount(page);
  await expect(sessionList(page).getByRole('listitem')).toHaveCount(1);
  await card(page, 'API access').getByRole('button', { name: 'Show my API token' }).click();
  await expect(page.getByLabel('API token')).toBeVisible();
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const width of [1280, 375]) {
      await page.setViewportSize({ width, height: 900 });
      await expectNoSeriousA11yViolations(page, `account, ${scheme}, ${width} px`);
      // Nothing sideways: the page fits the screen.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    }
  }
  await page.getByRole('button', { name: 'Hide token' }).click();
  await page.emulateMedia({ colorScheme: 'light' });
  // The whole page in one viewport, so the sticky toolbar stays on top.
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.evaluate(() => window.scrollTo(0, 0));
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: 1280, height });
  await page.screenshot({ path: join(SCREENSHOTS, 'account.png') });
});
