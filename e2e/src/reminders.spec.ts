import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { taskApi } from './task-api-support';
import { newPerson, readableStorage, reviewAtBothWidths, signUp, waitForApi } from './support';

/** Reloads the tasks page and waits for the reminders' walk of the pending tasks. */
async function reloadAndWalk(page: Page): Promise<void> {
  const walked = page.waitForResponse((r) => /\/tasks\?.*status=pending/.test(r.url()) && /limit=100/.test(r.url()));
  await page.reload();
  await walked;
}

test('a reminder fires in the portal at its time (clock under test control), and a missed one shows once on the next visit', async ({
  page,
}) => {
  await waitForApi(page);
  await signUp(page, newPerson('Rita'));
  const api = await taskApi(page);
  const now = Date.now();
  await page.clock.install({ time: now });
  await api.create({ title: 'Stretch your legs', remindAt: new Date(now + 2 * 60_000).toISOString() });
  await reloadAndWalk(page);
  const snackBar = page.locator('mat-snack-bar-container');
  await page.clock.fastForward('01:00');
  await expect(snackBar).toBeHidden();
  await page.clock.fastForward('01:30');
  await expect(snackBar).toContainText('Reminder: “Stretch your legs”');
  await reviewAtBothWidths(page, 'reminder-snackbar');
  await snackBar.getByRole('button', { name: 'Dismiss' }).click();

  // Missed while the portal was closed: shown on the next visit, then never again.
  await api.create({ title: 'Call the plumber', remindAt: new Date(now - 3_600_000).toISOString() });
  await reloadAndWalk(page);
  await expect(snackBar).toContainText('Missed reminder: “Call the plumber”');
  await snackBar.getByRole('button', { name: 'Dismiss' }).click();
  await reloadAndWalk(page);
  await page.waitForTimeout(500);
  await expect(snackBar).toBeHidden();
  // What the browser remembers holds no task text.
  expect(await readableStorage(page)).not.toContain('plumber');
});

test('with notifications allowed, the reminder comes as a browser Notification', async ({ page, context }) => {
  await context.grantPermissions(['notifications']);
  // Records what the page shows as notifications (a headless browser draws none).
  await page.addInitScript(() => {
    const shown: { title: string; body?: string }[] = [];
    (window as unknown as { shownNotifications: typeof shown }).shownNotifications = shown;
    const Native = window.Notification;
    class Recorded extends Native {
      constructor(title: string, options?: NotificationOptions) {
        super(title, options);
        shown.push({ title, body: options?.body });
      }
    }
    Object.defineProperty(Recorded, 'permission', { get: () => Native.permission });
    window.Notification = Recorded as typeof Notification;
  });
  await waitForApi(page);
  await signUp(page, newPerson('Nora'));
  expect(await page.evaluate(() => Notification.permission)).toBe('granted');
  const api = await taskApi(page);
  const now = Date.now();
  await page.clock.install({ time: now });
  await api.create({ title: 'Take the cake out', remindAt: new Date(now + 60_000).toISOString() });
  await reloadAndWalk(page);
  await page.clock.fastForward('01:05');
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { shownNotifications: unknown[] }).shownNotifications))
    .toEqual([{ title: 'Reminder', body: 'Take the cake out' }]);
  await expect(page.locator('mat-snack-bar-container')).toBeHidden();
});
