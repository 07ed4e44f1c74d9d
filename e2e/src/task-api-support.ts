import type { Page } from '@playwright/test';
import type { CreateTaskRequest, Task } from '@taskgate/api-contract';
import { API_URL, apiToken, decodeToken } from './support';

/** The signed-in person's tasks API, called as a script would (to seed tasks and to check what the portal stored). */
export async function taskApi(page: Page) {
  const token = async () => apiToken(page);
  const sub = decodeToken(await token()).claims.sub as string;
  const base = `${API_URL}/api/${encodeURIComponent(sub)}/tasks`;
  const headers = async () => ({ Authorization: `Bearer ${await token()}` });
  return {
    async create(body: CreateTaskRequest): Promise<Task> {
      const response = await page.request.post(base, { headers: await headers(), data: body });
      if (response.status() !== 201) throw new Error(`create: ${response.status()} ${await response.text()}`);
      return (await response.json()) as Task;
    },
    async list(query = ''): Promise<Task[]> {
      const response = await page.request.get(`${base}?limit=100${query}`, { headers: await headers() });
      if (response.status() !== 200) throw new Error(`list: ${response.status()}`);
      return (await response.json()) as Task[];
    },
    /** The task, or null once it is gone (404). */
    async get(id: string): Promise<Task | null> {
      const response = await page.request.get(`${base}/${id}`, { headers: await headers() });
      if (response.status() === 404) return null;
      return (await response.json()) as Task;
    },
    async remove(id: string): Promise<void> {
      await page.request.delete(`${base}/${id}`, { headers: await headers() });
    },
  };
}
