import type { Task } from '@taskgate/api-contract';

export function aTask(overrides: Partial<Task> = {}): Task {
  return {
    id: 't1',
    userId: 'user-1',
    title: 'Write the quarterly report',
    description: null,
    completed: false,
    priority: 'medium',
    dueDate: null,
    completedAt: null,
    createdAt: '2026-11-22T10:00:00.000Z',
    updatedAt: '2026-11-22T10:00:00.000Z',
    labels: [],
    recurrence: null,
    remindAt: null,
    ...overrides,
  };
}

/** Lets pending timers, promises and change detection run. */
export function settle(ms = 0): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Waits until `check` holds; zoneless change detection and Material's
 * dialog animations settle on their own schedule. Up to 5 s: it returns as
 * soon as `check` holds, and on a CI machine busy with other suites a
 * 1 s wait once ran out before the first request of a debounced walk
 * (reminders.spec.ts, CI at ae875b2).
 */
export async function until(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check() && Date.now() < end) await settle(10);
}
