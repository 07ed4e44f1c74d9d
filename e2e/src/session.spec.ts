import { expect, test } from './fixtures';
import { addTask, apiToken, decodeToken, newPerson, signIn, signOut, signUp, waitForApi } from './support';

test('a deep link goes through sign-in and back', async ({ page }) => {
  const dan = newPerson('Dan');
  await waitForApi(page);
  await signUp(page, dan);
  await signOut(page);

  await page.goto('/tasks?status=pending');
  await expect(page).toHaveURL(/\/sign-in\?returnUrl=/);
  await page.getByLabel('Email').fill(dan.email);
  await page.getByLabel('Password', { exact: true }).fill('wrong-password-123');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toHaveText('Email or password is incorrect.');

  await page.getByLabel('Password', { exact: true }).fill(dan.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/tasks\?status=pending$/);
  await expect(page.getByRole('tab', { name: 'Pending' })).toHaveAttribute('aria-selected', 'true');
});

test('the session survives a reload; after sign-out nothing private is reachable', async ({ page }) => {
  const eve = newPerson('Eve');
  await waitForApi(page);
  await signUp(page, eve);
  await addTask(page, { title: 'Eve private plan' });
  await page.reload();
  await expect(page.getByRole('checkbox', { name: 'Eve private plan' })).toBeVisible();

  await signOut(page);
  await page.goBack();
  await expect(page).toHaveURL(/\/sign-in\?returnUrl=%2Ftasks/);
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expect(page.getByText('Eve private plan')).toHaveCount(0);

  await page.goto('/tasks');
  await expect(page).toHaveURL(/\/sign-in\?returnUrl=%2Ftasks/);
  await expect(page.getByText('Eve private plan')).toHaveCount(0);
  const tokenStatus = await page.evaluate(async () => (await fetch('/api/auth/token')).status);
  expect(tokenStatus).toBe(401);

  await signIn(page, eve);
  await expect(page.getByRole('checkbox', { name: 'Eve private plan' })).toBeVisible();
});

test('the token renews in the background without the user noticing', async ({ page }) => {
  const fay = newPerson('Fay');
  await waitForApi(page);
  await signUp(page, fay);
  await addTask(page, { title: 'Before expiry' });
  const claims = decodeToken(await apiToken(page)).claims as { exp: number; iat: number };
  const lifetime = (claims.exp - claims.iat) * 1000;
  expect(lifetime).toBeLessThanOrEqual(60_000);

  // Past the first token's lifetime.
  await page.waitForTimeout(lifetime + 2_000);
  await addTask(page, { title: 'After expiry' });
  await page.getByRole('checkbox', { name: 'Before expiry' }).check();
  await expect(page.getByRole('checkbox', { name: 'Before expiry' })).toBeChecked();
  await expect(page).toHaveURL(/\/tasks/);
  await expect(page.getByText(/session has ended/)).toHaveCount(0);
});
