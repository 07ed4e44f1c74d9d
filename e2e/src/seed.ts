import { expect, type Page } from '@playwright/test';
import { API_URL, apiToken, decodeToken } from './support';

/** A far-east zone (UTC+14): most hours of the day its date is not UTC's, so a view that counted days in UTC would show the wrong tasks. */
export const PERSON_TIME_ZONE = 'Pacific/Kiritimati';

/** The person's own date `days` from today, `YYYY-MM-DD`, in PERSON_TIME_ZONE. */
export function localDay(days = 0, zone = PERSON_TIME_ZONE): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(),
  );
  const [year, month, date] = today.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, date + days)).toISOString().slice(0, 10);
}

export interface SeedTask {
  title: string;
  dueDate?: string | null;
  labels?: string[];
  completed?: boolean;
  priority?: 'low' | 'medium' | 'high';
  description?: string | null;
}

/** Creates tasks through the API with the signed-in page's own token, in order; answers their ids. */
export async function seedTasks(page: Page, tasks: SeedTask[]): Promise<string[]> {
  const token = await apiToken(page);
  const userId = decodeToken(token).claims['sub'] as string;
  const ids: string[] = [];
  for (const task of tasks) {
    const res = await page.request.post(`${API_URL}/api/${encodeURIComponent(userId)}/tasks`, {
      headers: { Authorization: `Bearer ${token}` },
      data: task,
    });
    expect(res.status(), `seeding “${task.title}”: ${await res.text()}`).toBe(201);
    ids.push(((await res.json()) as { id: string }).id);
  }
  return ids;
}

/** The navigation's link to a view, by its name; its accessible name carries the count ("Today 3 tasks"). */
export function navLink(page: Page, name: string) {
  return page.getByRole('navigation', { name: 'Task views' }).getByRole('link', { name: new RegExp(`^${name}( \\d+ tasks?)?$`) });
}

/** Expects the navigation to show `count` for a view. */
export async function expectCount(page: Page, name: string, count: number): Promise<void> {
  await expect(navLink(page, name)).toHaveAccessibleName(`${name} ${count} ${count === 1 ? 'task' : 'tasks'}`);
}

/**
 * True when the API answers the route 200 (before it exists, `tasks/summary`
 * is read as a task id and answers 400): export and summary land on the API
 * branch after the views, and a browser test of one that is not there yet is
 * marked fixme rather than failed.
 */
export async function apiHas(page: Page, pathAndQuery: string): Promise<boolean> {
  const token = await apiToken(page);
  const userId = decodeToken(token).claims['sub'] as string;
  const res = await page.request.get(`${API_URL}/api/${encodeURIComponent(userId)}/${pathAndQuery}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  return res.ok();
}
