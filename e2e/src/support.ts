import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';

export const API_URL = process.env['E2E_API_URL'] ?? 'http://localhost:3000';

export interface Person {
  name: string;
  email: string;
  password: string;
}

export function newPerson(name: string): Person {
  const id = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  return { name, email: `${name.toLowerCase()}.${id}@example.test`, password: `pw-${id}-long` };
}

/** The API token the signed-in person's browser would attach (Better Auth's jwt plugin, on the frontend's server). */
export function apiToken(page: Page): Promise<string> {
  return page.evaluate(async () => (await (await fetch('/api/auth/token')).json()).token as string);
}

/** The header and claims of an API token, decoded by no library (the test reads what was signed). */
export function decodeToken(token: string): { header: Record<string, unknown>; claims: Record<string, unknown> } {
  const [header, claims] = token
    .split('.')
    .slice(0, 2)
    .map((part) => JSON.parse(Buffer.from(part, 'base64url').toString()));
  return { header, claims };
}

/** The titles the task list shows, once it has finished loading. */
export async function shownTitles(page: Page): Promise<string[]> {
  // The bar itself is hidden from the accessibility tree (screen readers hear "Loading tasks"), so not by role.
  await expect(page.locator('app-task-list mat-progress-bar')).toHaveCount(0);
  return page.locator('app-task-item mat-checkbox label').allTextContents().then((t) => t.map((s) => s.trim()));
}

/** Waits for the API to be ready (tools/start.mjs may start it after the frontend). */
export async function waitForApi(page: Page): Promise<void> {
  await expect
    .poll(async () => (await page.request.get(`${API_URL}/api/health/ready`).catch(() => null))?.status(), {
      timeout: 60_000,
    })
    .toBe(200);
}

/** Submits a form, and waits out Better Auth's per-address limit (3 per 10 s) if it bites. */
async function submitPatiently(page: Page, button: string, done: RegExp): Promise<void> {
  for (let attempt = 0; attempt < 4; attempt++) {
    await page.getByRole('button', { name: button, exact: true }).click();
    const outcome = await Promise.race([
      page.waitForURL(done, { timeout: 15_000 }).then(() => 'ok' as const),
      page
        .getByText(/Too many requests/)
        .waitFor({ timeout: 15_000 })
        .then(() => 'limited' as const),
    ]);
    if (outcome === 'ok') return;
    await page.waitForTimeout(10_500);
  }
  throw new Error(`${button} kept being rate limited`);
}

export async function signUp(page: Page, person: Person): Promise<void> {
  await page.goto('/sign-up');
  await page.getByLabel('Name').fill(person.name);
  await page.getByLabel('Email').fill(person.email);
  await page.getByLabel('Password', { exact: true }).fill(person.password);
  await page.getByLabel('Confirm password').fill(person.password);
  await submitPatiently(page, 'Sign up', /\/tasks/);
  await expect(page.getByRole('heading', { name: 'Inbox', level: 1 })).toBeVisible();
}

export async function signIn(page: Page, person: Person): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(person.email);
  await page.getByLabel('Password', { exact: true }).fill(person.password);
  await submitPatiently(page, 'Sign in', /\/tasks/);
}

/** The toolbar's account menu, opened (its code loads a moment after start, so opening is retried). */
export async function openAccountMenu(page: Page): Promise<void> {
  const trigger = page.getByRole('button', { name: /^Account: / });
  const item = page.getByRole('menuitem', { name: 'Sign out' });
  await expect(async () => {
    if (!(await item.isVisible())) await trigger.click();
    await expect(item).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
}

/** Signs out through the account menu and waits for the sign-in page. */
export async function signOut(page: Page): Promise<void> {
  await openAccountMenu(page);
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in/);
}

/** Tries to sign in with a password that must not work (waiting out the sign-in rate limit if it bites). */
export async function expectSignInRefused(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  for (let attempt = 0; attempt < 4; attempt++) {
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/auth/sign-in/email')),
      page.getByRole('button', { name: 'Sign in', exact: true }).click(),
    ]);
    if (response.status() === 429) {
      await page.waitForTimeout(10_500);
      continue;
    }
    await expect(page.getByRole('alert')).toHaveText('Email or password is incorrect.');
    await expect(page).toHaveURL(/\/sign-in/);
    return;
  }
  throw new Error('sign-in kept being rate limited');
}

export interface TaskInput {
  title: string;
  description?: string;
  priority?: 'Low' | 'Medium' | 'High';
  dueDate?: string;
}

/**
 * Picks an option of a Material select. Opening one while the previous panel
 * is still animating closed can be swallowed, so opening is retried until the
 * option shows, and the panel must be gone before the next step.
 */
export async function chooseOption(page: Page, combobox: Locator, option: string): Promise<void> {
  const item = page.getByRole('option', { name: option, exact: true });
  await expect(async () => {
    if (!(await item.isVisible())) await combobox.click();
    await expect(item).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  await item.click();
  await expect(page.getByRole('listbox')).toBeHidden();
}

/**
 * Waits until the task form has focused its title, as it does once its
 * opening animation ends. Typing into another field before that loses the
 * text to the title: the dialog moves focus there when it is ready (a
 * one-off CI failure, 'Ada report' created as 'Ada reportQuarterly numbers').
 */
export async function expectFormReady(dialog: Locator): Promise<void> {
  await expect(dialog.getByLabel('Title')).toBeFocused();
}

export async function addTask(page: Page, task: TaskInput): Promise<void> {
  await page.getByRole('button', { name: 'Add task' }).click();
  const dialog = page.getByRole('dialog');
  await expectFormReady(dialog);
  await dialog.getByLabel('Title').fill(task.title);
  if (task.description) await dialog.getByLabel('Description').fill(task.description);
  if (task.priority) await chooseOption(page, dialog.getByRole('combobox', { name: 'Priority' }), task.priority);
  if (task.dueDate) await dialog.getByLabel('Due date').fill(task.dueDate);
  await dialog.getByRole('button', { name: 'Create task' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('checkbox', { name: task.title, exact: true })).toBeVisible();
}

const axeSource = readFileSync(join(__dirname, '../../node_modules/axe-core/axe.min.js'), 'utf8');

/** axe-core, injected through the debugger (the CSP rightly forbids inline scripts). */
export async function expectNoSeriousA11yViolations(page: Page, label: string): Promise<void> {
  await page.evaluate(axeSource);
  // A reading during which an animation started (a snackbar whose time ran
  // out starts fading) is not a verdict on the page; it is taken again.
  let reading: AxeReading = { violations: [], animatedMeanwhile: false };
  for (let attempt = 1; attempt <= 3; attempt++) {
    await page.evaluate(untilSettled);
    reading = await page.evaluate(readAxe);
    if (reading.violations.length === 0 || !reading.animatedMeanwhile) break;
  }
  expect(reading.violations, `axe on ${label}`).toEqual([]);
}

interface AxeReading {
  violations: string[];
  animatedMeanwhile: boolean;
}

/**
 * In the page: until its animations have ended and its DOM has been quiet for
 * 250 ms (each wait at most 3 s). A dialog fading in has, for a moment, too
 * little contrast; a snackbar's content sits inside aria-hidden until
 * Material moves it into the live region, 150 ms after the snackbar appeared.
 */
async function untilSettled(): Promise<void> {
  const finite = document.getAnimations().filter((animation) => animation.effect?.getComputedTiming().iterations !== Infinity);
  const ended = Promise.all(finite.map((animation) => animation.finished.catch(() => undefined)));
  await Promise.race([ended, new Promise((resolve) => setTimeout(resolve, 3_000))]);
  await new Promise<void>((resolve) => {
    const done = () => {
      observer.disconnect();
      resolve();
    };
    let quiet = setTimeout(done, 250);
    const observer = new MutationObserver(() => {
      clearTimeout(quiet);
      quiet = setTimeout(done, 250);
    });
    observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
    setTimeout(done, 3_000);
  });
}

/** In the page: axe's serious and critical violations, and whether an animation started while it read. */
async function readAxe(): Promise<AxeReading> {
  const before = new Set(document.getAnimations());
  // CSS animations and transitions that start and end within the reading
  // are gone from getAnimations() by its end; their start events are not.
  let started = false;
  const onStart = () => (started = true);
  const events = ['animationstart', 'transitionrun'];
  for (const event of events) document.addEventListener(event, onStart, true);
  const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
  const result = await axe.run(document, { resultTypes: ['violations'] });
  for (const event of events) document.removeEventListener(event, onStart, true);
  return {
    animatedMeanwhile: started || document.getAnimations().some((animation) => !before.has(animation)),
    violations: result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`),
  };
}

/** Screenshots for review, not the README's: a run leaves them in dist/e2e/screenshots. */
const REVIEW_SCREENSHOTS = join(__dirname, '../../dist/e2e/screenshots');

/**
 * The page as it is now at 375 px and at 1280 px: axe-clean at both, with a
 * screenshot of each (`<name>-375.png`, `<name>-1280.png`). Ends at 1280 px.
 */
export async function reviewAtBothWidths(page: Page, name: string): Promise<void> {
  const height = page.viewportSize()?.height ?? 720;
  for (const width of [375, 1280]) {
    await page.setViewportSize({ width, height });
    // The layout answers a new width a few frames later (the navigation turns into a drawer and slides
    // away): let that start, so the wait for animations below sees it.
    await page.evaluate(() => new Promise((resolve) => setTimeout(() => requestAnimationFrame(() => requestAnimationFrame(resolve)), 50)));
    await expectNoSeriousA11yViolations(page, `${name}, ${width} px`);
    await page.screenshot({ path: join(REVIEW_SCREENSHOTS, `${name}-${width}.png`) });
  }
}

/** Reads everything script on the page could read; the token must be in none of it. */
export async function readableStorage(page: Page): Promise<string> {
  return page.evaluate(() => {
    const dump = (s: Storage) => Object.keys(s).map((k) => `${k}=${s.getItem(k)}`).join('\n');
    return [dump(localStorage), dump(sessionStorage), document.cookie].join('\n');
  });
}
